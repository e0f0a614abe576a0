using Coroutines.Analyzers.Blocking;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO005 (Info): a call outside the curated catalogue whose awaitable sibling exists. The sibling must not be the
/// coroutine itself (a <c>ReadAsync</c> that calls <c>Read</c> is not told to call itself).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncCounterpartAnalyzer : BlockingCallAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public AsyncCounterpartAnalyzer() : base(DiagnosticDescriptors.AsyncCounterpart, BlockingCategory.AsyncCounterpart) { }

    private protected override bool IsExempt(IOperation operation, CoroutineRegion region, CoroutineSymbols symbols)
    {
        if (operation is not IInvocationOperation invocation)
            return true;
        for (var function = region.Function; function is not null; function = function.OverriddenMethod)
        {
            if (function.Name == invocation.TargetMethod.Name + "Async"
                && SymbolEqualityComparer.Default.Equals(function.ContainingType?.OriginalDefinition, invocation.TargetMethod.ContainingType?.OriginalDefinition))
                return true;
        }
        return false;
    }
}
