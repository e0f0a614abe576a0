using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// Parses a coroutine body into the statement IR (<see cref="StatementSpec"/>): awaits are spilled to statement
/// level, locals renamed, jumps resolved to their targets; a <c>foreach</c>, <c>using</c> or <c>switch</c> that
/// awaits becomes a bound statement (Model/BoundStatements.cs) that the desugaring passes of the lowering pipeline lower.
/// </summary>
internal sealed partial class BodyParser : ILoweringContext
{
    private readonly SemanticModel _model;
    private readonly IMethodSymbol _method;
    private readonly MethodDeclarationSyntax _syntax;
    private readonly SyntaxNode _body;
    private readonly SourceText _text;
    private readonly CancellationToken _ct;
    private readonly AwaitRegions _awaits = new();
    private readonly LocalTable _locals = new();
    private readonly SourceEdits _edits;
    private readonly JumpTargets _jumps = new();
    private readonly AnonymousTypeHelpers _anonymousTypes;
    private ClosurePlan _closures = ClosurePlan.None;   // set by PlanClosures, a stage of its own
    private readonly ContainingTypeAccessors _accessors = new();
    private readonly ResolvedLocalTypes _entryPointLocalTypes = new();

    public BodyParser(SemanticModel model, IMethodSymbol method, MethodDeclarationSyntax syntax, CancellationToken ct)
    {
        _model = model;
        _method = method;
        _syntax = syntax;
        _body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!;
        _text = syntax.SyntaxTree.GetText(ct);
        _ct = ct;
        _edits = new SourceEdits(_text);
        _anonymousTypes = new AnonymousTypeHelpers(method, _locals);
    }

    /// <summary>The first construct that cannot be lowered, if any.</summary>
    public (string What, SyntaxNode Node)? Unsupported { get; private set; }

    public MachineBodySpec? Parse()
    {
        try
        {
            if (HasCompileError())
                return null;   // the method reports its own errors; no CORO101 either
            _awaits.Mark(_body);
            CollectLocals();
            PlanClosures();
            CollectEdits();
            var statements = _body switch
            {
                BlockSyntax block => ParseBlock(block.Statements, block),
                ArrowExpressionClauseSyntax arrow => ParseArrow(arrow),
                _ => throw new NotLoweredException("A method without a body", _syntax),
            };
            return LoweringPipeline.Run(statements, this) with
            {
                Closures = ClosureSpecs(),
                TypeHelpers = _anonymousTypes.TypeHelpers.ToEquatableArray(),
                TypePrototypes = _anonymousTypes.PrototypeDeclarations.ToEquatableArray(),
                DeclaresFunctions = _body.DescendantNodes().Any(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax),
            };
        }
        catch (NotLoweredException e)
        {
            Unsupported = (e.What, e.Node);
            return null;
        }
        catch (System.InsufficientExecutionStackException)
        {
            // Roslyn's own recursion (a syntax rewriter, the binder) ran short of stack on a deeply nested expression
            Unsupported = ("An expression nested too deeply for the generator", _syntax.Identifier.Parent ?? _syntax);
            return null;
        }
    }

    SyntaxNode ILoweringContext.DeclarationOf(MovedLocal local) => local.Declaration ?? _syntax;

    IReadOnlyList<MovedLocal> ILoweringContext.Locals => _locals.All;

    IReadOnlyList<Closure> ILoweringContext.Closures => _closures.Closures;

    bool ILoweringContext.IsClosureFunction(CodeText text) => _closures.IsClosureFunction(text);

    CodeText ILoweringContext.NewTemp(string type, string origin, bool holdsReferences, TempRole role) => NewTemp(type, origin, holdsReferences, role).Slot;

    CodeText ILoweringContext.NewTemp(TempType type, string origin, TempRole role) => NewTemp(type, origin, role).Slot;

    int ILoweringContext.NewId() => NewId();

    private BlockStatement ParseArrow(ArrowExpressionClauseSyntax arrow)
    {
        var list = new List<StatementSpec>();
        bool hasAwait = HasAwait(arrow);
        if (hasAwait)
            list.Add(Comment(arrow.Expression));
        if (_method.ReturnType is INamedTypeSymbol { IsGenericType: true })
            list.Add(new ReturnStatement(Spill(arrow.Expression, list), LineOf(arrow.Expression)));
        else
            ParseExpressionStatement(arrow.Expression, list);
        return new BlockStatement(list.ToEquatableArray(), hasAwait);
    }

    // ---- awaits and captures ----

    private bool HasAwait(SyntaxNode node) => _awaits.Contains(node);

    private bool IsLoweredLoop(StatementSyntax statement) => _awaits.IsLoweredLoop(statement);

    internal static StatementSyntax? LoopBodyOf(StatementSyntax loop) => loop switch
    {
        WhileStatementSyntax w => w.Statement,
        DoStatementSyntax d => d.Statement,
        ForStatementSyntax f => f.Statement,
        CommonForEachStatementSyntax f => f.Statement,
        _ => null,
    };


    // ---- statements ----

    private BlockStatement ParseBlock(IEnumerable<StatementSyntax> statements, SyntaxNode owner, bool scopeEntry = true)
    {
        var list = new List<StatementSpec>();
        var items = statements.ToList();
        bool flattened = IsFlattenedContainer(owner) || owner is not BlockSyntax and not SwitchSectionSyntax && HasAwait(owner);
        if (scopeEntry && !(owner.Parent is ForEachStatementSyntax loop && loop.Statement == owner))
            AllocateClosure(owner, list);   // a foreach allocates before assigning its iteration variable
        for (int i = 0; i < items.Count; i++)
        {
            _ct.ThrowIfCancellationRequested();
            if (items[i] is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } usingDeclaration && flattened)
            {
                // A using declaration disposes at the end of its block: the rest of the block is its body.
                var rest = ParseBlock(items.Skip(i + 1), owner, scopeEntry: false);
                list.Add(Comment(usingDeclaration));
                ParseUsingResources(usingDeclaration.Declaration, null, usingDeclaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword), rest, usingDeclaration, list);
                break;
            }
            ParseStatement(items[i], list);
        }
        return new BlockStatement(list.ToEquatableArray(), flattened);
    }

    private BlockStatement ParseEmbedded(StatementSyntax statement) => statement is BlockSyntax block
        ? ParseBlock(block.Statements, block)
        : ParseBlock(new[] { statement }, statement);

    private void ParseStatement(StatementSyntax statement, List<StatementSpec> list)
    {
        switch (statement)
        {
            case BlockSyntax block:
                list.Add(ParseBlock(block.Statements, block));
                break;
            case EmptyStatementSyntax:
                break;
            case LocalDeclarationStatementSyntax declaration:
                ParseDeclaration(declaration, list);
                break;
            case ExpressionStatementSyntax expression:
                if (HasAwait(expression))
                    list.Add(Comment(expression));
                ParseExpressionStatement(expression.Expression, list);
                break;
            case IfStatementSyntax ifStatement:
                ParseIf(ifStatement, list);
                break;
            case WhileStatementSyntax loop:
                ParseWhile(loop, list);
                break;
            case DoStatementSyntax loop:
                ParseDo(loop, list);
                break;
            case ForStatementSyntax loop:
                ParseFor(loop, list);
                break;
            case ForEachStatementSyntax loop:
                ParseForEach(loop, loop.Expression, list);
                break;
            case ForEachVariableStatementSyntax loop:
                ParseForEach(loop, loop.Expression, list);
                break;
            case BreakStatementSyntax:
                list.Add(new BreakStatement(TargetOf(statement, loops: false), LineOf(statement)));
                break;
            case ContinueStatementSyntax:
                list.Add(new ContinueStatement(TargetOf(statement, loops: true), LineOf(statement)));
                break;
            case ReturnStatementSyntax returnStatement:
                ParseReturn(returnStatement, list);
                break;
            case ThrowStatementSyntax throwStatement:
                ParseThrow(throwStatement, list);
                break;
            case TryStatementSyntax tryStatement:
                ParseTry(tryStatement, list);
                break;
            case UsingStatementSyntax usingStatement:
                ParseUsing(usingStatement, list);
                break;
            case SwitchStatementSyntax switchStatement:
                ParseSwitch(switchStatement, list);
                break;
            case LocalFunctionStatementSyntax localFunction:
                list.Add(ParseLocalFunction(localFunction));
                break;
            case LockStatementSyntax lockStatement:
                RequireNoAwait(lockStatement, "An await inside a lock statement");
                list.Add(new PlainCompoundStatement(Header(lockStatement, lockStatement.CloseParenToken), ParseEmbedded(lockStatement.Statement), LineOf(statement)));
                break;
            case CheckedStatementSyntax checkedStatement:
                list.Add(new PlainCompoundStatement(CodeText.Verbatim(checkedStatement.Keyword.Text), ParseBlock(checkedStatement.Block.Statements, checkedStatement.Block), LineOf(statement)));
                break;
            case UnsafeStatementSyntax unsafeStatement:
                RequireNoAwait(unsafeStatement, "An await inside an unsafe block");
                list.Add(new PlainCompoundStatement(CodeText.Verbatim("unsafe"), ParseBlock(unsafeStatement.Block.Statements, unsafeStatement.Block), LineOf(statement)));
                break;
            case FixedStatementSyntax fixedStatement:
                RequireNoAwait(fixedStatement, "An await inside a fixed statement");
                list.Add(new PlainCompoundStatement(Header(fixedStatement, fixedStatement.CloseParenToken), ParseEmbedded(fixedStatement.Statement), LineOf(statement)));
                break;
            case LabeledStatementSyntax labeled:
                ParseLabeled(labeled, list);
                break;
            case GotoStatementSyntax gotoStatement:
                ParseGoto(gotoStatement, list);
                break;
            default:
                throw new NotLoweredException($"A {statement.Kind()} statement", statement);
        }
    }

    private void RequireNoAwait(SyntaxNode node, string what)
    {
        if (HasAwait(node))
            throw new NotLoweredException(what, node);
    }

    private void ParseDeclaration(LocalDeclarationStatementSyntax declaration, List<StatementSpec> list)
    {
        var first = declaration.Declaration.Variables.FirstOrDefault();
        var moved = first is not null && _model.GetDeclaredSymbol(first, _ct) is ILocalSymbol local && _locals.Moved.TryGetValue(local, out var found) ? found : null;
        if (moved is null || moved.RefLike)
        {
            // a ref struct local keeps its declaration in place (see CollectLocals)
            if (moved is not null && HasAwait(declaration))
                throw new NotLoweredException("A local of ref struct type whose initializer awaits", declaration);
            list.Add(new TextStatement(Render(declaration), LineOf(declaration)));
            return;
        }
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
            throw new NotLoweredException("A using declaration outside a block", declaration);
        if (HasAwait(declaration))
            list.Add(Comment(declaration));
        foreach (var variable in declaration.Declaration.Variables)
        {
            if (variable.Initializer is null)
                continue;
            var target = _locals.Moved[_model.GetDeclaredSymbol(variable, _ct)!];
            AssignTo(target.Slot, variable.Initializer.Value, target.Type, list);
        }
    }

    /// <summary><c>target = value;</c> with the awaits of <paramref name="value"/> spilled before it.</summary>
    private void AssignTo(CodeText target, ExpressionSyntax value, string targetType, List<StatementSpec> list)
    {
        if (value is AwaitExpressionSyntax await)
        {
            SpillAwaitStatement(await, target, list);
            return;
        }
        CodeText text = value is InitializerExpressionSyntax arrayInitializer
            ? CodeText.Of($"new {targetType} {Spill(arrayInitializer, list)}")
            : Spill(value, list);
        list.Add(new TextStatement(CodeText.Of($"{target} = {text};"), LineOf(value)));
    }

    /// <summary>
    /// <c>target = await operand;</c> (<c>await operand;</c> when <paramref name="target"/> is null): the spilling pass
    /// turns it into the statements that evaluate the operand and an <see cref="AwaitStatement"/> into the target.
    /// </summary>
    private void SpillAwaitStatement(AwaitExpressionSyntax await, CodeText? target, List<StatementSpec> list)
    {
        _ct.ThrowIfCancellationRequested();
        var bound = BindAwait(await, wholeStatement: true, target);
        list.Add(new SpillStatement(NewSpillId(), bound));
    }

    private void ParseExpressionStatement(ExpressionSyntax expression, List<StatementSpec> list)
    {
        if (!HasAwait(expression))
        {
            list.Add(new TextStatement(CodeText.Of($"{Render(expression)};"), LineOf(expression)));
            return;
        }
        switch (expression)
        {
            case AwaitExpressionSyntax await:
                SpillAwaitStatement(await, null, list);
                return;
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax left, Right: AwaitExpressionSyntax await }
                when _model.GetSymbolInfo(left, _ct).Symbol is not IEventSymbol:
                SpillAwaitStatement(await, Render(left), list);
                return;
            case ConditionalAccessExpressionSyntax access when HasAwait(access.WhenNotNull):
                SpillConditionalAccess(access, list, discard: true);
                return;
            case AssignmentExpressionSyntax assignment:
                if (SpillAssignment(assignment, list, discard: true) is { } assigned)
                    list.Add(new TextStatement(CodeText.Of($"{assigned};"), LineOf(expression)));
                return;
            default:
                CodeText text = Spill(expression, list);
                list.Add(new TextStatement(CodeText.Of($"{text};"), LineOf(expression)));
                return;
        }
    }

    private void ParseIf(IfStatementSyntax ifStatement, List<StatementSpec> list)
    {
        bool hasAwait = HasAwait(ifStatement);
        if (hasAwait)
            list.Add(Comment(ifStatement.IfKeyword, ifStatement.CloseParenToken));
        var condition = ConditionOf(ifStatement.Condition, Spill(ifStatement.Condition, list));
        var then = ParseEmbedded(ifStatement.Statement);
        BlockStatement? otherwise = null;
        if (ifStatement.Else is { } elseClause)
            otherwise = ParseEmbedded(elseClause.Statement);
        list.Add(new IfStatement(condition, then, otherwise, then.HasAwait || (otherwise?.HasAwait ?? false), LineOf(ifStatement.Condition)));
    }

    /// <summary>
    /// The condition the user wrote as <paramref name="syntax"/>, spilled to <paramref name="code"/>. Spilling keeps the
    /// outermost shape of the expression (an await becomes its temporary), so the syntax says whether it needs parentheses.
    /// </summary>
    private static CodeCondition ConditionOf(ExpressionSyntax syntax, CodeText code) => new(code, syntax switch
    {
        IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or LiteralExpressionSyntax or ThisExpressionSyntax or AwaitExpressionSyntax => CodeShape.Primary,
        _ => CodeShape.Any,
    });

    private void ParseWhile(WhileStatementSyntax loop, List<StatementSpec> list)
    {
        if (!HasAwait(loop))
        {
            ParsePlainLoop(loop, Header(loop, loop.CloseParenToken), loop.Statement, null, list);
            return;
        }
        int id = NewId();
        list.Add(Comment(loop.WhileKeyword, loop.CloseParenToken));
        var prefix = new List<StatementSpec>();
        var condition = ConditionOf(loop.Condition, Spill(loop.Condition, prefix));
        var body = WithTarget(id, isLoop: true, () => ParseEmbedded(loop.Statement));
        list.Add(new LoweredLoopStatement(id, LoopKind.While, prefix.ToEquatableArray(), condition, body, EquatableArray<StatementSpec>.Empty, false, LineOf(loop)));
    }

    private void ParseDo(DoStatementSyntax loop, List<StatementSpec> list)
    {
        if (!HasAwait(loop))
        {
            ParsePlainLoop(loop, CodeText.Verbatim("do"), loop.Statement, Render(TextSpan.FromBounds(loop.WhileKeyword.SpanStart, loop.SemicolonToken.Span.End)), list);
            return;
        }
        int id = NewId();
        list.Add(new CommentStatement("do", LineOf(loop)));
        var body = WithTarget(id, isLoop: true, () => ParseEmbedded(loop.Statement));
        var prefix = new List<StatementSpec>();
        var condition = ConditionOf(loop.Condition, Spill(loop.Condition, prefix));
        list.Add(new LoweredLoopStatement(id, LoopKind.Do, prefix.ToEquatableArray(), condition, body, EquatableArray<StatementSpec>.Empty, true, LineOf(loop.Condition)));
    }

    private void ParseFor(ForStatementSyntax loop, List<StatementSpec> list)
    {
        if (!HasAwait(loop))
        {
            ParsePlainLoop(loop, Header(loop, loop.CloseParenToken), loop.Statement, null, list);
            return;
        }
        int id = NewId();
        list.Add(Comment(loop.ForKeyword, loop.CloseParenToken));
        AllocateClosure(loop, list);   // C#: one set of for variables per run of the loop, not per iteration
        if (loop.Declaration is { } declaration)
        {
            foreach (var variable in declaration.Variables)
            {
                if (variable.Initializer is null)
                    continue;
                var target = _locals.Moved[_model.GetDeclaredSymbol(variable, _ct)!];
                AssignTo(target.Slot, variable.Initializer.Value, target.Type, list);
            }
        }
        foreach (var initializer in loop.Initializers)
            ParseExpressionStatement(initializer, list);
        var prefix = new List<StatementSpec>();
        var condition = loop.Condition is null ? null : ConditionOf(loop.Condition, Spill(loop.Condition, prefix));
        var body = WithTarget(id, isLoop: true, () => ParseEmbedded(loop.Statement));
        var increment = new List<StatementSpec>();
        foreach (var incrementor in loop.Incrementors)
            ParseExpressionStatement(incrementor, increment);
        list.Add(new LoweredLoopStatement(id, LoopKind.For, prefix.ToEquatableArray(), condition, body, increment.ToEquatableArray(), false, LineOf(loop)));
    }

    private void ParsePlainLoop(StatementSyntax loop, CodeText header, StatementSyntax bodySyntax, CodeText? trailer, List<StatementSpec> list)
    {
        int id = NewId();
        var body = WithTarget(id, isLoop: true, () => ParseEmbedded(bodySyntax));
        list.Add(new PlainLoopStatement(id, header, body, trailer, LineOf(loop)));
    }

    private void ParseReturn(ReturnStatementSyntax returnStatement, List<StatementSpec> list)
    {
        if (returnStatement.Expression is null)
        {
            list.Add(new ReturnStatement(null, LineOf(returnStatement)));
            return;
        }
        if (HasAwait(returnStatement))
            list.Add(Comment(returnStatement));
        list.Add(new ReturnStatement(Spill(returnStatement.Expression, list), LineOf(returnStatement)));
    }

    private void ParseThrow(ThrowStatementSyntax throwStatement, List<StatementSpec> list)
    {
        if (throwStatement.Expression is null)
        {
            if (_jumps.Catches.Count == 0)
                throw new NotLoweredException("A rethrow outside a catch clause", throwStatement);
            var (tryId, catchIndex) = _jumps.Catches[_jumps.Catches.Count - 1];
            list.Add(new RethrowStatement(tryId, catchIndex, LineOf(throwStatement)));
            return;
        }
        if (HasAwait(throwStatement))
            list.Add(Comment(throwStatement));
        list.Add(new TextStatement(CodeText.Of($"throw {Spill(throwStatement.Expression, list)};"), LineOf(throwStatement)));
    }

    private void ParseTry(TryStatementSyntax tryStatement, List<StatementSpec> list)
    {
        int id = NewId();
        var body = ParseBlock(tryStatement.Block.Statements, tryStatement.Block);
        var catches = new List<CatchSpec>();
        for (int i = 0; i < tryStatement.Catches.Count; i++)
        {
            var clause = tryStatement.Catches[i];
            string type = clause.Declaration is { } declaration
                ? CoroutineGenerator.Parser.TypeText(_model.GetTypeInfo(declaration.Type, _ct).Type
                    ?? throw new NotLoweredException("A catch clause whose type does not bind", clause))
                : "global::System.Exception";
            CodeText? variable = null;
            if (clause.Declaration is { Identifier.Span.Length: > 0 } named && _model.GetDeclaredSymbol(named, _ct) is ILocalSymbol local)
                variable = _locals.Moved.TryGetValue(local, out var moved) ? moved.Slot : CodeText.Verbatim(CoroutineGenerator.Parser.EscapedName(_locals.UniqueNames[local]));
            CodeText? filter = clause.Filter is null ? null : Render(clause.Filter.FilterExpression);
            _jumps.Catches.Add((id, i));
            var handler = ParseBlock(clause.Block.Statements, clause.Block);
            _jumps.Catches.RemoveAt(_jumps.Catches.Count - 1);
            string header = CommentText.OneLine(clause.CatchKeyword.Text + (clause.Declaration is null ? "" : " " + clause.Declaration) + (clause.Filter is null ? "" : " " + clause.Filter));
            catches.Add(new CatchSpec(type, variable, filter, handler, header));
        }
        BlockStatement? finallyBlock = tryStatement.Finally is { } clauseFinally ? ParseBlock(clauseFinally.Block.Statements, clauseFinally.Block) : null;
        list.Add(new TryStatement(id, body, catches.ToEquatableArray(), finallyBlock, LineOf(tryStatement)));
    }

    private void ParseUsing(UsingStatementSyntax usingStatement, List<StatementSpec> list)
    {
        bool isAwait = usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
        if (!HasAwait(usingStatement) && !isAwait)
        {
            list.Add(new PlainCompoundStatement(Header(usingStatement, usingStatement.CloseParenToken), ParseEmbedded(usingStatement.Statement), LineOf(usingStatement)));
            return;
        }
        list.Add(Comment(usingStatement.AwaitKeyword.IsKind(SyntaxKind.None) ? usingStatement.UsingKeyword : usingStatement.AwaitKeyword, usingStatement.CloseParenToken));
        var body = ParseEmbedded(usingStatement.Statement);
        ParseUsingResources(usingStatement.Declaration, usingStatement.Expression, isAwait, body, usingStatement, list);
    }

    /// <summary>
    /// <c>using (resource) body</c>: each resource with the statements that acquire it; <see cref="UsingLowering"/>
    /// then puts the body in one try per resource whose finally disposes it.
    /// </summary>
    private void ParseUsingResources(VariableDeclarationSyntax? declaration, ExpressionSyntax? expression, bool isAwait, BlockStatement body, SyntaxNode origin, List<StatementSpec> list)
    {
        var resources = new List<UsingResourceSpec>();
        if (declaration is not null)
        {
            foreach (var variable in declaration.Variables)
            {
                var local = (ILocalSymbol)_model.GetDeclaredSymbol(variable, _ct)!;
                var moved = _locals.Moved[local];
                var acquire = new List<StatementSpec>();
                if (variable.Initializer is not null)
                    AssignTo(moved.Slot, variable.Initializer.Value, moved.Type, acquire);
                resources.Add(new UsingResourceSpec(acquire.ToEquatableArray(), moved.Slot, DisposeOf(local.Type, isAwait, origin), LineOf(variable)));
            }
        }
        else if (expression is not null)
        {
            var type = TypeOf(expression);
            var temp = NewTemp(type, expression, TempRole.Resource);
            var acquire = new List<StatementSpec>();
            AssignTo(temp.Slot, expression, temp.Type, acquire);
            resources.Add(new UsingResourceSpec(acquire.ToEquatableArray(), temp.Slot, DisposeOf(type!, isAwait, origin), LineOf(expression)));
        }
        list.Add(new UsingStatementSpec(resources.ToEquatableArray(), body));
    }

    /// <summary>How a value of <paramref name="type"/> is disposed by a using or a foreach, as the C# compiler does it.</summary>
    private DisposeSpec DisposeOf(ITypeSymbol type, bool isAwait, SyntaxNode origin)
    {
        if (isAwait)
        {
            bool viaInterface = type.AllInterfaces.Any(i => i.ToDisplayString() == "System.IAsyncDisposable") && type.TypeKind != TypeKind.Struct;
            var disposeMethod = viaInterface
                ? _model.Compilation.GetTypeByMetadataName("System.IAsyncDisposable")?.GetMembers("DisposeAsync").OfType<IMethodSymbol>().FirstOrDefault()
                : type.GetMembers("DisposeAsync").OfType<IMethodSymbol>().Where(m => !m.IsStatic && m.Parameters.All(p => p.IsOptional || p.IsParams))
                    .OrderBy(m => m.Parameters.Length).FirstOrDefault();   // DisposeAsync(int reason = 0) is called with its defaults, as by the compiler
            if (disposeMethod is null)
                throw new NotLoweredException($"An await using of '{type.ToDisplayString()}' without an instance DisposeAsync method callable without arguments", origin);
            return new DisposeSpec(viaInterface ? DisposeKind.ViaInterface : DisposeKind.Direct, MayBeNull: !type.IsValueType,
                AwaiterTypeOf(disposeMethod.ReturnType, origin), AwaitedStatementText(origin));
        }
        if (type.IsValueType)
            return new DisposeSpec(DisposeKind.Direct);
        if (type.SpecialType == SpecialType.System_IDisposable || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable))
            return new DisposeSpec(DisposeKind.ViaInterface);
        // an enumerator that may or may not be disposable (IEnumerator, a non-sealed class): tested, as the compiler does
        return new DisposeSpec(DisposeKind.Tested);
    }

    private void ParseForEach(CommonForEachStatementSyntax loop, ExpressionSyntax collection, List<StatementSpec> list)
    {
        bool isAwait = loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
        if (!HasAwait(loop))
        {
            ParsePlainLoop(loop, Header(loop, loop.CloseParenToken), loop.Statement, null, list);
            return;
        }
        int id = NewId();
        list.Add(Comment(isAwait ? loop.AwaitKeyword : loop.ForEachKeyword, loop.CloseParenToken));
        var info = _model.GetForEachStatementInfo(loop);
        var collectionType = TypeOf(collection);
        CodeText collectionText = Spill(collection, list);
        var (variable, cast) = IterationVariableOf(loop, info);
        var body = WithTarget(id, isLoop: true, () => ParseEmbedded(loop.Statement));
        var iterationEntry = new List<StatementSpec>();
        AllocateClosure(loop.Statement, iterationEntry);
        string description = CommentText.OneLine(collection.ToString(), 40);
        ForEachStatementSpec ForEach(ForEachKind kind, TempType walkerType, string getEnumerator = "", string? elementType = null, string? moveNextAwaiterType = null, DisposeSpec? dispose = null) =>
            new(id, kind, collectionText, NeedsParentheses(collection), description, walkerType, getEnumerator, elementType, variable, cast,
                moveNextAwaiterType, AwaitedStatementText(loop), dispose, iterationEntry.ToEquatableArray(), body, LineOf(collection), LineOf(loop));

        if (!isAwait && collectionType is IArrayTypeSymbol { Rank: 1 } arrayType)
        {
            list.Add(ForEach(ForEachKind.Array, TempTypeOf(arrayType, "the array of " + description, collection)));
            return;
        }

        var getEnumerator = info.GetEnumeratorMethod ?? throw new NotLoweredException("A foreach over a collection without GetEnumerator", collection);
        var enumeratorType = isAwait ? getEnumerator.ReturnType : StorableEnumeratorType(getEnumerator.ReturnType);
        var walkerType = TempTypeOf(enumeratorType, "the enumerator of " + description, collection);
        if (isAwait)
        {
            var moveNext = info.MoveNextMethod ?? throw new NotLoweredException("An await foreach without MoveNextAsync", collection);
            var dispose = info.DisposeMethod is null && !enumeratorType.AllInterfaces.Any(i => i.ToDisplayString() == "System.IAsyncDisposable")
                ? null
                : DisposeOf(enumeratorType, isAwait: true, loop);
            list.Add(ForEach(ForEachKind.AwaitEnumerator, walkerType, getEnumerator.Name, moveNextAwaiterType: AwaiterTypeOf(moveNext.ReturnType, loop), dispose: dispose));
            return;
        }
        bool disposable = enumeratorType.SpecialType == SpecialType.System_IDisposable || enumeratorType.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable);
        var enumeratorDispose = disposable || !enumeratorType.IsSealed && !enumeratorType.IsValueType ? DisposeOf(enumeratorType, isAwait: false, loop) : null;
        // A multi-dimensional array enumerates its elements as object (IEnumerator): unbox to the element type, from
        // which the iteration variable converts as it would from the element the compiler's nested loops read.
        list.Add(collectionType is IArrayTypeSymbol { Rank: > 1 } multiDimensional
            ? ForEach(ForEachKind.MultiDimensionalArray, walkerType, getEnumerator.Name, CoroutineGenerator.Parser.TypeText(multiDimensional.ElementType), dispose: enumeratorDispose)
            : ForEach(ForEachKind.Enumerator, walkerType, getEnumerator.Name, dispose: enumeratorDispose));
    }

    /// <summary>
    /// What a lowered foreach assigns each element to, and the cast of an explicitly typed variable: the variable, or
    /// a deconstruction (<c>(k, v) = current;</c>, which calls <c>Deconstruct</c> as the foreach would).
    /// </summary>
    private (CodeText Variable, string? Cast) IterationVariableOf(CommonForEachStatementSyntax loop, ForEachStatementInfo info)
    {
        if (loop is ForEachVariableStatementSyntax deconstruction)
            return (Render(deconstruction.Variable), null);
        var single = (ForEachStatementSyntax)loop;
        var variable = _locals.Moved[_model.GetDeclaredSymbol(single, _ct)!];
        bool cast = !single.Type.IsVar && !info.ElementConversion.IsIdentity;
        return (variable.Slot, cast ? variable.Type : null);
    }

    private void ParseSwitch(SwitchStatementSyntax switchStatement, List<StatementSpec> list)
    {
        int id = NewId();
        bool lowered = IsLoweredSwitch(switchStatement);
        if (HasAwait(switchStatement))
            list.Add(Comment(switchStatement.SwitchKeyword, switchStatement.CloseParenToken.IsKind(SyntaxKind.None) ? switchStatement.Expression.GetLastToken() : switchStatement.CloseParenToken));
        CodeText governing = Spill(switchStatement.Expression, list);
        var governingType = lowered ? TempTypeOf(TypeOf(switchStatement.Expression), switchStatement.Expression) : null;
        var scopeEntry = lowered ? new List<StatementSpec>() : list;
        AllocateClosure(switchStatement, scopeEntry);   // the sections share one scope: the switch block
        var plainSections = new List<SwitchSectionSpec>();
        var sections = new List<SwitchCaseSectionSpec>();
        WithTarget(id, isLoop: false, () =>
        {
            foreach (var section in switchStatement.Sections)
            {
                if (lowered)
                    sections.Add(new SwitchCaseSectionSpec(section.Labels.Select(SwitchTestOf).ToEquatableArray(), ParseBlock(section.Statements, section)));
                else
                    plainSections.Add(new SwitchSectionSpec(section.Labels.Select(l => Render(l)).ToEquatableArray(), ParseBlock(section.Statements, section)));
            }
            return 0;
        });
        if (!lowered)
        {
            list.Add(new SwitchStatement(id, governing, plainSections.ToEquatableArray(), LineOf(switchStatement)));
            return;
        }
        for (int i = 0; i < sections.Count; i++)
        {
            // goto case / goto default, possibly from an earlier section, target the section by this id
            if (_jumps.LabelIds.TryGetValue(switchStatement.Sections[i], out int labelId))
                sections[i] = sections[i] with { LabelId = labelId };
        }
        list.Add(new SwitchStatementSpec(id, governing, governingType!, CommentText.OneLine(switchStatement.Expression.ToString(), 60), scopeEntry.ToEquatableArray(),
            sections.ToEquatableArray(), LineOf(switchStatement.Expression), LineOf(switchStatement)));
    }

    private SwitchTestSpec SwitchTestOf(SwitchLabelSyntax label)
    {
        switch (label)
        {
            case DefaultSwitchLabelSyntax:
                return new SwitchTestSpec(null, null);
            case CaseSwitchLabelSyntax caseLabel:
                return new SwitchTestSpec(Render(caseLabel.Value), null);
            case CasePatternSwitchLabelSyntax patternLabel:
                return new SwitchTestSpec(Render(patternLabel.Pattern), patternLabel.WhenClause is { } when ? Render(when.Condition) : null, PatternStores(patternLabel));
            default:
                throw new NotLoweredException($"A {label.Kind()} switch label", label);
        }
    }

    // ---- helpers ----

    private CodeText Header(SyntaxNode statement, SyntaxToken end) => Render(TextSpan.FromBounds(statement.SpanStart, end.Span.End));

    private CommentStatement Comment(SyntaxNode node) => new(CommentText.OneLine(node.ToString()), LineOf(node));

    private CommentStatement Comment(SyntaxToken first, SyntaxToken last) =>
        new(CommentText.OneLine(_text.ToString(TextSpan.FromBounds(first.SpanStart, last.Span.End))), LineOf(first));

    internal int LineOf(SyntaxNode node) => LineOf(node.GetFirstToken());

    private int LineOf(SyntaxToken token) => _text.Lines.GetLineFromPosition(token.SpanStart).LineNumber + 1;
}
