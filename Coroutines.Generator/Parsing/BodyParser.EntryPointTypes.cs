using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// Types that depend on generated entry points. The generator sees the compilation without its own output, so
// `other.ComputeAsync()` does not bind, nor does anything built on it: `var c = other.ComputeAsync();`, `await c`,
// `Sum(c.Length, ...)`. The entry point has the parameters, type parameters and return type of the [Coroutine]
// method it is generated from, so such an expression has the type of the same expression with every unbound
// `XAsync(...)` call replaced by `X(...)` and every local whose type depends on one replaced by a value of its
// resolved type; that expression is bound speculatively where the original stands.
internal sealed partial class BodyParser
{
    private const string ProbeName = "__coroutineTypeProbe";
    private static readonly SyntaxAnnotation OriginalCallAnnotation = new("Coroutines.OriginalCall");

    /// <summary>The type of <paramref name="expression"/>, seeing through calls of generated entry points (null if it has none).</summary>
    private ITypeSymbol? TypeOf(ExpressionSyntax expression)
    {
        var type = _model.GetTypeInfo(expression, _ct).Type;
        if (type is null || !IsUnresolved(type))
            return type;
        return EntryPointDependentType(expression) ?? type;
    }

    /// <summary>Whether <paramref name="type"/> is or contains a type that does not bind (<c>(w, 2)</c> for an unbound <c>w</c> is a tuple of one).</summary>
    private static bool IsUnresolved(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => IsUnresolved(array.ElementType),
        IPointerTypeSymbol pointer => IsUnresolved(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsUnresolved),
        _ => false,
    };

    /// <summary>The natural type of a conditional or switch expression, else the type it converts to (target-typed).</summary>
    private ITypeSymbol? NaturalOrTargetTypeOf(ExpressionSyntax expression) =>
        TypeOf(expression) is { } type && !IsUnresolved(type) ? type : _model.GetTypeInfo(expression, _ct).ConvertedType;

    /// <summary>The type of a local, resolving a <c>var</c> local initialized from a generated entry point.</summary>
    private ITypeSymbol LocalTypeOf(ILocalSymbol local) =>
        IsUnresolved(local.Type) ? _entryPointLocalTypes.GetOrResolve(local, EntryPointLocalType) ?? local.Type : local.Type;

    private ITypeSymbol? EntryPointLocalType(ILocalSymbol local)
    {
        var declaration = local.DeclaringSyntaxReferences.Length == 1 ? local.DeclaringSyntaxReferences[0].GetSyntax(_ct) : null;
        var value = declaration switch
        {
            VariableDeclaratorSyntax { Initializer.Value: { } initializer, Parent: VariableDeclarationSyntax { Type.IsVar: true } } => initializer,
            SingleVariableDesignationSyntax { Parent: VarPatternSyntax { Parent: IsPatternExpressionSyntax isPattern } } => isPattern.Expression,   // e is var v
            _ => null,
        };
        return value is not null && value.SyntaxTree == _model.SyntaxTree ? EntryPointDependentType(value) : null;
    }

    /// <summary>The type an awaited operand has, seeing through generated entry points (null if it does not bind).</summary>
    private ITypeSymbol? AwaitableTypeOf(ExpressionSyntax operand) =>
        GeneratedEntryPointType(operand) ?? (TypeOf(operand) is { } type && !IsUnresolved(type) ? type : null);

    /// <summary>
    /// The type of <paramref name="expression"/> bound as <c>var probe = expression';</c> at its position, where
    /// expression' calls the <c>[Coroutine]</c> methods in place of their entry points; null when nothing in it
    /// depends on an entry point, when it does not bind, or when a replaced call binds to something else.
    /// </summary>
    private ITypeSymbol? EntryPointDependentType(ExpressionSyntax expression)
    {
        // An await has the declared result type of its awaiter, as the compiler types it (a speculative binding
        // would give the nullable flow state instead, `T?` for an unconstrained T).
        if (expression is AwaitExpressionSyntax await)
            return ResultTypeOf(await) is { SpecialType: not SpecialType.System_Void } result && !IsUnresolved(result) ? result : null;
        var rewriter = new OriginalCallRewriter(this);
        if (rewriter.Visit(expression) is not ExpressionSyntax rewritten || !rewriter.Changed)
            return null;
        var probe = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(ProbeName)
                .WithInitializer(SyntaxFactory.EqualsValueClause(rewritten.WithoutTrivia())))));
        if (!_model.TryGetSpeculativeSemanticModel(expression.SpanStart, probe, out var speculative))
            return null;
        var value = probe.Declaration.Variables[0].Initializer!.Value;
        var type = speculative.GetTypeInfo(value, _ct).Type;
        if (type is null || IsUnresolved(type) || type.SpecialType == SpecialType.System_Void)
            return null;
        foreach (var call in probe.GetAnnotatedNodes(OriginalCallAnnotation).OfType<InvocationExpressionSyntax>())
        {
            if (speculative.GetSymbolInfo(call, _ct).Symbol is not IMethodSymbol method || !IsCoroutine(method.OriginalDefinition))
                return null;   // X(...) is not the [Coroutine] method XAsync is generated from
        }
        return type;
    }

    /// <summary>
    /// The member <paramref name="callee"/> (the callee of an invocation: <c>M</c>, <c>x.M</c>, <c>base.M</c>) binds to,
    /// also when an argument calls a generated entry point: then the call does not bind, so it is bound speculatively
    /// with the <c>[Coroutine]</c> methods called in place of their entry points.
    /// </summary>
    private ISymbol? CalleeSymbolOf(ExpressionSyntax callee)
    {
        var info = _model.GetSymbolInfo(callee, _ct);
        if (info.Symbol is not null || info.CandidateSymbols.IsEmpty || callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee)
            return info.Symbol;
        var rewriter = new OriginalCallRewriter(this);
        if (rewriter.Visit(invocation) is not InvocationExpressionSyntax rewritten || !rewriter.Changed)
            return null;
        var probe = SyntaxFactory.ExpressionStatement(rewritten.WithoutTrivia());
        if (!_model.TryGetSpeculativeSemanticModel(invocation.SpanStart, probe, out var speculative))
            return null;
        return speculative.GetSymbolInfo(((InvocationExpressionSyntax)probe.Expression).Expression, _ct).Symbol;
    }

    /// <summary>
    /// Replaces unbound <c>XAsync(...)</c> calls by <c>X(...)</c> and, in an expression bound on its own,
    /// entry-point-typed locals by <c>((T)default!)</c> (a whole body keeps its locals: their declarations bind).
    /// </summary>
    private sealed class OriginalCallRewriter : CSharpSyntaxRewriter
    {
        private readonly BodyParser _parser;
        private readonly bool _replaceLocals;

        public OriginalCallRewriter(BodyParser parser, bool replaceLocals = true)
        {
            _parser = parser;
            _replaceLocals = replaceLocals;
        }

        public bool Changed { get; private set; }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (_parser._model.GetSymbolInfo(node, _parser._ct).Symbol is not null)
                return visited;
            if (OriginalCallOf(visited) is not { } original)
                return visited;
            Changed = true;
            return original.WithAdditionalAnnotations(OriginalCallAnnotation);
        }

        public override SyntaxNode? VisitArgument(ArgumentSyntax node)
        {
            var visited = (ArgumentSyntax)base.VisitArgument(node)!;
            // (w, 2) names its element after the local w: the value standing in for it must keep the name
            if (node is { NameColon: null, Parent: TupleExpressionSyntax, Expression: IdentifierNameSyntax local } && visited.Expression != node.Expression)
                return visited.WithNameColon(SyntaxFactory.NameColon(local.Identifier.ValueText));
            return visited;
        }

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
        {
            if (!_replaceLocals
                || node.Parent is MemberAccessExpressionSyntax access && access.Name == node
                || _parser._model.GetSymbolInfo(node, _parser._ct).Symbol is not ILocalSymbol local
                || !IsUnresolved(local.Type)
                || _parser.LocalTypeOf(local) is var type && IsUnresolved(type))
                return base.VisitIdentifierName(node);
            Changed = true;
            return SyntaxFactory.ParseExpression($"(({CoroutineGenerator.Parser.TypeText(type)})default!)").WithTriviaFrom(node);
        }
    }
}
