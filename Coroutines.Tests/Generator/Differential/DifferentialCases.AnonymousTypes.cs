namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs whose locals have anonymous types (or arrays, lists, tuples of them) across awaits.</summary>
    private static IEnumerable<TestCaseData> AnonymousTypeCases()
    {
        yield return Case(nameof(Programs.ProjectionHeldAcrossAwaits), Programs.ProjectionHeldAcrossAwaits, Programs.ProjectionHeldAcrossAwaitsAsync);
        yield return Case(nameof(Programs.NestedAnonymousTypeAcrossAwait), Programs.NestedAnonymousTypeAcrossAwait, Programs.NestedAnonymousTypeAcrossAwaitAsync);
        yield return Case(nameof(Programs.AnonymousValuesInCollectionsAcrossAwait), Programs.AnonymousValuesInCollectionsAcrossAwait, Programs.AnonymousValuesInCollectionsAcrossAwaitAsync);
        yield return Case(nameof(Programs.AnonymousLocalReassigned), Programs.AnonymousLocalReassigned, Programs.AnonymousLocalReassignedAsync);
        yield return Case(nameof(Programs.AnonymousLocalThroughExceptionsAndCancellation), Programs.AnonymousLocalThroughExceptionsAndCancellation, Programs.AnonymousLocalThroughExceptionsAndCancellationAsync);
        yield return Case(nameof(Programs.AnonymousDeconstructionAndOutVariables), Programs.AnonymousDeconstructionAndOutVariables, Programs.AnonymousDeconstructionAndOutVariablesAsync);
        yield return Case("GroupedProjectionInGenericCoroutine", () => Programs.GroupedProjectionInGenericCoroutine("tag"), () => Programs.GroupedProjectionInGenericCoroutineAsync("tag"));
        foreach (double cancelAt in new[] { 0.5, 2.05, 3.5 })
            yield return Case(nameof(Programs.AnonymousLocalThroughExceptionsAndCancellation), Programs.AnonymousLocalThroughExceptionsAndCancellation, Programs.AnonymousLocalThroughExceptionsAndCancellationAsync, cancelAt);
    }
}
