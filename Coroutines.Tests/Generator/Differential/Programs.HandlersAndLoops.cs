using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs on exception handling and loops around awaits: a catch filter runs before the finally blocks
// inside it (two-pass exception handling), a filter that throws counts as false, continue jumps to loop conditions and
// increments that await, ref struct locals live only between awaits, switch sections keep pattern variables across
// awaits, awaits in catch and finally are cancelled, and an enumerator's Dispose throws on break.
public static partial class Programs
{
    private static bool ThrowingFilter(string name)
    {
        Trace.Log($"filter {name} throws");
        throw new ArgumentException("from filter");
    }

    [Coroutine]
    public static async Coroutine<string> FilterRunsBeforeInnerFinally()
    {
        try
        {
            try
            {
                await Loop.Sleep(0.5);
                throw new InvalidOperationException("x");
            }
            finally
            {
                Trace.Log("inner finally");
            }
        }
        catch (InvalidOperationException) when (Check("filter", true))
        {
            Trace.Log("caught");
        }
        try
        {
            try
            {
                await Child("c", 0.5, 1);
                await Fail("from child", 0.5);
            }
            finally
            {
                Trace.Log("inner finally 2");
            }
        }
        catch (InvalidOperationException) when (Check("filter 2", true))
        {
            await Loop.Yield();
            Trace.Log("caught 2");
        }
        return "done";
    }

    [Coroutine]
    public static async Coroutine<string> ThrowingFilterCountsAsFalse()
    {
        try
        {
            try
            {
                await Loop.Sleep(0.5);
                throw new InvalidOperationException("original");
            }
            catch (InvalidOperationException) when (ThrowingFilter("first"))
            {
                Trace.Log("never");
            }
        }
        catch (Exception e)
        {
            await Loop.Yield();
            return e.GetType().Name + " " + e.Message;
        }
        return "none";
    }

    [Coroutine]
    public static async Coroutine<int> ContinueToAwaitingLoopConditions()
    {
        int i = 0, total = 0;
        do
        {
            i++;
            if (i % 2 == 0)
                continue;
            total += await Child("body", 0.25, i);
        }
        while (await Child("cond", 0.25, i) < 5);
        for (int k = 0; k < await Child("limit", 0.25, 4); k += await Child("step", 0.25, 1))
        {
            if (k == 1)
                continue;
            total += k * 100;
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> SpanForEachAndStackallocBetweenAwaits()
    {
        int total = await Child("a", 0.5, 1);
        foreach (var c in "abc".AsSpan())
            total += c;
        ReadOnlySpan<int> span = stackalloc int[] { 1, 2, 3 };
        total += span[1];
        total += await Child("b", 0.5, 2);
        return total;
    }

    [Coroutine]
    public static async Coroutine<string> SwitchPatternVariablesAcrossAwaits()
    {
        string result = "";
        object[] items = { 3, "word", 2.5, (1, "t") };
        foreach (var item in items)
        {
            switch (item)
            {
                case int n when n > 2:
                    await Loop.Sleep(0.25);
                    result += "int " + n;
                    goto case "extra";
                case "extra":
                    result += "+";
                    break;
                case string s:
                    await Loop.Yield();
                    result += s.Length;
                    break;
                case (int a, string b):
                    result += await ChildText("tuple", 0.25, b) + a;
                    break;
                default:
                    result += "?";
                    await Loop.Yield();
                    break;
            }
            result += ";";
        }
        return result;
    }

    [Coroutine]
    public static async Coroutine<string> AwaitsInCatchAndFinallyCancelled()
    {
        string log = "";
        try
        {
            try
            {
                await Fail("boom", 0.5);
            }
            catch (InvalidOperationException e)
            {
                log += "catch ";
                await Loop.Sleep(1);
                log += e.Message;
            }
            finally
            {
                log += " finally";
                await Loop.Sleep(1);
                log += " end";
            }
        }
        finally
        {
            Trace.Log(log);
        }
        return log;
    }

    [Coroutine]
    public static async Coroutine<int> BreakOutOfForEachWhoseDisposeThrows()
    {
        try
        {
            foreach (var v in ThrowOnDispose())
            {
                await Loop.Yield();
                if (v == 1)
                    break;
            }
        }
        catch (InvalidOperationException e)
        {
            Trace.Log(e.Message);
            return await Child("after", 0.5, 1);
        }
        return 0;
    }

    private static IEnumerable<int> ThrowOnDispose()
    {
        try
        {
            yield return 0;
            yield return 1;
            yield return 2;
        }
        finally
        {
            Trace.Log("enumerator finally");
            throw new InvalidOperationException("dispose failed");
        }
    }
}
