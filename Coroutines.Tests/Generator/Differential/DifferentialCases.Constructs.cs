namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs for constructs that earlier generator versions lowered wrongly or refused: one per construct.</summary>
    private static IEnumerable<TestCaseData> ConstructCases()
    {
        yield return Case("PrimaryConstructorClass", () => new PrimaryCounter(1, "c").Advance(3), () => new PrimaryCounter(1, "c").AdvanceAsync(3));
        yield return Case("PrimaryConstructorClass", () => new PrimaryCounter(1, "c").Advance(3), () => new PrimaryCounter(1, "c").AdvanceAsync(3), cancelAt: 1.5);
        yield return Case("PrimaryConstructorClassTwice", () => new PrimaryCounter(2, "d").AdvanceTwice(), () => new PrimaryCounter(2, "d").AdvanceTwiceAsync());
        yield return PrimaryConstructorStructCase();
        yield return Case(nameof(Programs.RefArrayElementBeforeAwaitingArgument), Programs.RefArrayElementBeforeAwaitingArgument, Programs.RefArrayElementBeforeAwaitingArgumentAsync);
        yield return Case(nameof(Programs.CatchFilterAssignsCatchVariable), Programs.CatchFilterAssignsCatchVariable, Programs.CatchFilterAssignsCatchVariableAsync);
        yield return Case(nameof(Programs.ForEachOverMultiDimensionalArray), Programs.ForEachOverMultiDimensionalArray, Programs.ForEachOverMultiDimensionalArrayAsync);
        yield return Case(nameof(Programs.ForEachOverMultiDimensionalArray), Programs.ForEachOverMultiDimensionalArray, Programs.ForEachOverMultiDimensionalArrayAsync, cancelAt: 1.2);
        yield return Case(nameof(Programs.AwaitInsideCheckedAndUncheckedBlocks), Programs.AwaitInsideCheckedAndUncheckedBlocks, Programs.AwaitInsideCheckedAndUncheckedBlocksAsync);
        yield return Case(nameof(Programs.AwaitInsideCheckedAndUncheckedBlocks), Programs.AwaitInsideCheckedAndUncheckedBlocks, Programs.AwaitInsideCheckedAndUncheckedBlocksAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.AwaitForEachDisposeAsyncWithOptionalParameters), Programs.AwaitForEachDisposeAsyncWithOptionalParameters, Programs.AwaitForEachDisposeAsyncWithOptionalParametersAsync);
        yield return Case(nameof(Programs.AwaitForEachDisposeAsyncWithOptionalParameters), Programs.AwaitForEachDisposeAsyncWithOptionalParameters, Programs.AwaitForEachDisposeAsyncWithOptionalParametersAsync, cancelAt: 1.5);
        yield return Case(nameof(Programs.CatchVariableNamedWithKeyword), Programs.CatchVariableNamedWithKeyword, Programs.CatchVariableNamedWithKeywordAsync);
        yield return Case("GeneratedNamesNeverMeetUserNames", () => new NamedLikeMachinery().GeneratedNamesNeverMeetUserNames(20, 30, 40, 50), () => new NamedLikeMachinery().GeneratedNamesNeverMeetUserNamesAsync(20, 30, 40, 50));
        yield return Case("BaseCallWithAwaitingArgument", () => new Scorer(1).BaseCallWithAwaitingArgument(), () => new Scorer(1).BaseCallWithAwaitingArgumentAsync());
        yield return Case("UnqualifiedInstanceCallAwaitingOtherTypesEntryPoint", () => new Scorer(100).UnqualifiedInstanceCallAwaitingOtherTypesEntryPoint(), () => new Scorer(100).UnqualifiedInstanceCallAwaitingOtherTypesEntryPointAsync());
    }

    /// <summary>The result also shows the caller's struct afterwards: the machine changed its own copy, not the caller's.</summary>
    private static TestCaseData PrimaryConstructorStructCase()
    {
        PrimaryStructCounter counter = default;
        return new TestCaseData(
                (Func<Coroutine>)(() => { counter = new PrimaryStructCounter(5); return counter.Advance(3); }),
                (Func<Coroutine>)(() => { counter = new PrimaryStructCounter(5); return counter.AdvanceAsync(3); }),
                (Func<Coroutine, object?>)(c => $"{((Coroutine<int>)c).GetResultOrThrow()} caller {counter.Start}"),
                null)
            .SetName("PrimaryConstructorStruct");
    }
}
