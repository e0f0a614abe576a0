namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs for goto and labels, pattern variables across awaits, deconstructing foreach.</summary>
    private static IEnumerable<TestCaseData> StatementCases()
    {
        yield return Case(nameof(Programs.KeywordNamedLocals), Programs.KeywordNamedLocals, Programs.KeywordNamedLocalsAsync);
        yield return Case(nameof(Programs.GotoRetryLoop), Programs.GotoRetryLoop, Programs.GotoRetryLoopAsync);
        yield return Case(nameof(Programs.GotoOutOfTryWithAwaitingFinally), Programs.GotoOutOfTryWithAwaitingFinally, Programs.GotoOutOfTryWithAwaitingFinallyAsync);
        yield return Case(nameof(Programs.GotoOutOfTryWithAwaitingFinally), Programs.GotoOutOfTryWithAwaitingFinally, Programs.GotoOutOfTryWithAwaitingFinallyAsync, cancelAt: 2.2);
        yield return Case(nameof(Programs.GotoOutOfNestedLoops), Programs.GotoOutOfNestedLoops, Programs.GotoOutOfNestedLoopsAsync);
        yield return Case(nameof(Programs.GotoCaseStateMachine), Programs.GotoCaseStateMachine, Programs.GotoCaseStateMachineAsync);
        yield return Case(nameof(Programs.GotoCaseInPlainSwitchAfterAwait), Programs.GotoCaseInPlainSwitchAfterAwait, Programs.GotoCaseInPlainSwitchAfterAwaitAsync);
        yield return Case(nameof(Programs.GotoLoopThrowsIntoCatch), Programs.GotoLoopThrowsIntoCatch, Programs.GotoLoopThrowsIntoCatchAsync);
        yield return Case(nameof(Programs.GotoLoopCancelledWhileSuspended), Programs.GotoLoopCancelledWhileSuspended, Programs.GotoLoopCancelledWhileSuspendedAsync, cancelAt: 3.5);
        yield return Case(nameof(Programs.GotoLabelsNamedLikeGeneratedOnes), Programs.GotoLabelsNamedLikeGeneratedOnes, Programs.GotoLabelsNamedLikeGeneratedOnesAsync);
        yield return Case(nameof(Programs.GotoCarriesValueAroundAwait), Programs.GotoCarriesValueAroundAwait, Programs.GotoCarriesValueAroundAwaitAsync);
        yield return Case(nameof(Programs.GotoOutOfAwaitForEachAndUsing), Programs.GotoOutOfAwaitForEachAndUsing, Programs.GotoOutOfAwaitForEachAndUsingAsync);
        yield return Case(nameof(Programs.GotoOutOfAwaitForEachAndUsing), Programs.GotoOutOfAwaitForEachAndUsing, Programs.GotoOutOfAwaitForEachAndUsingAsync, cancelAt: 1.2);
        yield return Case(nameof(Programs.PatternVariablesInIfAcrossAwait), Programs.PatternVariablesInIfAcrossAwait, Programs.PatternVariablesInIfAcrossAwaitAsync);
        yield return Case(nameof(Programs.PatternVariablesInIfAcrossAwait), Programs.PatternVariablesInIfAcrossAwait, Programs.PatternVariablesInIfAcrossAwaitAsync, cancelAt: 2.5);
        yield return Case("PatternVariableScopedToEnclosingBlock.String", () => Programs.PatternVariableScopedToEnclosingBlock("hello"), () => Programs.PatternVariableScopedToEnclosingBlockAsync("hello"));
        yield return Case("PatternVariableScopedToEnclosingBlock.Int", () => Programs.PatternVariableScopedToEnclosingBlock(3), () => Programs.PatternVariableScopedToEnclosingBlockAsync(3));
        yield return Case(nameof(Programs.PatternVariableInWhileCondition), Programs.PatternVariableInWhileCondition, Programs.PatternVariableInWhileConditionAsync);
        yield return Case(nameof(Programs.OutVariablesInConditionsAcrossAwait), Programs.OutVariablesInConditionsAcrossAwait, Programs.OutVariablesInConditionsAcrossAwaitAsync);
        yield return Case("PatternVariableThroughTryFinally.Big", () => Programs.PatternVariableThroughTryFinally(new Programs.Circle("big", 3)), () => Programs.PatternVariableThroughTryFinallyAsync(new Programs.Circle("big", 3)));
        yield return Case("PatternVariableThroughTryFinally.Big", () => Programs.PatternVariableThroughTryFinally(new Programs.Circle("big", 3)), () => Programs.PatternVariableThroughTryFinallyAsync(new Programs.Circle("big", 3)), cancelAt: 5);
        yield return Case("PatternVariableThroughTryFinally.Small", () => Programs.PatternVariableThroughTryFinally(new Programs.Circle("small", 0.5)), () => Programs.PatternVariableThroughTryFinallyAsync(new Programs.Circle("small", 0.5)));
        yield return Case("PatternVariablesInExpressions.Text", () => Programs.PatternVariablesInExpressions("hello"), () => Programs.PatternVariablesInExpressionsAsync("hello"));
        yield return Case("PatternVariablesInExpressions.Empty", () => Programs.PatternVariablesInExpressions(""), () => Programs.PatternVariablesInExpressionsAsync(""));
        yield return Case("PatternVariablesInExpressions.Number", () => Programs.PatternVariablesInExpressions(12), () => Programs.PatternVariablesInExpressionsAsync(12));
        yield return Case(nameof(Programs.SwitchWithPatternVariables), Programs.SwitchWithPatternVariables, Programs.SwitchWithPatternVariablesAsync);
        yield return Case(nameof(Programs.SwitchWithPatternVariables), Programs.SwitchWithPatternVariables, Programs.SwitchWithPatternVariablesAsync, cancelAt: 2.1);
        yield return Case(nameof(Programs.SwitchOnTupleWithPositionalPatterns), Programs.SwitchOnTupleWithPositionalPatterns, Programs.SwitchOnTupleWithPositionalPatternsAsync);
        yield return Case(nameof(Programs.SwitchPatternVariableWhenThrows), Programs.SwitchPatternVariableWhenThrows, Programs.SwitchPatternVariableWhenThrowsAsync);
        yield return Case(nameof(Programs.SwitchPatternSectionsWithGotoAndAwaitingFinally), Programs.SwitchPatternSectionsWithGotoAndAwaitingFinally, Programs.SwitchPatternSectionsWithGotoAndAwaitingFinallyAsync);
        yield return Case(nameof(Programs.SwitchPatternSectionsWithGotoAndAwaitingFinally), Programs.SwitchPatternSectionsWithGotoAndAwaitingFinally, Programs.SwitchPatternSectionsWithGotoAndAwaitingFinallyAsync, cancelAt: 1.6);
        yield return Case(nameof(Programs.ForEachDeconstructDictionary), Programs.ForEachDeconstructDictionary, Programs.ForEachDeconstructDictionaryAsync);
        yield return Case(nameof(Programs.ForEachDeconstructTypedTuplesInArray), Programs.ForEachDeconstructTypedTuplesInArray, Programs.ForEachDeconstructTypedTuplesInArrayAsync);
        yield return Case(nameof(Programs.ForEachDeconstructThrowsAndDisposes), Programs.ForEachDeconstructThrowsAndDisposes, Programs.ForEachDeconstructThrowsAndDisposesAsync);
        yield return Case(nameof(Programs.ForEachDeconstructThrowsAndDisposes), Programs.ForEachDeconstructThrowsAndDisposes, Programs.ForEachDeconstructThrowsAndDisposesAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.AwaitForEachDeconstruct), Programs.AwaitForEachDeconstruct, Programs.AwaitForEachDeconstructAsync);
        yield return Case(nameof(Programs.AwaitForEachDeconstruct), Programs.AwaitForEachDeconstruct, Programs.AwaitForEachDeconstructAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.SpanLocalsBetweenAwaits), Programs.SpanLocalsBetweenAwaits, Programs.SpanLocalsBetweenAwaitsAsync);
        yield return Case(nameof(Programs.SpanInLoweredLoopBody), Programs.SpanInLoweredLoopBody, Programs.SpanInLoweredLoopBodyAsync);
        yield return Case(nameof(Programs.SpanRedeclaredByBackwardGoto), Programs.SpanRedeclaredByBackwardGoto, Programs.SpanRedeclaredByBackwardGotoAsync);
        yield return Case("SpanInTryWithAwaitingFinally.Small", () => Programs.SpanInTryWithAwaitingFinally(2), () => Programs.SpanInTryWithAwaitingFinallyAsync(2));
        yield return Case("SpanInTryWithAwaitingFinally.Throws", () => Programs.SpanInTryWithAwaitingFinally(4), () => Programs.SpanInTryWithAwaitingFinallyAsync(4));
        yield return Case("SpanInTryWithAwaitingFinally.Small", () => Programs.SpanInTryWithAwaitingFinally(2), () => Programs.SpanInTryWithAwaitingFinallyAsync(2), cancelAt: 3);
    }
}
