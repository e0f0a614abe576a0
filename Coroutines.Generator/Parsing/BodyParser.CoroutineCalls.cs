using Coroutines.Generator.Interception;
using Coroutines.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// Calls of [Coroutine] methods in the lowered body. The machine is generated code, which no interceptor reaches, so it
// names the entry point itself (`Work(1)` → `WorkAsync(1)`): a coroutine that awaits another runs the other's machine
// too, as the same call in the user's file does through its interceptor.
internal sealed partial class BodyParser
{
    private void EditCoroutineCall(InvocationExpressionSyntax invocation)
    {
        var name = invocation.Expression switch
        {
            SimpleNameSyntax simple => simple,
            MemberAccessExpressionSyntax { Expression: not BaseExpressionSyntax } access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            _ => null,   // base.M(...) keeps its accessor (BodyParser.Base)
        };
        if (name is null || _model.GetSymbolInfo(invocation, _ct).Symbol is not IMethodSymbol called)
            return;
        if (RedirectTarget.Of(called, _model.Compilation, _ct) is null || RedirectTarget.IsInExpressionTree(invocation, _model, _ct))
            return;
        AddEdit(name.Identifier.Span, CoroutineNames.EntryPointOf(name.Identifier.Text));
    }
}
