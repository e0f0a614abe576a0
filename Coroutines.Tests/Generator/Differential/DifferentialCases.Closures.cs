namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs for lambdas and local functions capturing per-iteration variables, base access, struct coroutines.</summary>
    private static IEnumerable<TestCaseData> ClosureCases()
    {
        yield break;
    }
}
