namespace Coroutines.Tests.Generator.Differential;

internal static partial class DifferentialCases
{
    /// <summary>Programs on fields and parameters read before an await, and on jumps inside switches.</summary>
    private static IEnumerable<TestCaseData> SwitchAndFieldCases()
    {
        yield return Case("FieldAndParameterReadBeforeAwaitThatChangesThem", () => new Programs.FieldReader().FieldAndParameterReadBeforeAwaitThatChangesThem(1), () => new Programs.FieldReader().FieldAndParameterReadBeforeAwaitThatChangesThemAsync(1));
        yield return Case(nameof(Programs.GotoCaseFromNestedLoopInSwitchSection), Programs.GotoCaseFromNestedLoopInSwitchSection, Programs.GotoCaseFromNestedLoopInSwitchSectionAsync);
        yield return Case(nameof(Programs.SwitchExpressionWithThrowArmAndAwaitingArm), Programs.SwitchExpressionWithThrowArmAndAwaitingArm, Programs.SwitchExpressionWithThrowArmAndAwaitingArmAsync);
    }
}
