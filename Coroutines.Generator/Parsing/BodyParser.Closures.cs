using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// Closures: C# gives every entry into a scope its own variables, so a lambda created in one iteration of a loop keeps
// that iteration's variables. A moved local is one field (or one MoveNext local) for the whole run, which would
// share it across iterations. So the captured variables of a scope that can be entered again (a loop body, or a
// for loop inside another loop) move into a small class, allocated on every entry into the scope, as Roslyn's
// display classes are. The machine holds the current instance (__closureN); the body reads __closureN.x, and a
// lambda reads __capturedN.x, where __capturedN is a C# local copied from __closureN in a block around the
// statement that creates it, so each lambda keeps the instance of the iteration it was created in. A local
// function declared in the lowered code takes the instance as an extra first parameter instead.
internal sealed partial class BodyParser
{
    /// <summary>The captured variables of one scope that can be entered more than once.</summary>
    internal sealed class Closure
    {
        public Closure(int number, MovedLocal current, string copyName, string description, int line)
        {
            Number = number;
            Current = current;
            CopyName = copyName;
            Description = description;
            Line = line;
        }

        public int Number { get; }

        /// <summary>The machine's current instance (a field when it lives across an await).</summary>
        public MovedLocal Current { get; }

        /// <summary>The C# local a lambda captures: a copy of <see cref="Current"/> made when the lambda is created.</summary>
        public string CopyName { get; }

        /// <summary><see cref="CopyName"/> as code, a part the capture binding finds by closure.</summary>
        public CodeText Copy => CodeText.CapturedCopy(CopyName, Number);

        public string ClassName => "__Closure" + Number.ToString(CultureInfo.InvariantCulture);

        /// <summary>What one instance stands for, for the class comment.</summary>
        public string Description { get; }

        public int Line { get; }

        public List<MovedLocal> Variables { get; } = new();
    }

    private readonly Dictionary<SyntaxNode, Closure> _closures = new();
    private readonly List<Closure> _closureList = new();

    /// <summary>Local functions declared in lowered code that take closures as extra first parameters.</summary>
    private readonly Dictionary<ISymbol, List<Closure>> _closureFunctions = new(SymbolEqualityComparer.Default);

    /// <summary>The rendered text of those local functions: their closure copies are their parameters, not captures.</summary>
    private readonly HashSet<Model.CodeText> _closureFunctionTexts = new();

    private bool _hasGoto;

    /// <summary>Decides which moved locals go into closures and which local functions take closure parameters.</summary>
    private void PlanClosures()
    {
        _hasGoto = _body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<GotoStatementSyntax>().Any();
        var functions = _body.DescendantNodes().Where(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax).ToList();
        var captured = new List<(MovedLocal Local, SyntaxNode Use)>();
        var seen = new HashSet<MovedLocal>();
        int outermostEnd = -1;
        foreach (var function in functions)
        {
            // Only the outermost functions are walked: a nested one's names are theirs, and walking each function's
            // names would bind those of n nested lambdas n times over.
            if (function.SpanStart < outermostEnd)
                continue;
            outermostEnd = function.Span.End;
            foreach (var name in function.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (_model.GetSymbolInfo(name, _ct).Symbol is ILocalSymbol local && _moved.TryGetValue(local, out var moved) && seen.Add(moved))
                    captured.Add((moved, name));
            }
        }
        foreach (var (local, use) in captured.OrderBy(c => c.Local.Id))
        {
            var declaration = local.Declaration!;
            var scope = ScopeOf(declaration);
            if (!IsReentered(scope ?? declaration))
                continue;   // the scope is entered once: one field (or MoveNext local) is exactly C#'s one variable
            if (scope is null || local.InlineDeclared)
                throw new NotLoweredException($"A lambda or local function capturing '{local.Origin}', declared by a {DeclarationKind(declaration)} inside a loop that awaits (each iteration needs its own copy)", use);
            if (!_closures.TryGetValue(scope, out var closure))
            {
                int number = _closureList.Count + 1;
                var current = NewNamedTemp(Unique("__closure" + number.ToString(CultureInfo.InvariantCulture)), "__Closure" + number.ToString(CultureInfo.InvariantCulture), "the current __Closure" + number.ToString(CultureInfo.InvariantCulture) + ": the variables that lambdas capture");
                closure = new Closure(number, current, Unique("__captured" + number.ToString(CultureInfo.InvariantCulture)), DescribeScope(scope), LineOf(scope));
                _closures.Add(scope, closure);
                _closureList.Add(closure);
            }
            local.Closure = closure;
            closure.Variables.Add(local);
        }
        if (_closureList.Count > 0)
            PlanClosureFunctions(functions.OfType<LocalFunctionStatementSyntax>().ToList());
    }

    /// <summary>
    /// A local function declared in lowered code lives in MoveNext's scope, not in the iteration's: it gets each closure
    /// it needs (directly or through the local functions it calls) as a parameter, and every call passes the instance.
    /// </summary>
    private void PlanClosureFunctions(List<LocalFunctionStatementSyntax> localFunctions)
    {
        var candidates = localFunctions.Where(f => IsFlattenedContainer(f.Parent)).ToList();
        var needs = candidates.ToDictionary(f => f, f => new HashSet<Closure>(ClosuresUsedIn(f)));
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var function in candidates)
            {
                foreach (var callee in candidates)
                {
                    if (callee != function && CallsOrNames(function, callee) && needs[callee].Any(c => needs[function].Add(c)))
                        changed = true;
                }
            }
        }
        foreach (var function in candidates)
        {
            if (needs[function].Count > 0 && _model.GetDeclaredSymbol(function, _ct) is { } symbol)
                _closureFunctions[symbol] = needs[function].OrderBy(c => c.Number).ToList();
        }
    }

    private IEnumerable<Closure> ClosuresUsedIn(SyntaxNode node) =>
        node.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Select(n => _model.GetSymbolInfo(n, _ct).Symbol is ILocalSymbol local && _moved.TryGetValue(local, out var moved) ? moved.Closure : null)
            .Where(c => c is not null)
            .Select(c => c!);

    private bool CallsOrNames(SyntaxNode caller, LocalFunctionStatementSyntax callee) =>
        caller.DescendantNodes().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == callee.Identifier.ValueText
            && _model.GetSymbolInfo(n, _ct).Symbol is IMethodSymbol method
            && method.DeclaringSyntaxReferences.Any(r => r.GetSyntax(_ct) == callee));

    /// <summary>The syntax whose every entry creates new variables for <paramref name="declaration"/>, or null when not modelled.</summary>
    private static SyntaxNode? ScopeOf(SyntaxNode declaration) => declaration switch
    {
        VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block } } => block,
        VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement } } } => switchStatement,
        VariableDeclaratorSyntax { Parent.Parent: ForStatementSyntax loop } => loop,
        ForEachStatementSyntax loop => loop.Statement,
        SingleVariableDesignationSyntax designation when designation.FirstAncestorOrSelf<StatementSyntax>() is ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax
            && designation.FirstAncestorOrSelf<StatementSyntax>()!.Parent is BlockSyntax block => block,
        _ => null,
    };

    /// <summary>Whether <paramref name="scope"/> can be entered again while lambdas of an earlier entry are alive.</summary>
    private bool IsReentered(SyntaxNode scope) =>
        _hasGoto || scope.Ancestors().TakeWhile(a => a != _body).OfType<StatementSyntax>()
            .Any(a => IsLoweredLoop(a) && LoopBodyOf(a) is { } body && body.Span.Contains(scope.Span));

    private static string DeclarationKind(SyntaxNode declaration) => declaration switch
    {
        SingleVariableDesignationSyntax => "pattern or out variable",
        CatchDeclarationSyntax => "catch clause",
        VariableDeclaratorSyntax { Parent.Parent: UsingStatementSyntax } => "using statement",
        _ => "declaration",
    };

    private string DescribeScope(SyntaxNode scope)
    {
        string Where(SyntaxNode node) => System.IO.Path.GetFileName(_syntax.SyntaxTree.FilePath) + ":" + LineOf(node).ToString(CultureInfo.InvariantCulture);
        string Header(StatementSyntax loop, SyntaxToken end) => CommentText.OneLine(_text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(loop.SpanStart, end.Span.End)), 60);
        return scope switch
        {
            ForStatementSyntax loop => $"one run of {Header(loop, loop.CloseParenToken)} ({Where(loop)})",
            SwitchStatementSyntax switchStatement => $"one run of the switch block of {Header(switchStatement, switchStatement.CloseParenToken.IsKind(SyntaxKind.None) ? switchStatement.Expression.GetLastToken() : switchStatement.CloseParenToken)} ({Where(switchStatement)}), whose sections share one scope",
            _ when scope.Parent is ForEachStatementSyntax loop && loop.Statement == scope => $"one iteration of {Header(loop, loop.CloseParenToken)} ({Where(loop)})",
            _ => $"one pass through the block at {Where(scope)}",
        };
    }

    private MovedLocal NewNamedTemp(string name, string type, string origin)
    {
        var temp = new MovedLocal(MovedLocals.Count, name, type, holdsReferences: true, origin, isTemp: true);
        MovedLocals.Add(temp);
        return temp;
    }

    // ---- rendering ----

    /// <summary>A closure variable inside a lambda or local function is read through the copy the function captured.</summary>
    private CodeText AccessOf(MovedLocal local, SyntaxNode use)
    {
        if (local.Closure is not { } closure || !IsInsideFunction(use))
            return local.Prototype is not null && IsInsideFunction(use) ? Retyped(local, CodeText.Slot(local.Id), insideFunction: true) : local.Slot;
        // A catch filter or a case label of lowered code is emitted inside a line the copy's block cannot enclose.
        var unboundable = use.Ancestors().FirstOrDefault(a =>
            a is CatchFilterClauseSyntax { Parent.Parent: TryStatementSyntax tryStatement } && HasAwait(tryStatement)
            || a is SwitchLabelSyntax { Parent.Parent: SwitchStatementSyntax switchStatement } && IsLoweredSwitch(switchStatement));
        if (unboundable is not null)
            throw new NotLoweredException($"A lambda capturing '{local.Origin}', a variable of a loop that awaits, inside a {(unboundable is CatchFilterClauseSyntax ? "catch filter" : "case label")} of code that awaits", use);
        return Retyped(local, CodeText.Of($"{closure.Copy}.{local.FieldName}"), insideFunction: true);
    }

    private bool IsInsideFunction(SyntaxNode node) =>
        node.Ancestors().TakeWhile(a => a != _body).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

    /// <summary>Adds the closure parameters to local functions that take them, and the closure arguments to their calls.</summary>
    private void EditClosureUse(SyntaxNode node)
    {
        if (_closureFunctions.Count == 0)
            return;
        switch (node)
        {
            case LocalFunctionStatementSyntax function when _model.GetDeclaredSymbol(function, _ct) is { } symbol && _closureFunctions.TryGetValue(symbol, out var closures):
                string parameters = string.Join(", ", closures.Select(c => $"{c.ClassName} {c.CopyName}"));
                AddEdit(function.ParameterList.OpenParenToken.Span, "(" + parameters + (function.ParameterList.Parameters.Count > 0 ? ", " : ""));
                break;
            case InvocationExpressionSyntax { Expression: SimpleNameSyntax callee } call when ClosuresOfFunction(callee) is { } needed:
                var arguments = CodeText.Join(", ", needed.Select(c => IsInsideFunction(call) ? c.Copy : c.Current.Slot));
                AddEdit(call.ArgumentList.OpenParenToken.Span, CodeText.Of($"({arguments}{(call.ArgumentList.Arguments.Count > 0 ? ", " : "")}"));
                break;
            case SimpleNameSyntax name when name.Parent is not InvocationExpressionSyntax && !IsInsideNameof(name) && ClosuresOfFunction(name) is { } needed:
                AddEdit(name.Span, DelegateOf(name, needed));
                break;
        }
    }

    /// <summary>
    /// A local function converted to a delegate binds the closures of the iteration it is converted in, as C# does:
    /// the conversion becomes a lambda passing the copies (bound around the statement) to the function.
    /// </summary>
    private CodeText DelegateOf(SimpleNameSyntax name, List<Closure> closures)
    {
        var invoke = (_model.GetTypeInfo(name, _ct).ConvertedType as INamedTypeSymbol)?.DelegateInvokeMethod;
        if (invoke is null || invoke.Parameters.Any(p => p.RefKind != RefKind.None) || name is GenericNameSyntax)
            throw new NotLoweredException($"The local function '{name.Identifier.ValueText}', which captures variables of a loop that awaits, converted to a delegate that is not a plain non-generic delegate type", name);
        var parameters = invoke.Parameters.Select((_, i) => "__arg" + (i + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        var arguments = CodeText.Join(", ", closures.Select(c => c.Copy).Concat(parameters.Select(CodeText.Verbatim)));
        return CodeText.Of($"(({Type(invoke.ContainingType)})(({string.Join(", ", parameters)}) => {name.Identifier.Text}({arguments})))");
    }

    private static bool IsInsideNameof(SyntaxNode node) =>
        node.Ancestors().Any(a => a is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } });

    private List<Closure>? ClosuresOfFunction(SimpleNameSyntax name) =>
        _model.GetSymbolInfo(name, _ct).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } method
        && _closureFunctions.TryGetValue(method.OriginalDefinition, out var closures) ? closures : null;

    private TextStatement ParseLocalFunction(LocalFunctionStatementSyntax function)
    {
        var statement = new TextStatement(Render(function), LineOf(function));
        if (_model.GetDeclaredSymbol(function, _ct) is { } symbol && _closureFunctions.ContainsKey(symbol))
            _closureFunctionTexts.Add(statement.Text);
        return statement;
    }

    /// <summary><c>__closureN = new __ClosureN();</c> at the entry of a scope whose captured variables live in a closure.</summary>
    private void AllocateClosure(SyntaxNode scope, List<StatementSpec> list)
    {
        if (_closures.TryGetValue(scope, out var closure))
            list.Add(new TextStatement(CodeText.Of($"{closure.Current.Slot} = new {closure.ClassName}(); // new variables for {closure.Description}"), closure.Line));
    }

    private EquatableArray<ClosureSpec> ClosureSpecs() =>
        _closureList.Select(c => new ClosureSpec(
            c.ClassName,
            c.Description,
            c.Variables.Select(v => new LocalSpec(v.FieldName, v.Type, v.HoldsReferences, Hoisted: true, v.Origin)).ToEquatableArray())).ToEquatableArray();
}
