namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs for awaits inside the expressions lowered in issue 4's second pass (?., switch expression arms, ??=, with, initializers, compound assignments).</summary>
    private static IEnumerable<TestCaseData> ExpressionCases()
    {
        yield return Case(nameof(Programs.NullConditionalCallWithAwait), Programs.NullConditionalCallWithAwait, Programs.NullConditionalCallWithAwaitAsync);
        yield return Case(nameof(Programs.NullConditionalValueTypesAndElements), Programs.NullConditionalValueTypesAndElements, Programs.NullConditionalValueTypesAndElementsAsync);
        yield return Case(nameof(Programs.NullConditionalThrows), Programs.NullConditionalThrows, Programs.NullConditionalThrowsAsync);
        yield return Case(nameof(Programs.NullConditionalSuspendedForCancellation), Programs.NullConditionalSuspendedForCancellation, Programs.NullConditionalSuspendedForCancellationAsync, cancelAt: 1);
        yield return Case(nameof(Programs.NullConditionalSuspendedForCancellation), Programs.NullConditionalSuspendedForCancellation, Programs.NullConditionalSuspendedForCancellationAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.SwitchExpressionArmsAwait), Programs.SwitchExpressionArmsAwait, Programs.SwitchExpressionArmsAwaitAsync);
        yield return Case(nameof(Programs.SwitchExpressionNoMatchThrows), Programs.SwitchExpressionNoMatchThrows, Programs.SwitchExpressionNoMatchThrowsAsync);
        yield return Case(nameof(Programs.SwitchExpressionThrowsInArm), Programs.SwitchExpressionThrowsInArm, Programs.SwitchExpressionThrowsInArmAsync);
        yield return Case(nameof(Programs.SwitchExpressionSuspendedForCancellation), Programs.SwitchExpressionSuspendedForCancellation, Programs.SwitchExpressionSuspendedForCancellationAsync);
        yield return Case(nameof(Programs.SwitchExpressionSuspendedForCancellation), Programs.SwitchExpressionSuspendedForCancellation, Programs.SwitchExpressionSuspendedForCancellationAsync, cancelAt: 0.5);
        yield return Case(nameof(Programs.SwitchExpressionSuspendedForCancellation), Programs.SwitchExpressionSuspendedForCancellation, Programs.SwitchExpressionSuspendedForCancellationAsync, cancelAt: 2);
        yield return Case(nameof(Programs.CoalesceAssignmentWithAwait), Programs.CoalesceAssignmentWithAwait, Programs.CoalesceAssignmentWithAwaitAsync);
        yield return Case(nameof(Programs.CoalesceAssignmentThrows), Programs.CoalesceAssignmentThrows, Programs.CoalesceAssignmentThrowsAsync);
        yield return Case(nameof(Programs.CoalesceAssignmentSuspendedForCancellation), Programs.CoalesceAssignmentSuspendedForCancellation, Programs.CoalesceAssignmentSuspendedForCancellationAsync, cancelAt: 1);
        yield return Case(nameof(Programs.CompoundAssignmentToElementsAndProperties), Programs.CompoundAssignmentToElementsAndProperties, Programs.CompoundAssignmentToElementsAndPropertiesAsync);
        yield return Case(nameof(Programs.StructReceiversAcrossAwaits), Programs.StructReceiversAcrossAwaits, Programs.StructReceiversAcrossAwaitsAsync);
        yield return Case(nameof(Programs.CompoundAssignmentThrows), Programs.CompoundAssignmentThrows, Programs.CompoundAssignmentThrowsAsync);
        yield return Case(nameof(Programs.CompoundAssignmentSuspendedForCancellation), Programs.CompoundAssignmentSuspendedForCancellation, Programs.CompoundAssignmentSuspendedForCancellationAsync, cancelAt: 1);
        yield return Case(nameof(Programs.NestedAndIndexedInitializers), Programs.NestedAndIndexedInitializers, Programs.NestedAndIndexedInitializersAsync);
        yield return Case(nameof(Programs.NestedMemberInitializer), Programs.NestedMemberInitializer, Programs.NestedMemberInitializerAsync);
        yield return Case(nameof(Programs.InitializerThrows), Programs.InitializerThrows, Programs.InitializerThrowsAsync);
        yield return Case(nameof(Programs.InitializerSuspendedForCancellation), Programs.InitializerSuspendedForCancellation, Programs.InitializerSuspendedForCancellationAsync, cancelAt: 1);
        yield return Case(nameof(Programs.WithExpressionsAwait), Programs.WithExpressionsAwait, Programs.WithExpressionsAwaitAsync);
        yield return Case(nameof(Programs.WithExpressionThrows), Programs.WithExpressionThrows, Programs.WithExpressionThrowsAsync);
        yield return Case(nameof(Programs.WithExpressionSuspendedForCancellation), Programs.WithExpressionSuspendedForCancellation, Programs.WithExpressionSuspendedForCancellationAsync, cancelAt: 1);
        yield return Case(nameof(Programs.AwaitGenericEntryPoints), Programs.AwaitGenericEntryPoints, Programs.AwaitGenericEntryPointsAsync);
        yield return Case(nameof(Programs.GenericEntryPointThrows), Programs.GenericEntryPointThrows, Programs.GenericEntryPointThrowsAsync);
        yield return Case(nameof(Programs.GenericEntryPointThrows), Programs.GenericEntryPointThrows, Programs.GenericEntryPointThrowsAsync, cancelAt: 1);
        yield return Case(nameof(Programs.EventSubscriptionWithAwait), Programs.EventSubscriptionWithAwait, Programs.EventSubscriptionWithAwaitAsync);
        yield return Case(nameof(Programs.EventSubscriptionThrows), Programs.EventSubscriptionThrows, Programs.EventSubscriptionThrowsAsync);
        yield return Case(nameof(Programs.EventSubscriptionSuspendedForCancellation), Programs.EventSubscriptionSuspendedForCancellation, Programs.EventSubscriptionSuspendedForCancellationAsync, cancelAt: 1.5);
    }
}
