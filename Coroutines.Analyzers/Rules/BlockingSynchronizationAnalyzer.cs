using Coroutines.Analyzers.Blocking;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO004: thread synchronization primitives and blocking collections in a coroutine. An acquire that is held across an
/// <c>await</c> is left to CORO030, which names the worse problem (one diagnostic per call).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingSynchronizationAnalyzer : BlockingCallAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public BlockingSynchronizationAnalyzer() : base(DiagnosticDescriptors.BlockingSynchronization, BlockingCategory.Synchronization) { }

    private protected override bool IsExempt(IOperation operation, CoroutineRegion region, CoroutineSymbols symbols) =>
        LockAcrossAwait.IsHeldAcrossAwait(operation, region);
}
