namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs whose operands before an await are changed by what the await evaluates, and the evaluation order of deconstructions, multi-dimensional initializers and spreads.</summary>
    private static IEnumerable<TestCaseData> OperandOrderCases()
    {
        yield return Case(nameof(Programs.LocalAssignedInsideALaterAwaitedOperand), Programs.LocalAssignedInsideALaterAwaitedOperand, Programs.LocalAssignedInsideALaterAwaitedOperandAsync);
        yield return Case(nameof(Programs.LocalAssignedInsideALaterAwaitedOperandOfOtherConstructs), Programs.LocalAssignedInsideALaterAwaitedOperandOfOtherConstructs, Programs.LocalAssignedInsideALaterAwaitedOperandOfOtherConstructsAsync);
        yield return Case(nameof(Programs.LocalIndexAssignedInsideALaterAwaitedOperand), Programs.LocalIndexAssignedInsideALaterAwaitedOperand, Programs.LocalIndexAssignedInsideALaterAwaitedOperandAsync);
        yield return Case(nameof(Programs.CapturedLocalAssignedInsideALaterAwaitedOperand), Programs.CapturedLocalAssignedInsideALaterAwaitedOperand, Programs.CapturedLocalAssignedInsideALaterAwaitedOperandAsync);
        yield return Case(nameof(Programs.LocalAssignedByALambdaDuringTheAwait), Programs.LocalAssignedByALambdaDuringTheAwait, Programs.LocalAssignedByALambdaDuringTheAwaitAsync);
        yield return Case(nameof(Programs.LocalChangedByAMethodOrLocalFunctionInsideALaterAwaitedOperand), Programs.LocalChangedByAMethodOrLocalFunctionInsideALaterAwaitedOperand, Programs.LocalChangedByAMethodOrLocalFunctionInsideALaterAwaitedOperandAsync);
        yield return Case(nameof(Programs.DeconstructionTargetsEvaluatedBeforeTheAwait), Programs.DeconstructionTargetsEvaluatedBeforeTheAwait, Programs.DeconstructionTargetsEvaluatedBeforeTheAwaitAsync);
        yield return Case(nameof(Programs.MultidimensionalArrayInitializerRowsBeforeTheAwait), Programs.MultidimensionalArrayInitializerRowsBeforeTheAwait, Programs.MultidimensionalArrayInitializerRowsBeforeTheAwaitAsync);
        yield return Case(nameof(Programs.CollectionExpressionWithSpreadAndAwait), Programs.CollectionExpressionWithSpreadAndAwait, Programs.CollectionExpressionWithSpreadAndAwaitAsync);
    }
}
