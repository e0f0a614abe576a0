namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs for awaits inside the expressions lowered in issue 4's second pass (?., switch expression arms, ??=, with, initializers, compound assignments).</summary>
    private static IEnumerable<TestCaseData> ExpressionCases()
    {
        yield break;
    }
}
