using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// Renaming: every local of the body gets a unique name; locals that move to the top of MoveNext (or into fields)
// are slots of the CodeText the parser builds (MovedLocal.Slot); the liveness pass names the slots once it
// has decided where each local lives. References to the containing instance go through the machine's __this field.
internal sealed partial class BodyParser
{
    string ILoweringContext.ReserveName(string name) => _locals.Reserve(name);

    private void CollectLocals()
    {
        foreach (var node in _body.DescendantNodes())
        {
            ISymbol? symbol = node switch
            {
                VariableDeclaratorSyntax v => _model.GetDeclaredSymbol(v, _ct),
                SingleVariableDesignationSyntax d => _model.GetDeclaredSymbol(d, _ct),
                ForEachStatementSyntax f => _model.GetDeclaredSymbol(f, _ct),
                CatchDeclarationSyntax c when c.Identifier.Span.Length > 0 => _model.GetDeclaredSymbol(c, _ct),
                _ => null,
            };
            if (symbol is not ILocalSymbol local || !SymbolEqualityComparer.Default.Equals(local.ContainingSymbol, _method))
                continue;
            string name = _locals.Reserve(CoroutineGenerator.Parser.UserName(local.Name));
            _locals.UniqueNames[local] = name;
            if (local.IsConst || !IsMovedDeclaration(node))
            {
                // A local that stays where it is declared keeps its declaration; only its name may change.
                if (name != local.Name && DeclaredIdentifier(node) is { } identifier)
                    AddEdit(identifier.Span, name);
                continue;
            }
            var localType = LocalTypeOf(local);   // var x = other.XAsync(): the entry point is generated
            if (IsUnresolved(localType))
                throw new NotLoweredException($"The local '{local.Name}', whose type does not bind", node);
            if (local.IsRef)
                throw new NotLoweredException("A ref local in a region that contains an await", node);
            bool refLike = localType.IsRefLikeType;
            if (refLike && node is not VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None } })
                throw new NotLoweredException($"A local of ref struct type '{localType.ToDisplayString()}' declared by a for, foreach, using, pattern or out variable in a region that contains an await", node);
            string? prototype = _anonymousTypes.PrototypeOf(localType, $"local '{local.Name}'", node);
            var moved = _locals.Add(name, prototype is null ? CoroutineGenerator.Parser.TypeText(localType) : AnonymousTypeHelpers.StorageType, prototype is not null || CoroutineGenerator.Parser.HoldsReferences(localType), local.Name, isTemp: false);
            moved.Declaration = node;
            // A ref struct cannot be a field, and declared at the top of MoveNext it would lose the escape scope of
            // its initializer (stackalloc): it keeps its declaration, which is fine as long as no await separates its uses.
            moved.RefLike = refLike;
            moved.InlineDeclared = refLike;
            if (prototype is not null)
                _anonymousTypes.SetPrototype(moved, prototype);
            _locals.Moved[local] = moved;
            if (refLike)
                AddEdit(((VariableDeclaratorSyntax)node).Identifier.Span, moved.Slot);
            // A lowered switch expression arm copies its pattern variables from fresh ones (BindSwitchExpression).
            if (node is SingleVariableDesignationSyntax designation && !IsLoweredArmDesignation(designation))
                BindPatternVariable(moved, designation);
        }
    }

    private static SyntaxToken? DeclaredIdentifier(SyntaxNode declaration) => declaration switch
    {
        VariableDeclaratorSyntax v => v.Identifier,
        SingleVariableDesignationSyntax d => d.Identifier,
        ForEachStatementSyntax f => f.Identifier,
        CatchDeclarationSyntax c => c.Identifier,
        _ => null,
    };

    /// <summary>Whether a declaration's local moves to the top of MoveNext (its scope is flattened or lowered).</summary>
    private bool IsMovedDeclaration(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax statement }:
                return IsFlattenedContainer(statement.Parent);
            case VariableDeclaratorSyntax { Parent.Parent: ForStatementSyntax loop }:
                return HasAwait(loop);
            case VariableDeclaratorSyntax { Parent.Parent: UsingStatementSyntax usingStatement }:
                return HasAwait(usingStatement) || usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
            case VariableDeclaratorSyntax:
                return false;   // fixed statements and the like: never lowered
            case ForEachStatementSyntax loop:
                return HasAwait(loop);
            case CatchDeclarationSyntax { Parent: CatchClauseSyntax clause }:
                return HasAwait(clause.Block);
            default:
                var statement2 = declaration.FirstAncestorOrSelf<StatementSyntax>();
                if (statement2 is null)
                    return IsLoweredArmDesignation(declaration);   // an expression body
                if (declaration.Ancestors().TakeWhile(a => a != statement2).Any(a => a is AnonymousFunctionExpressionSyntax))
                    return false;
                return HasAwait(statement2) || IsFlattenedContainer(statement2.Parent);
        }
    }

    private bool IsFlattenedContainer(SyntaxNode? container) => _awaits.IsFlattenedContainer(container);

    private bool IsLoweredSwitch(SwitchStatementSyntax switchStatement) => _awaits.IsLoweredSwitch(switchStatement);

    /// <summary>Precomputes the text edits that every rendering of the body applies.</summary>
    private void CollectEdits()
    {
        foreach (var node in _body.DescendantNodes())
        {
            EditClosureUse(node);
            switch (node)
            {
                case ThisExpressionSyntax:
                    AddEdit(node.Span, "__this");
                    break;
                case BaseExpressionSyntax baseExpression:
                    EditBaseAccess(baseExpression);
                    break;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } invocation
                    when _model.GetConstantValue(invocation, _ct) is { HasValue: true, Value: string constant }:
                    AddEdit(invocation.Span, Helpers.CommentText.Literal(constant));
                    break;
                case InvocationExpressionSyntax invocation:
                    EditCoroutineCall(invocation);
                    break;
                case DeclarationExpressionSyntax declaration when IsMovedDesignation(declaration.Designation):
                    AddEdit(declaration.Span, DesignationText(declaration.Designation));
                    break;
                case SimpleNameSyntax name:
                    EditName(name);
                    break;
            }
        }
    }

    private bool IsMovedDesignation(VariableDesignationSyntax designation) => designation switch
    {
        SingleVariableDesignationSyntax single => _model.GetDeclaredSymbol(single, _ct) is { } s && _locals.Moved.ContainsKey(s),
        ParenthesizedVariableDesignationSyntax many => many.Variables.Any(IsMovedDesignation),
        _ => false,
    };

    private CodeText DesignationText(VariableDesignationSyntax designation) => designation switch
    {
        SingleVariableDesignationSyntax single => _model.GetDeclaredSymbol(single, _ct) is { } s && _locals.Moved.TryGetValue(s, out var moved) ? moved.Slot : CodeText.Verbatim("_"),
        ParenthesizedVariableDesignationSyntax many => CodeText.Of($"({CodeText.Join(", ", many.Variables.Select(DesignationText))})"),
        _ => CodeText.Verbatim("_"),
    };

    private void EditName(SimpleNameSyntax name)
    {
        if (name.Parent is NameColonSyntax or NameEqualsSyntax || name.Parent is QualifiedNameSyntax q && q.Right == name)
            return;
        // The member of 'x.M' or '?.M' is never a local, a parameter or an unqualified member, so it is never renamed;
        // skipping it also saves the semantic model re-binding the whole invocation of an invoked 'x.M(...)'.
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name || name.Parent is MemberBindingExpressionSyntax)
            return;
        var symbol = CalleeSymbolOf(name);
        if (symbol is null && name.Parent is InvocationExpressionSyntax call && call.Expression == name
            && GeneratedEntryPointOf(call) is { IsStatic: false } entryPointOf && IsMemberOfThisType(entryPointOf))
        {
            AddEdit(new TextSpan(name.SpanStart, 0), "__this.");   // another instance coroutine's generated entry point
            return;
        }
        switch (symbol)
        {
            case ILocalSymbol local when _locals.UniqueNames.TryGetValue(local, out var unique):
            {
                CodeText text = _locals.Moved.TryGetValue(local, out var moved) ? AccessOf(moved, name) : CodeText.Verbatim(unique);
                if (text.Equals(CodeText.Verbatim(name.Identifier.ValueText)))
                    return;
                // Projections infer member names from the variable's name: keep the name the user sees.
                if (name.Parent is AnonymousObjectMemberDeclaratorSyntax { NameEquals: null })
                    text = CodeText.Of($"{name.Identifier.ValueText} = {text}");
                else if (name.Parent is ArgumentSyntax { NameColon: null, Parent.Parent: TupleExpressionSyntax } && !IsAssignmentTarget(name))
                    text = CodeText.Of($"{name.Identifier.ValueText}: {text}");
                AddEdit(name.Identifier.Span, text);
                return;
            }
            case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method):
            {
                string field = CoroutineGenerator.Parser.FieldNameOfParameter(parameter.Name);
                if (field != name.Identifier.Text)
                    AddEdit(name.Identifier.Span, field);
                return;
            }
            case IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter
                when SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _method.ContainingType):
                // Only a primary constructor's parameters are in scope in a method; the nested machine cannot name them (CS9105).
                AddEdit(name.Identifier.Span, "__this." + PrimaryConstructorParameterAccessor(parameter, name));
                return;
            case IFieldSymbol or IPropertySymbol or IEventSymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary }:
                if (!IsUnqualified(name))
                    return;
                if (!symbol.IsStatic && IsMemberOfThisType(symbol))
                    AddEdit(new TextSpan(name.SpanStart, 0), "__this.");
                else if (symbol.IsStatic && ShadowedByMachine(name.Identifier.ValueText))
                    AddEdit(new TextSpan(name.SpanStart, 0), CoroutineGenerator.Parser.TypeText(symbol.ContainingType) + ".");
                return;
        }
    }

    private static bool IsAssignmentTarget(SyntaxNode node) =>
        node.Ancestors().OfType<AssignmentExpressionSyntax>().Any(a => a.Left.Span.Contains(node.Span));

    private static bool ShadowedByMachine(string name) => name.StartsWith("__", System.StringComparison.Ordinal)
        || CoroutineGenerator.Parser.FieldNameOfParameter(name) != name;

    private bool IsMemberOfThisType(ISymbol symbol)
    {
        for (var type = _method.ContainingType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, symbol.ContainingType.OriginalDefinition) || SymbolEqualityComparer.Default.Equals(type, symbol.ContainingType))
                return true;
        }
        return false;
    }

    private static bool IsUnqualified(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == name,
        MemberBindingExpressionSyntax => false,
        AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment => assignment.Left != name,
        _ => true,
    };

    /// <summary>Replaces <paramref name="span"/> with verbatim code (a name, a qualifier).</summary>
    private void AddEdit(TextSpan span, string text) => AddEdit(span, CodeText.Verbatim(text));

    private void AddEdit(TextSpan span, CodeText text) => _edits.Add(span, text);

    /// <summary>Text inserted right after the node ending at <paramref name="position"/> (edits at a position otherwise belong to the node starting there).</summary>
    private void AddSuffix(int position, CodeText text) => _edits.AddSuffix(position, text);

    /// <summary>The source text of <paramref name="span"/> with the renames applied and <paramref name="overrides"/> (spans of spilled sub-expressions) substituted.</summary>
    private CodeText Render(TextSpan span, IReadOnlyDictionary<TextSpan, CodeText>? overrides = null) => _edits.Render(span, overrides);

    private CodeText Render(SyntaxNode node, IReadOnlyDictionary<TextSpan, CodeText>? overrides = null) => Render(node.Span, overrides);

    private MovedLocal NewTemp(ITypeSymbol? type, SyntaxNode origin, TempRole role) =>
        NewTemp(TempTypeOf(type, origin), Helpers.CommentText.OneLine(origin.ToString(), 60), role);

    /// <summary>A temporary that a spilled expression describes; the spilling pass makes it when it needs it.</summary>
    private TempRequest TempFor(ITypeSymbol? type, SyntaxNode origin, TempRole role) =>
        new(TempTypeOf(type, origin), Helpers.CommentText.OneLine(origin.ToString(), 60), role);

    /// <summary>The type of a temporary holding the value of <paramref name="origin"/> across an await.</summary>
    private TempType TempTypeOf(ITypeSymbol? type, SyntaxNode origin)
    {
        if (type is null || type.SpecialType == SpecialType.System_Void || IsUnresolved(type))
            throw new NotLoweredException($"An await inside '{Helpers.CommentText.OneLine(origin.ToString(), 60)}' whose value has no type", origin);
        if (type.IsRefLikeType)
            throw new NotLoweredException($"A value of ref struct type '{type.ToDisplayString()}' evaluated before an await", origin);
        return TempTypeOf(type, Helpers.CommentText.OneLine(origin.ToString(), 60), origin);
    }

    /// <summary>A temporary of <paramref name="type"/>, stored as an object when the type is anonymous.</summary>
    private MovedLocal NewTemp(ITypeSymbol type, string description, SyntaxNode origin, TempRole role) =>
        NewTemp(TempTypeOf(type, description, origin), description, role);

    /// <summary>How a temporary of <paramref name="type"/> is stored: as an object re-typed by its prototype when the type is anonymous.</summary>
    private TempType TempTypeOf(ITypeSymbol type, string description, SyntaxNode origin) =>
        _anonymousTypes.PrototypeOf(type, $"value '{description}'", origin) is { } prototype
            ? new TempType(AnonymousTypeHelpers.StorageType, HoldsReferences: true, prototype)
            : new TempType(CoroutineGenerator.Parser.TypeText(type), CoroutineGenerator.Parser.HoldsReferences(type));

    private MovedLocal NewTemp(TempType type, string origin, TempRole role)
    {
        var temp = NewTemp(type.Text, origin, type.HoldsReferences, role);
        if (type.Prototype is not null)
            _anonymousTypes.SetPrototype(temp, type.Prototype);
        return temp;
    }

    /// <summary>A temporary named for what it holds (see <see cref="LocalTable.AddTemp"/>).</summary>
    private MovedLocal NewTemp(string type, string origin, bool holdsReferences, TempRole role) => _locals.AddTemp(type, origin, holdsReferences, role);

    /// <summary>The role of an operand read into a temporary before a later operand awaits.</summary>
    private static TempRole OperandRole(ExpressionSyntax operand) => operand.Parent switch
    {
        MemberAccessExpressionSyntax access when access.Expression == operand => TempRole.Receiver,
        ElementAccessExpressionSyntax element when element.Expression == operand => TempRole.Receiver,
        ArgumentSyntax { Parent: BracketedArgumentListSyntax } => TempRole.Index,
        ArgumentSyntax => TempRole.Argument,
        BinaryExpressionSyntax binary when binary.Left == operand => TempRole.Left,
        _ => TempRole.Operand,
    };
}
