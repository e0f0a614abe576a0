namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>await using and await foreach programs, each also cancelled while a disposal or a MoveNextAsync suspends.</summary>
    private static IEnumerable<TestCaseData> AsyncDisposalCases()
    {
        yield return Case(nameof(Programs.AwaitUsingDisposesInReverseOrderAndSuspends), Programs.AwaitUsingDisposesInReverseOrderAndSuspends, Programs.AwaitUsingDisposesInReverseOrderAndSuspendsAsync);
        yield return Case(nameof(Programs.AwaitUsingDisposesInReverseOrderAndSuspends), Programs.AwaitUsingDisposesInReverseOrderAndSuspends, Programs.AwaitUsingDisposesInReverseOrderAndSuspendsAsync, cancelAt: 0.7);
        yield return Case(nameof(Programs.AwaitUsingDisposesInReverseOrderAndSuspends), Programs.AwaitUsingDisposesInReverseOrderAndSuspends, Programs.AwaitUsingDisposesInReverseOrderAndSuspendsAsync, cancelAt: 1.7);
        yield return Case(nameof(Programs.UsingNullResourcesAreSkipped), Programs.UsingNullResourcesAreSkipped, Programs.UsingNullResourcesAreSkippedAsync);
        yield return Case(nameof(Programs.AwaitUsingBodyThrowsWhileDisposalSuspends), Programs.AwaitUsingBodyThrowsWhileDisposalSuspends, Programs.AwaitUsingBodyThrowsWhileDisposalSuspendsAsync);
        yield return Case(nameof(Programs.AwaitUsingBodyThrowsWhileDisposalSuspends), Programs.AwaitUsingBodyThrowsWhileDisposalSuspends, Programs.AwaitUsingBodyThrowsWhileDisposalSuspendsAsync, cancelAt: 0.7);
        yield return Case(nameof(Programs.DisposalExceptionReplacesBodyException), Programs.DisposalExceptionReplacesBodyException, Programs.DisposalExceptionReplacesBodyExceptionAsync);
        yield return Case(nameof(Programs.AwaitForEachOverSuspendingEnumerator), Programs.AwaitForEachOverSuspendingEnumerator, Programs.AwaitForEachOverSuspendingEnumeratorAsync);
        yield return Case(nameof(Programs.AwaitForEachOverSuspendingEnumerator), Programs.AwaitForEachOverSuspendingEnumerator, Programs.AwaitForEachOverSuspendingEnumeratorAsync, cancelAt: 0.6);
        yield return Case(nameof(Programs.AwaitForEachOverSuspendingEnumerator), Programs.AwaitForEachOverSuspendingEnumerator, Programs.AwaitForEachOverSuspendingEnumeratorAsync, cancelAt: 3.1);
        yield return Case(nameof(Programs.AwaitForEachBodyThrowsAndDisposes), Programs.AwaitForEachBodyThrowsAndDisposes, Programs.AwaitForEachBodyThrowsAndDisposesAsync);
        yield return Case(nameof(Programs.ReturnFromAwaitForEachDisposesBeforeFinally), Programs.ReturnFromAwaitForEachDisposesBeforeFinally, Programs.ReturnFromAwaitForEachDisposesBeforeFinallyAsync);
        yield return Case(nameof(Programs.ReturnFromAwaitForEachDisposesBeforeFinally), Programs.ReturnFromAwaitForEachDisposesBeforeFinally, Programs.ReturnFromAwaitForEachDisposesBeforeFinallyAsync, cancelAt: 1.6);
        yield return Case(nameof(Programs.AwaitForEachOverMutableStructEnumerator), Programs.AwaitForEachOverMutableStructEnumerator, Programs.AwaitForEachOverMutableStructEnumeratorAsync);
        yield return Case(nameof(Programs.AwaitForEachOverMutableStructEnumerator), Programs.AwaitForEachOverMutableStructEnumerator, Programs.AwaitForEachOverMutableStructEnumeratorAsync, cancelAt: 1.1);
        yield return Case(nameof(Programs.UsingStructResourceDisposesTheVariableNotACopy), Programs.UsingStructResourceDisposesTheVariableNotACopy, Programs.UsingStructResourceDisposesTheVariableNotACopyAsync);
        yield return Case(nameof(Programs.LambdasCaptureAwaitForEachAndUsingVariables), Programs.LambdasCaptureAwaitForEachAndUsingVariables, Programs.LambdasCaptureAwaitForEachAndUsingVariablesAsync);
        yield return Case(nameof(Programs.GotoBackwardOutOfAwaitingUsing), Programs.GotoBackwardOutOfAwaitingUsing, Programs.GotoBackwardOutOfAwaitingUsingAsync);
        yield return Case(nameof(Programs.GotoBackwardOutOfAwaitingUsing), Programs.GotoBackwardOutOfAwaitingUsing, Programs.GotoBackwardOutOfAwaitingUsingAsync, cancelAt: 1.1);
    }
}
