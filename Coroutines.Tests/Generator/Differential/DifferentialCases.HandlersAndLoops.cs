namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs on exception filters, loop conditions that await, span locals between awaits and cancellation in handlers.</summary>
    private static IEnumerable<TestCaseData> HandlerAndLoopCases()
    {
        yield return Case(nameof(Programs.FilterRunsBeforeInnerFinally), Programs.FilterRunsBeforeInnerFinally, Programs.FilterRunsBeforeInnerFinallyAsync);
        yield return Case(nameof(Programs.ThrowingFilterCountsAsFalse), Programs.ThrowingFilterCountsAsFalse, Programs.ThrowingFilterCountsAsFalseAsync);
        yield return Case(nameof(Programs.ContinueToAwaitingLoopConditions), Programs.ContinueToAwaitingLoopConditions, Programs.ContinueToAwaitingLoopConditionsAsync);
        yield return Case(nameof(Programs.SpanForEachAndStackallocBetweenAwaits), Programs.SpanForEachAndStackallocBetweenAwaits, Programs.SpanForEachAndStackallocBetweenAwaitsAsync);
        yield return Case(nameof(Programs.SwitchPatternVariablesAcrossAwaits), Programs.SwitchPatternVariablesAcrossAwaits, Programs.SwitchPatternVariablesAcrossAwaitsAsync);
        yield return Case(nameof(Programs.AwaitsInCatchAndFinallyCancelled), Programs.AwaitsInCatchAndFinallyCancelled, Programs.AwaitsInCatchAndFinallyCancelledAsync);
        yield return Case(nameof(Programs.AwaitsInCatchAndFinallyCancelled), Programs.AwaitsInCatchAndFinallyCancelled, Programs.AwaitsInCatchAndFinallyCancelledAsync, cancelAt: 1);
        yield return Case(nameof(Programs.AwaitsInCatchAndFinallyCancelled), Programs.AwaitsInCatchAndFinallyCancelled, Programs.AwaitsInCatchAndFinallyCancelledAsync, cancelAt: 2);
        yield return Case(nameof(Programs.BreakOutOfForEachWhoseDisposeThrows), Programs.BreakOutOfForEachWhoseDisposeThrows, Programs.BreakOutOfForEachWhoseDisposeThrowsAsync);
    }
}
