using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Generator.Parsing;

internal sealed partial class BodyParser
{
    /// <summary>
    /// Whether the body has a compile error of its own. Such a body is not lowered: the method itself is compiled
    /// too and reports the error once, at the user's column; a machine built from the same text would report it a
    /// second time, from the generated file. (Warnings are silenced in the generated file instead: see the emitter.)
    /// </summary>
    /// <remarks>
    /// Asking the compiler (<c>SemanticModel.GetDiagnostics</c>) binds the body a second time and doubles the
    /// generator's cost, so the common case is decided from what binding the body already produced: syntax errors,
    /// and operations that are invalid, of an error type or a conversion that does not exist. The one legitimate
    /// source of such operations is a call of another coroutine's generated entry point (<c>OtherAsync()</c>),
    /// which does not exist until the generator has run; only a body with such a call and a suspicious operation
    /// pays for the compiler's diagnostics, which tell the two apart.
    /// </remarks>
    private bool HasCompileError()
    {
        if (_body.ContainsDiagnostics && _body.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            return true;
        if (_model.GetOperation(_body, _ct) is not { } root)
            return false;
        bool suspicious = false, callsEntryPoints = false;
        foreach (var operation in root.DescendantsAndSelf())   // iterative: deep expressions do not recurse
        {
            if (!IsSuspicious(operation))
                continue;
            suspicious = true;
            callsEntryPoints |= operation is IInvalidOperation { Syntax: InvocationExpressionSyntax call } && OriginalCallOf(call) is not null;
        }
        if (!suspicious)
            return false;
        if (!callsEntryPoints)
            return true;
        foreach (var diagnostic in _model.GetDiagnostics(_body.Span, _ct))
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error && !diagnostic.IsWarningAsError && !IsMissingEntryPoint(diagnostic))
                return true;
        }
        return HasEntryPointDependentError();
    }

    /// <summary>
    /// Whether the body has an error that depends on what a generated entry point returns (<c>string s = await
    /// CountAsync();</c> for a <c>Coroutine&lt;int&gt;</c>): the compiler reports it only once the entry point exists, in
    /// the method and again in a machine built from it. The body is bound again with each <c>XAsync(...)</c> replaced
    /// by <c>X(...)</c>, the <c>[Coroutine]</c> method the entry point is generated from, which returns the same type.
    /// </summary>
    private bool HasEntryPointDependentError()
    {
        var rewriter = new OriginalCallRewriter(this, replaceLocals: false);
        if (rewriter.Visit(_syntax) is not MethodDeclarationSyntax rewritten || !rewriter.Changed)
            return false;
        if (rewritten.ExpressionBody is { } arrow)   // bound as the equivalent block: a speculative arrow body does not bind
        {
            StatementSyntax statement = _method.ReturnType is INamedTypeSymbol { IsGenericType: true }
                ? SyntaxFactory.ReturnStatement(arrow.Expression)
                : SyntaxFactory.ExpressionStatement(arrow.Expression);
            rewritten = rewritten.WithExpressionBody(null).WithSemicolonToken(default).WithBody(SyntaxFactory.Block(statement));
        }
        if (!_model.TryGetSpeculativeSemanticModelForMethodBody(_body.SpanStart, rewritten, out var speculative)
            || speculative.GetOperation(rewritten.Body!, _ct) is not { } root)
            return false;
        // An entry point named but not called (a method group, nameof) stays unbound: not an error of the body.
        return root.DescendantsAndSelf().Any(operation => IsSuspicious(operation) && !NamesEntryPoint(operation.Syntax));
    }

    private static bool NamesEntryPoint(SyntaxNode node) => node.DescendantNodesAndSelf().OfType<SimpleNameSyntax>()
        .Any(name => Shared.CoroutineNames.IsEntryPointLike(name.Identifier.ValueText));

    /// <summary>"No member XAsync" on a call <c>XAsync(...)</c>: the generated entry point, which does not exist yet.</summary>
    private bool IsMissingEntryPoint(Diagnostic diagnostic) =>
        diagnostic.Id is "CS0103" or "CS0117" or "CS1061"
        && _body.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is SimpleNameSyntax name
        && Shared.CoroutineNames.IsEntryPointLike(name.Identifier.ValueText);

    private static bool IsSuspicious(IOperation operation) =>
        operation is IInvalidOperation
        || operation.Type is { TypeKind: TypeKind.Error }
        || operation is IConversionOperation { Conversion.Exists: false };
}
