namespace Coroutines.Tests.Generator.Differential;

/// <summary>The differential programs: each pairs a method (compiler lowering) with its generated entry point.</summary>
internal static partial class DifferentialCases
{
    public static IEnumerable<TestCaseData> All()
    {
        yield return Case(nameof(Programs.SleepThenReturn), Programs.SleepThenReturn, Programs.SleepThenReturnAsync);
        yield return Case(nameof(Programs.YieldTwice), Programs.YieldTwice, Programs.YieldTwiceAsync);
        yield return Case(nameof(Programs.AwaitChildInDeclaration), Programs.AwaitChildInDeclaration, Programs.AwaitChildInDeclarationAsync);
        yield return Case(nameof(Programs.AwaitInAssignment), Programs.AwaitInAssignment, Programs.AwaitInAssignmentAsync);
        yield return Case(nameof(Programs.ReturnAwait), Programs.ReturnAwait, Programs.ReturnAwaitAsync);
        yield return Case(nameof(Programs.ExpressionBodiedVoid), Programs.ExpressionBodiedVoid, Programs.ExpressionBodiedVoidAsync);
        yield return Case(nameof(Programs.AwaitCompilerChild), Programs.AwaitCompilerChild, Programs.AwaitCompilerChildAsync);
        yield return Case(nameof(Programs.AwaitFuture), Programs.AwaitFuture, Programs.AwaitFutureAsync);
        yield return Case(nameof(Programs.SleepWithResult), Programs.SleepWithResult, Programs.SleepWithResultAsync);
        yield return Case(nameof(Programs.LocalLivesAcrossAwait), Programs.LocalLivesAcrossAwait, Programs.LocalLivesAcrossAwaitAsync);
        yield return Case(nameof(Programs.WhileLoop), Programs.WhileLoop, Programs.WhileLoopAsync);
        yield return Case(nameof(Programs.ForLoopWithBreakAndContinue), Programs.ForLoopWithBreakAndContinue, Programs.ForLoopWithBreakAndContinueAsync);
        yield return Case(nameof(Programs.DoWhileLoop), Programs.DoWhileLoop, Programs.DoWhileLoopAsync);
        yield return Case(nameof(Programs.NestedLoops), Programs.NestedLoops, Programs.NestedLoopsAsync);
        yield return Case(nameof(Programs.IfNegative), Programs.IfNegative, Programs.IfNegativeAsync);
        yield return Case(nameof(Programs.IfZero), Programs.IfZero, Programs.IfZeroAsync);
        yield return Case(nameof(Programs.EarlyReturnInLoop), Programs.EarlyReturnInLoop, Programs.EarlyReturnInLoopAsync);
        yield return Case(nameof(Programs.AwaitInWhileCondition), Programs.AwaitInWhileCondition, Programs.AwaitInWhileConditionAsync);
        yield return Case(nameof(Programs.AwaitInIfCondition), Programs.AwaitInIfCondition, Programs.AwaitInIfConditionAsync);
        yield return Case(nameof(Programs.AwaitInForPieces), Programs.AwaitInForPieces, Programs.AwaitInForPiecesAsync);
        yield return Case(nameof(Programs.NestedBlocksAndShadowing), Programs.NestedBlocksAndShadowing, Programs.NestedBlocksAndShadowingAsync);
        yield return Case(nameof(Programs.CallsParametersChange), Programs.CallsParametersChange, Programs.CallsParametersChangeAsync);
        yield return Case(nameof(Programs.NoAwaitAtAll), Programs.NoAwaitAtAll, Programs.NoAwaitAtAllAsync);
        yield return Case(nameof(Programs.ChildrenInSequence), Programs.ChildrenInSequence, Programs.ChildrenInSequenceAsync);
        yield return Case(nameof(Programs.ConcurrentTasks), Programs.ConcurrentTasks, Programs.ConcurrentTasksAsync);
        yield return Case(nameof(Programs.GenericIdentityUser), Programs.GenericIdentityUser, Programs.GenericIdentityUserAsync);
        yield return Case(nameof(Programs.LoopOverLocalFunction), Programs.LoopOverLocalFunction, Programs.LoopOverLocalFunctionAsync);
        yield return Case(nameof(Programs.LambdaCapturingOuterLocal), Programs.LambdaCapturingOuterLocal, Programs.LambdaCapturingOuterLocalAsync);
        yield return Case(nameof(Programs.CheckedArithmetic), Programs.CheckedArithmetic, Programs.CheckedArithmeticAsync);
        yield return Case(nameof(Programs.LockWithoutAwaitInside), Programs.LockWithoutAwaitInside, Programs.LockWithoutAwaitInsideAsync);
        yield return Case(nameof(Programs.OutVariable), Programs.OutVariable, Programs.OutVariableAsync);
        yield return Case(nameof(Programs.CallsPattern), Programs.CallsPattern, Programs.CallsPatternAsync);
        yield return Case(nameof(Programs.ThrowAfterAwait), Programs.ThrowAfterAwait, Programs.ThrowAfterAwaitAsync);
        yield return Case(nameof(Programs.ChildThrowsUncaught), Programs.ChildThrowsUncaught, Programs.ChildThrowsUncaughtAsync);
        yield return Case(nameof(Programs.CatchChildException), Programs.CatchChildException, Programs.CatchChildExceptionAsync);
        yield return Case(nameof(Programs.AwaitInsideTryWithPlainFinally), Programs.AwaitInsideTryWithPlainFinally, Programs.AwaitInsideTryWithPlainFinallyAsync);
        yield return Case(nameof(Programs.AwaitInFinally), Programs.AwaitInFinally, Programs.AwaitInFinallyAsync);
        yield return Case(nameof(Programs.AwaitInFinallyWithException), Programs.AwaitInFinallyWithException, Programs.AwaitInFinallyWithExceptionAsync);
        yield return Case(nameof(Programs.ReturnThroughAwaitingFinally), Programs.ReturnThroughAwaitingFinally, Programs.ReturnThroughAwaitingFinallyAsync);
        yield return Case(nameof(Programs.BreakThroughAwaitingFinally), Programs.BreakThroughAwaitingFinally, Programs.BreakThroughAwaitingFinallyAsync);
        yield return Case(nameof(Programs.AwaitInCatch), Programs.AwaitInCatch, Programs.AwaitInCatchAsync);
        yield return Case(nameof(Programs.AwaitInCatchWithFilter), Programs.AwaitInCatchWithFilter, Programs.AwaitInCatchWithFilterAsync);
        yield return Case(nameof(Programs.RethrowFromAwaitingCatch), Programs.RethrowFromAwaitingCatch, Programs.RethrowFromAwaitingCatchAsync);
        yield return Case(nameof(Programs.TryCatchFinallyAllAwait), Programs.TryCatchFinallyAllAwait, Programs.TryCatchFinallyAllAwaitAsync);
        yield return Case(nameof(Programs.NestedTryFinally), Programs.NestedTryFinally, Programs.NestedTryFinallyAsync);
        yield return Case(nameof(Programs.ReturnFromNestedAwaitingFinallys), Programs.ReturnFromNestedAwaitingFinallys, Programs.ReturnFromNestedAwaitingFinallysAsync);
        yield return Case(nameof(Programs.ExceptionInFinallyReplacesPending), Programs.ExceptionInFinallyReplacesPending, Programs.ExceptionInFinallyReplacesPendingAsync);
        yield return Case(nameof(Programs.CatchWithoutAwaitAroundAwait), Programs.CatchWithoutAwaitAroundAwait, Programs.CatchWithoutAwaitAroundAwaitAsync);
        yield return Case(nameof(Programs.UsingStatementAroundAwait), Programs.UsingStatementAroundAwait, Programs.UsingStatementAroundAwaitAsync);
        yield return Case(nameof(Programs.UsingDeclaration), Programs.UsingDeclaration, Programs.UsingDeclarationAsync);
        yield return Case(nameof(Programs.AwaitUsing), Programs.AwaitUsing, Programs.AwaitUsingAsync);
        yield return Case(nameof(Programs.UsingDisposesOnException), Programs.UsingDisposesOnException, Programs.UsingDisposesOnExceptionAsync);
        yield return Case(nameof(Programs.UsingWhoseSecondResourceFailsToOpen), Programs.UsingWhoseSecondResourceFailsToOpen, Programs.UsingWhoseSecondResourceFailsToOpenAsync);
        yield return Case(nameof(Programs.UsingWhoseSecondResourceAwaitsToOpen), Programs.UsingWhoseSecondResourceAwaitsToOpen, Programs.UsingWhoseSecondResourceAwaitsToOpenAsync);
        yield return Case(nameof(Programs.UsingWithoutAwaitInBody), Programs.UsingWithoutAwaitInBody, Programs.UsingWithoutAwaitInBodyAsync);
        yield return Case(nameof(Programs.LongSleepForCancellation), Programs.LongSleepForCancellation, Programs.LongSleepForCancellationAsync);
        yield return Case(nameof(Programs.CatchCancellation), Programs.CatchCancellation, Programs.CatchCancellationAsync);
        yield return Case(nameof(Programs.FinallyRunsOnCancellation), Programs.FinallyRunsOnCancellation, Programs.FinallyRunsOnCancellationAsync);
        yield return Case(nameof(Programs.CancelWhileAwaitingFuture), Programs.CancelWhileAwaitingFuture, Programs.CancelWhileAwaitingFutureAsync);
        yield return Case(nameof(Programs.ThrowInsideSwitchInLoop), Programs.ThrowInsideSwitchInLoop, Programs.ThrowInsideSwitchInLoopAsync);
        yield return Case(nameof(Programs.AwaitInArguments), Programs.AwaitInArguments, Programs.AwaitInArgumentsAsync);
        yield return Case(nameof(Programs.TwoAwaitsInArguments), Programs.TwoAwaitsInArguments, Programs.TwoAwaitsInArgumentsAsync);
        yield return Case(nameof(Programs.AwaitInBinaryOperators), Programs.AwaitInBinaryOperators, Programs.AwaitInBinaryOperatorsAsync);
        yield return Case(nameof(Programs.FieldReadBeforeAwait), Programs.FieldReadBeforeAwait, Programs.FieldReadBeforeAwaitAsync);
        yield return Case(nameof(Programs.CompoundAssignmentReadsFirst), Programs.CompoundAssignmentReadsFirst, Programs.CompoundAssignmentReadsFirstAsync);
        yield return Case(nameof(Programs.ShortCircuitAnd), Programs.ShortCircuitAnd, Programs.ShortCircuitAndAsync);
        yield return Case(nameof(Programs.ShortCircuitOr), Programs.ShortCircuitOr, Programs.ShortCircuitOrAsync);
        yield return Case("ConditionalOperator.True", () => Programs.ConditionalOperator(true), () => Programs.ConditionalOperatorAsync(true));
        yield return Case("ConditionalOperator.False", () => Programs.ConditionalOperator(false), () => Programs.ConditionalOperatorAsync(false));
        yield return Case(nameof(Programs.CoalesceWithAwait), Programs.CoalesceWithAwait, Programs.CoalesceWithAwaitAsync);
        yield return Case(nameof(Programs.InterpolatedStringWithAwait), Programs.InterpolatedStringWithAwait, Programs.InterpolatedStringWithAwaitAsync);
        yield return Case(nameof(Programs.ObjectAndCollectionInitializers), Programs.ObjectAndCollectionInitializers, Programs.ObjectAndCollectionInitializersAsync);
        yield return Case(nameof(Programs.ArrayAndTupleWithAwait), Programs.ArrayAndTupleWithAwait, Programs.ArrayAndTupleWithAwaitAsync);
        yield return Case(nameof(Programs.AwaitAsReceiver), Programs.AwaitAsReceiver, Programs.AwaitAsReceiverAsync);
        yield return Case(nameof(Programs.AwaitInElementAccess), Programs.AwaitInElementAccess, Programs.AwaitInElementAccessAsync);
        yield return Case(nameof(Programs.SwitchExpressionGoverningAwait), Programs.SwitchExpressionGoverningAwait, Programs.SwitchExpressionGoverningAwaitAsync);
        yield return Case(nameof(Programs.CastAndUnary), Programs.CastAndUnary, Programs.CastAndUnaryAsync);
        yield return Case(nameof(Programs.SwitchCases), Programs.SwitchCases, Programs.SwitchCasesAsync);
        yield return Case(nameof(Programs.SwitchStrings), Programs.SwitchStrings, Programs.SwitchStringsAsync);
        yield return Case(nameof(Programs.SwitchWithoutAwaitInsideLoweredLoop), Programs.SwitchWithoutAwaitInsideLoweredLoop, Programs.SwitchWithoutAwaitInsideLoweredLoopAsync);
        yield return Case(nameof(Programs.ForEachOverList), Programs.ForEachOverList, Programs.ForEachOverListAsync);
        yield return Case(nameof(Programs.ForEachOverArrayWithBreak), Programs.ForEachOverArrayWithBreak, Programs.ForEachOverArrayWithBreakAsync);
        yield return Case(nameof(Programs.ForEachOverEnumerableDisposes), Programs.ForEachOverEnumerableDisposes, Programs.ForEachOverEnumerableDisposesAsync);
        yield return Case(nameof(Programs.ForEachOverDictionaryStruct), Programs.ForEachOverDictionaryStruct, Programs.ForEachOverDictionaryStructAsync);
        yield return Case(nameof(Programs.AwaitForEach), Programs.AwaitForEach, Programs.AwaitForEachAsync);
        yield return Case(nameof(Programs.AwaitForEachWithBreak), Programs.AwaitForEachWithBreak, Programs.AwaitForEachWithBreakAsync);
        yield return Case(nameof(Programs.ForEachWithoutAwaitInsideLoweredCode), Programs.ForEachWithoutAwaitInsideLoweredCode, Programs.ForEachWithoutAwaitInsideLoweredCodeAsync);
        yield return Case(nameof(Programs.DeconstructionWithAwait), Programs.DeconstructionWithAwait, Programs.DeconstructionWithAwaitAsync);
        yield return Case(nameof(Programs.NameofAndAnonymousProjection), Programs.NameofAndAnonymousProjection, Programs.NameofAndAnonymousProjectionAsync);
        yield return Case(nameof(Programs.StringBuilding), Programs.StringBuilding, Programs.StringBuildingAsync);
        yield return Case(nameof(Programs.NullConditionalReceiverAwait), Programs.NullConditionalReceiverAwait, Programs.NullConditionalReceiverAwaitAsync);
        yield return Case(nameof(Programs.StaticFieldAcrossAwaits), Programs.StaticFieldAcrossAwaits, Programs.StaticFieldAcrossAwaitsAsync);
        yield return Case(nameof(Programs.AwaitInLambdaIsItsOwn), Programs.AwaitInLambdaIsItsOwn, Programs.AwaitInLambdaIsItsOwnAsync);
        yield return Case(nameof(Programs.LongSleepForCancellation), Programs.LongSleepForCancellation, Programs.LongSleepForCancellationAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.LongSleepForCancellation), Programs.LongSleepForCancellation, Programs.LongSleepForCancellationAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.LongSleepForCancellation), Programs.LongSleepForCancellation, Programs.LongSleepForCancellationAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.CatchCancellation), Programs.CatchCancellation, Programs.CatchCancellationAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.CatchCancellation), Programs.CatchCancellation, Programs.CatchCancellationAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.CatchCancellation), Programs.CatchCancellation, Programs.CatchCancellationAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.FinallyRunsOnCancellation), Programs.FinallyRunsOnCancellation, Programs.FinallyRunsOnCancellationAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.FinallyRunsOnCancellation), Programs.FinallyRunsOnCancellation, Programs.FinallyRunsOnCancellationAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.FinallyRunsOnCancellation), Programs.FinallyRunsOnCancellation, Programs.FinallyRunsOnCancellationAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.CancelDuringLoop), Programs.CancelDuringLoop, Programs.CancelDuringLoopAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.CancelDuringLoop), Programs.CancelDuringLoop, Programs.CancelDuringLoopAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.CancelDuringLoop), Programs.CancelDuringLoop, Programs.CancelDuringLoopAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.CancelWhileAwaitingFuture), Programs.CancelWhileAwaitingFuture, Programs.CancelWhileAwaitingFutureAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.CancelWhileAwaitingFuture), Programs.CancelWhileAwaitingFuture, Programs.CancelWhileAwaitingFutureAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.CancelWhileAwaitingFuture), Programs.CancelWhileAwaitingFuture, Programs.CancelWhileAwaitingFutureAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.WhileLoop), Programs.WhileLoop, Programs.WhileLoopAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.WhileLoop), Programs.WhileLoop, Programs.WhileLoopAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.WhileLoop), Programs.WhileLoop, Programs.WhileLoopAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.AwaitInFinally), Programs.AwaitInFinally, Programs.AwaitInFinallyAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.AwaitInFinally), Programs.AwaitInFinally, Programs.AwaitInFinallyAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.AwaitInFinally), Programs.AwaitInFinally, Programs.AwaitInFinallyAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.ReturnThroughAwaitingFinally), Programs.ReturnThroughAwaitingFinally, Programs.ReturnThroughAwaitingFinallyAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.ReturnThroughAwaitingFinally), Programs.ReturnThroughAwaitingFinally, Programs.ReturnThroughAwaitingFinallyAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.ReturnThroughAwaitingFinally), Programs.ReturnThroughAwaitingFinally, Programs.ReturnThroughAwaitingFinallyAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.AwaitInCatch), Programs.AwaitInCatch, Programs.AwaitInCatchAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.AwaitInCatch), Programs.AwaitInCatch, Programs.AwaitInCatchAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.AwaitInCatch), Programs.AwaitInCatch, Programs.AwaitInCatchAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.TryCatchFinallyAllAwait), Programs.TryCatchFinallyAllAwait, Programs.TryCatchFinallyAllAwaitAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.TryCatchFinallyAllAwait), Programs.TryCatchFinallyAllAwait, Programs.TryCatchFinallyAllAwaitAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.TryCatchFinallyAllAwait), Programs.TryCatchFinallyAllAwait, Programs.TryCatchFinallyAllAwaitAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.UsingDeclaration), Programs.UsingDeclaration, Programs.UsingDeclarationAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.UsingDeclaration), Programs.UsingDeclaration, Programs.UsingDeclarationAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.UsingDeclaration), Programs.UsingDeclaration, Programs.UsingDeclarationAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.ChildrenInSequence), Programs.ChildrenInSequence, Programs.ChildrenInSequenceAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.ChildrenInSequence), Programs.ChildrenInSequence, Programs.ChildrenInSequenceAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.ChildrenInSequence), Programs.ChildrenInSequence, Programs.ChildrenInSequenceAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.ConcurrentTasks), Programs.ConcurrentTasks, Programs.ConcurrentTasksAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.ConcurrentTasks), Programs.ConcurrentTasks, Programs.ConcurrentTasksAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.ConcurrentTasks), Programs.ConcurrentTasks, Programs.ConcurrentTasksAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.AwaitForEach), Programs.AwaitForEach, Programs.AwaitForEachAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.AwaitForEach), Programs.AwaitForEach, Programs.AwaitForEachAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.AwaitForEach), Programs.AwaitForEach, Programs.AwaitForEachAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.ForEachOverEnumerableDisposes), Programs.ForEachOverEnumerableDisposes, Programs.ForEachOverEnumerableDisposesAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.ForEachOverEnumerableDisposes), Programs.ForEachOverEnumerableDisposes, Programs.ForEachOverEnumerableDisposesAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.ForEachOverEnumerableDisposes), Programs.ForEachOverEnumerableDisposes, Programs.ForEachOverEnumerableDisposesAsync, cancelAt: 2.5);
        yield return Case(nameof(Programs.NestedTryFinally), Programs.NestedTryFinally, Programs.NestedTryFinallyAsync, cancelAt: 0.05);
        yield return Case(nameof(Programs.NestedTryFinally), Programs.NestedTryFinally, Programs.NestedTryFinallyAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.NestedTryFinally), Programs.NestedTryFinally, Programs.NestedTryFinallyAsync, cancelAt: 2.5);
        yield return Case("Account.Deposit", () => new Account(10).Deposit(5), () => new Account(10).DepositAsync(5));
        yield return Case("Account.DepositMany", () => new Account(1).DepositMany(3), () => new Account(1).DepositManyAsync(3));
        yield return Case("Account.Describe", () => new Account(7).Describe(), () => new Account(7).DescribeAsync());
        yield return Case("Account.DescribeWithPrefix", () => new Account(7).Describe("now"), () => new Account(7).DescribeAsync("now"));
        yield return Case("Box.AddAll", () => new Box<string>().AddAll("a", "b"), () => new Box<string>().AddAllAsync("a", "b"));
        yield return Case("Identity.Generic", () => Programs.Identity(3.5), () => Programs.IdentityAsync(3.5));
        yield return Case("Account.DepositCancelled", () => new Account(10).Deposit(5), () => new Account(10).DepositAsync(5), cancelAt: 0.5);
        foreach (var expressionCase in ExpressionCases())
            yield return expressionCase;
        foreach (var statementCase in StatementCases())
            yield return statementCase;
        foreach (var closureCase in ClosureCases())
            yield return closureCase;
        foreach (var entryPointCase in EntryPointCases())
            yield return entryPointCase;
        foreach (var anonymousTypeCase in AnonymousTypeCases())
            yield return anonymousTypeCase;
        foreach (var constructCase in ConstructCases())
            yield return constructCase;
        foreach (var placementCase in AwaitPlacementCases())
            yield return placementCase;
        foreach (var disposalCase in AsyncDisposalCases())
            yield return disposalCase;
        foreach (var orderCase in EvaluationOrderCases())
            yield return orderCase;
        foreach (var handlerCase in HandlerAndLoopCases())
            yield return handlerCase;
        foreach (var indexerCase in IndexerCases())
            yield return indexerCase;
        foreach (var switchCase in SwitchAndFieldCases())
            yield return switchCase;
        foreach (var operandOrderCase in OperandOrderCases())
            yield return operandOrderCase;
    }

    private static TestCaseData Case<T>(string name, Func<Coroutine<T>> compiler, Func<Coroutine<T>> generated, double? cancelAt = null) =>
        new TestCaseData((Func<Coroutine>)compiler, (Func<Coroutine>)generated, (Func<Coroutine, object?>)(c => ((Coroutine<T>)c).GetResultOrThrow()), cancelAt)
            .SetName(name + (cancelAt is null ? "" : "_CancelAt" + cancelAt.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static TestCaseData Case(string name, Func<Coroutine> compiler, Func<Coroutine> generated, double? cancelAt = null) =>
        new TestCaseData(compiler, generated, (Func<Coroutine, object?>)(_ => null), cancelAt)
            .SetName(name + (cancelAt is null ? "" : "_CancelAt" + cancelAt.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
