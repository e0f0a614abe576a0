namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs on indexers, array sizes, constructor arguments and a using statement with two declarators.</summary>
    private static IEnumerable<TestCaseData> IndexerCases()
    {
        yield return Case(nameof(Programs.IndexersFromEndRangesAndArraySizesWithAwaits), Programs.IndexersFromEndRangesAndArraySizesWithAwaits, Programs.IndexersFromEndRangesAndArraySizesWithAwaitsAsync);
        yield return Case(nameof(Programs.UsingTwoDeclaratorsBodyThrows), Programs.UsingTwoDeclaratorsBodyThrows, Programs.UsingTwoDeclaratorsBodyThrowsAsync);
        yield return Case(nameof(Programs.ConstructorArgumentsBeforeInitializersWithAwaits), Programs.ConstructorArgumentsBeforeInitializersWithAwaits, Programs.ConstructorArgumentsBeforeInitializersWithAwaitsAsync);
    }
}
