namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs on what is evaluated before an await and what after it.</summary>
    private static IEnumerable<TestCaseData> EvaluationOrderCases()
    {
        yield return Case(nameof(Programs.AssignmentWhoseStaticReceiverIsReplaced), Programs.AssignmentWhoseStaticReceiverIsReplaced, Programs.AssignmentWhoseStaticReceiverIsReplacedAsync);
        yield return Case(nameof(Programs.StructMethodCallOnStaticFieldAndReplacedArray), Programs.StructMethodCallOnStaticFieldAndReplacedArray, Programs.StructMethodCallOnStaticFieldAndReplacedArrayAsync);
        yield return Case(nameof(Programs.CoalesceAssignmentToArrayElement), Programs.CoalesceAssignmentToArrayElement, Programs.CoalesceAssignmentToArrayElementAsync);
        yield return Case(nameof(Programs.NonShortCircuitLogicalOperatorsWithAwaits), Programs.NonShortCircuitLogicalOperatorsWithAwaits, Programs.NonShortCircuitLogicalOperatorsWithAwaitsAsync);
        yield return Case(nameof(Programs.IndexedInitializerKeysBeforeAwait), Programs.IndexedInitializerKeysBeforeAwait, Programs.IndexedInitializerKeysBeforeAwaitAsync);
        yield return Case(nameof(Programs.WithTupleEqualityFormatAndCheckedConversion), Programs.WithTupleEqualityFormatAndCheckedConversion, Programs.WithTupleEqualityFormatAndCheckedConversionAsync);
        yield return Case(nameof(Programs.UsingWithAwaitInSwitchSection), Programs.UsingWithAwaitInSwitchSection, Programs.UsingWithAwaitInSwitchSectionAsync);
        yield return Case(nameof(Programs.UsingWithAwaitInSwitchSection), Programs.UsingWithAwaitInSwitchSection, Programs.UsingWithAwaitInSwitchSectionAsync, cancelAt: 0.5);
        yield return Case(nameof(Programs.ConditionalAccessOnElementAndConcatenation), Programs.ConditionalAccessOnElementAndConcatenation, Programs.ConditionalAccessOnElementAndConcatenationAsync);
        yield return Case(nameof(Programs.IsAndAsOnAwaitedValues), Programs.IsAndAsOnAwaitedValues, Programs.IsAndAsOnAwaitedValuesAsync);
        yield return Case(nameof(Programs.TupleElementCompoundAssignment), Programs.TupleElementCompoundAssignment, Programs.TupleElementCompoundAssignmentAsync);
    }
}
