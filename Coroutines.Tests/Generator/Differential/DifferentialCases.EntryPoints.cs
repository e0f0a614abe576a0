namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs whose locals and expressions are typed by other types' generated entry points.</summary>
    private static IEnumerable<TestCaseData> EntryPointCases()
    {
        yield return Case(nameof(Programs.VarLocalFromAnotherInstanceEntryPoint), Programs.VarLocalFromAnotherInstanceEntryPoint, Programs.VarLocalFromAnotherInstanceEntryPointAsync);
        yield return Case(nameof(Programs.VarLocalFromAnotherStaticEntryPoint), Programs.VarLocalFromAnotherStaticEntryPoint, Programs.VarLocalFromAnotherStaticEntryPointAsync);
        yield return Case(nameof(Programs.VarLocalsFromGenericEntryPoints), Programs.VarLocalsFromGenericEntryPoints, Programs.VarLocalsFromGenericEntryPointsAsync);
        yield return Case(nameof(Programs.VarLocalUsedLaterInSpillingExpression), Programs.VarLocalUsedLaterInSpillingExpression, Programs.VarLocalUsedLaterInSpillingExpressionAsync);
        yield return Case(nameof(Programs.TernaryWithAwaitedEntryPointOfAnotherType), Programs.TernaryWithAwaitedEntryPointOfAnotherType, Programs.TernaryWithAwaitedEntryPointOfAnotherTypeAsync);
        yield return Case(nameof(Programs.CancelledWhileSuspendedInAnotherCoroutine), Programs.CancelledWhileSuspendedInAnotherCoroutine, Programs.CancelledWhileSuspendedInAnotherCoroutineAsync);
        foreach (double cancelAt in new[] { 0.5, 2.5, 4.2 })
        {
            yield return Case(nameof(Programs.CancelledWhileSuspendedInAnotherCoroutine), Programs.CancelledWhileSuspendedInAnotherCoroutine, Programs.CancelledWhileSuspendedInAnotherCoroutineAsync, cancelAt);
            yield return Case(nameof(Programs.VarLocalFromAnotherStaticEntryPoint), Programs.VarLocalFromAnotherStaticEntryPoint, Programs.VarLocalFromAnotherStaticEntryPointAsync, cancelAt);
        }
    }
}
