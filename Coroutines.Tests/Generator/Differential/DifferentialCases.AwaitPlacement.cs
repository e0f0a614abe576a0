namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>
    /// Programs on where an await sits (arguments, initializers, conditional access, compound assignment targets,
    /// statement headers, catch and finally), some also cancelled while suspended there.
    /// </summary>
    private static IEnumerable<TestCaseData> AwaitPlacementCases()
    {
        yield return Case(nameof(Programs.RefArgumentToStaticFieldChangedDuringAwait), Programs.RefArgumentToStaticFieldChangedDuringAwait, Programs.RefArgumentToStaticFieldChangedDuringAwaitAsync);
        yield return Case(nameof(Programs.RefArgumentToStructFieldInReplacedArray), Programs.RefArgumentToStructFieldInReplacedArray, Programs.RefArgumentToStructFieldInReplacedArrayAsync);
        yield return Case(nameof(Programs.NestedAwaitsInArguments), Programs.NestedAwaitsInArguments, Programs.NestedAwaitsInArgumentsAsync);
        yield return Case(nameof(Programs.NestedAwaitsInArguments), Programs.NestedAwaitsInArguments, Programs.NestedAwaitsInArgumentsAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.NamedArgumentsOutOfOrderWithAwaits), Programs.NamedArgumentsOutOfOrderWithAwaits, Programs.NamedArgumentsOutOfOrderWithAwaitsAsync);
        yield return Case(nameof(Programs.ParamsArrayWithAwaits), Programs.ParamsArrayWithAwaits, Programs.ParamsArrayWithAwaitsAsync);
        yield return Case(nameof(Programs.AwaitsInArrayInitializers), Programs.AwaitsInArrayInitializers, Programs.AwaitsInArrayInitializersAsync);
        yield return Case(nameof(Programs.AwaitsInArrayInitializers), Programs.AwaitsInArrayInitializers, Programs.AwaitsInArrayInitializersAsync, cancelAt: 2.2);
        yield return Case(nameof(Programs.AwaitsInObjectInitializers), Programs.AwaitsInObjectInitializers, Programs.AwaitsInObjectInitializersAsync);
        yield return Case(nameof(Programs.AwaitsInObjectInitializers), Programs.AwaitsInObjectInitializers, Programs.AwaitsInObjectInitializersAsync, cancelAt: 1.2);
        yield return Case(nameof(Programs.AwaitsAfterConditionalAccess), Programs.AwaitsAfterConditionalAccess, Programs.AwaitsAfterConditionalAccessAsync);
        yield return Case(nameof(Programs.CompoundAssignmentToStructFields), Programs.CompoundAssignmentToStructFields, Programs.CompoundAssignmentToStructFieldsAsync);
        yield return Case(nameof(Programs.CompoundAssignmentWhoseReceiverIsReplaced), Programs.CompoundAssignmentWhoseReceiverIsReplaced, Programs.CompoundAssignmentWhoseReceiverIsReplacedAsync);
        yield return Case(nameof(Programs.AwaitsInUsingHeaders), Programs.AwaitsInUsingHeaders, Programs.AwaitsInUsingHeadersAsync);
        yield return Case(nameof(Programs.AwaitsInUsingHeaders), Programs.AwaitsInUsingHeaders, Programs.AwaitsInUsingHeadersAsync, cancelAt: 1.7);
        yield return Case(nameof(Programs.AwaitsInForEachHeaders), Programs.AwaitsInForEachHeaders, Programs.AwaitsInForEachHeadersAsync);
        yield return Case(nameof(Programs.AwaitsInForEachHeaders), Programs.AwaitsInForEachHeaders, Programs.AwaitsInForEachHeadersAsync, cancelAt: 1.6);
        yield return Case(nameof(Programs.AwaitsInNestedCatchAndFinally), Programs.AwaitsInNestedCatchAndFinally, Programs.AwaitsInNestedCatchAndFinallyAsync);
        yield return Case(nameof(Programs.AwaitsInNestedCatchAndFinally), Programs.AwaitsInNestedCatchAndFinally, Programs.AwaitsInNestedCatchAndFinallyAsync, cancelAt: 1.2);
        yield return Case(nameof(Programs.RethrowAfterAwaitInCatchKeepsException), Programs.RethrowAfterAwaitInCatchKeepsException, Programs.RethrowAfterAwaitInCatchKeepsExceptionAsync);
        yield return Case(nameof(Programs.ReturnValueFixedBeforeAwaitingFinally), Programs.ReturnValueFixedBeforeAwaitingFinally, Programs.ReturnValueFixedBeforeAwaitingFinallyAsync);
        yield return Case(nameof(Programs.ReturnValueFixedBeforeAwaitingFinally), Programs.ReturnValueFixedBeforeAwaitingFinally, Programs.ReturnValueFixedBeforeAwaitingFinallyAsync, cancelAt: 0.5);
        yield return Case(nameof(Programs.ExceptionFromFinallyAfterAwaitReplacesReturn), Programs.ExceptionFromFinallyAfterAwaitReplacesReturn, Programs.ExceptionFromFinallyAfterAwaitReplacesReturnAsync);
        yield return Case(nameof(Programs.AwaitsInConditionalOperatorsInsideArguments), Programs.AwaitsInConditionalOperatorsInsideArguments, Programs.AwaitsInConditionalOperatorsInsideArgumentsAsync);
    }
}
