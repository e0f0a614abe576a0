namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs for lambdas and local functions capturing per-iteration variables, base access, struct coroutines.</summary>
    private static IEnumerable<TestCaseData> ClosureCases()
    {
        yield return Case(nameof(Programs.LambdasCapturingAVariableOfAGotoLoop), Programs.LambdasCapturingAVariableOfAGotoLoop, Programs.LambdasCapturingAVariableOfAGotoLoopAsync);
        yield return Case(nameof(Programs.ForEachLambdasInvokedAfterLoop), Programs.ForEachLambdasInvokedAfterLoop, Programs.ForEachLambdasInvokedAfterLoopAsync);
        yield return Case(nameof(Programs.LambdaMutatesCapturedAcrossAwait), Programs.LambdaMutatesCapturedAcrossAwait, Programs.LambdaMutatesCapturedAcrossAwaitAsync);
        yield return Case(nameof(Programs.ForLoopVariableIsOnePerLoop), Programs.ForLoopVariableIsOnePerLoop, Programs.ForLoopVariableIsOnePerLoopAsync);
        yield return Case(nameof(Programs.LocalFunctionCapturingIterationVariables), Programs.LocalFunctionCapturingIterationVariables, Programs.LocalFunctionCapturingIterationVariablesAsync);
        yield return Case(nameof(Programs.AsyncLambdasCapturingIterationVariables), Programs.AsyncLambdasCapturingIterationVariables, Programs.AsyncLambdasCapturingIterationVariablesAsync);
        yield return Case(nameof(Programs.ClosuresInAwaitOperandsAndConditions), Programs.ClosuresInAwaitOperandsAndConditions, Programs.ClosuresInAwaitOperandsAndConditionsAsync);
        yield return Case(nameof(Programs.ClosuresWithExceptionsAndFinally), Programs.ClosuresWithExceptionsAndFinally, Programs.ClosuresWithExceptionsAndFinallyAsync);
        yield return Case(nameof(Programs.NestedLoopsBlocksAndSwitchesCapturing), Programs.NestedLoopsBlocksAndSwitchesCapturing, Programs.NestedLoopsBlocksAndSwitchesCapturingAsync);
        yield return Case(nameof(Programs.ClosureOverUsingAndOutVariables), Programs.ClosureOverUsingAndOutVariables, Programs.ClosureOverUsingAndOutVariablesAsync);
        foreach (double cancelAt in new[] { 0.05, 1.5, 2.5 })
        {
            yield return Case(nameof(Programs.CancelledWhileLambdasHoldIterations), Programs.CancelledWhileLambdasHoldIterations, Programs.CancelledWhileLambdasHoldIterationsAsync, cancelAt);
            yield return Case(nameof(Programs.LambdaMutatesCapturedAcrossAwait), Programs.LambdaMutatesCapturedAcrossAwait, Programs.LambdaMutatesCapturedAcrossAwaitAsync, cancelAt);
            yield return Case("CounterStruct.CountTo", () => Programs.DriveTally(false), () => Programs.DriveTallyAsync(true), cancelAt);
        }
        yield return Case("CounterStruct.CountTo", () => Programs.DriveTally(false), () => Programs.DriveTallyAsync(true));
        yield return Case("CounterStruct.FailAfter", () => Programs.DriveTallyFailure(false), () => Programs.DriveTallyFailureAsync(true));
        yield return Case("FrozenPoint.Readonly", () => Programs.DriveFrozenPoint(false), () => Programs.DriveFrozenPointAsync(true));
        yield return Case("Score.RecordStruct", () => Programs.DriveScore(false), () => Programs.DriveScoreAsync(true));
        yield return Case("Shop.Sell", () => new Shop().Sell("apple", 2), () => new Shop().SellAsync("apple", 2));
        yield return Case("Shop.CheckAll", () => new Shop().CheckAll(new[] { 1, 3, 9, 2 }), () => new Shop().CheckAllAsync(new[] { 1, 3, 9, 2 }));
        yield return Case("Shop.CheckAllCancelled", () => new Shop().CheckAll(new[] { 1, 2, 3 }), () => new Shop().CheckAllAsync(new[] { 1, 2, 3 }), cancelAt: 1.2);
        yield return Case("Shop.SellCancelled", () => new Shop().Sell("pear", 1), () => new Shop().SellAsync("pear", 1), cancelAt: 1.5);
        yield return Case("Score.RecordStructCancelled", () => Programs.DriveScore(false), () => Programs.DriveScoreAsync(true), cancelAt: 0.7);
    }
}
