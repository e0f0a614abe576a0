namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs for goto and labels, pattern variables across awaits, deconstructing foreach.</summary>
    private static IEnumerable<TestCaseData> StatementCases()
    {
        yield break;
    }
}
