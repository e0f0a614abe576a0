using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: an instance field and a parameter read before an await whose operand changes them (both are
// read first), goto case and goto default out of a loop nested in a switch section, and a switch expression whose
// arms await or throw.
public static partial class Programs
{
    public sealed partial class FieldReader
    {
        private int _count = 1;

        /// <summary>Changes the field while the caller is suspended.</summary>
        private async Coroutine<int> BumpThen(int value)
        {
            await Loop.Sleep(0.5);
            _count += 100;
            return value;
        }

        [Coroutine]
        public async Coroutine<string> FieldAndParameterReadBeforeAwaitThatChangesThem(int p)
        {
            int a = _count + await BumpThen(1);
            int b = this._count + await Child("c", 0.5, _count = 7);
            int c = p + await Child("p", 0.5, p++ * 10);
            return $"{a} {b} {c} {_count} {p}";
        }
    }

    [Coroutine]
    public static async Coroutine<string> GotoCaseFromNestedLoopInSwitchSection()
    {
        string r = "";
        int state = 0;
        int guard = 0;
        switch (state)
        {
            case 0:
                for (int i = 0; i < 3; i++)
                {
                    await Loop.Sleep(0.25);
                    r += i;
                    if (i == 1)
                        goto case 2;
                }
                r += "x";
                break;
            case 2:
                r += "two";
                if (++guard < 2)
                {
                    await Loop.Yield();
                    goto case 0;
                }
                goto default;
            default:
                r += await ChildText("d", 0.25, "D");
                break;
        }
        return r;
    }

    [Coroutine]
    public static async Coroutine<string> SwitchExpressionWithThrowArmAndAwaitingArm()
    {
        string r = "";
        for (int i = 0; i < 3; i++)
        {
            try
            {
                r += i switch
                {
                    0 => await ChildText("zero", 0.25, "z"),
                    1 => throw new InvalidOperationException("one"),
                    _ => Side("other", i).ToString(),
                };
            }
            catch (InvalidOperationException e)
            {
                r += await ChildText("caught", 0.25, e.Message);
            }
        }
        return r;
    }
}
