using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: each body runs once through the compiler's lowering (M) and once through the generated
// machine (MAsync); the traces must be identical. This file: awaits in simple positions and control flow.
public static partial class Programs
{
    [Coroutine]
    public static async Coroutine<int> SleepThenReturn()
    {
        Trace.Log("before");
        await Loop.Sleep(1.5);
        Trace.Log("after");
        return 42;
    }

    [Coroutine]
    public static async Coroutine YieldTwice()
    {
        await Loop.Yield();
        Trace.Log("one");
        await Loop.Yield();
        Trace.Log("two");
    }

    [Coroutine]
    public static async Coroutine<int> AwaitChildInDeclaration()
    {
        var value = await Child("a", 1, 7);
        Trace.Log($"got {value}");
        return value + 1;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInAssignment()
    {
        int total = 1;
        total = await Child("a", 0.5, 3);
        Trace.Log($"total {total}");
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> ReturnAwait() => await Child("r", 2, 9);

    [Coroutine]
    public static async Coroutine ExpressionBodiedVoid() => await Loop.Sleep(0.25);

    [Coroutine]
    public static async Coroutine<int> AwaitCompilerChild()
    {
        int a = await CompilerChild(2);
        int b = await CompilerChild(a);
        return a + b;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitFuture()
    {
        int value = await FutureAfter(3, 11);
        Trace.Log($"future {value}");
        return value;
    }

    [Coroutine]
    public static async Coroutine<string> SleepWithResult()
    {
        string text = await Loop.Sleep(1, "slept");
        return text + "!";
    }

    [Coroutine]
    public static async Coroutine<int> LocalLivesAcrossAwait()
    {
        int x = Side("x", 5);
        await Loop.Yield();
        int y = x * 2;
        await Loop.Sleep(1);
        return x + y;
    }

    [Coroutine]
    public static async Coroutine<int> WhileLoop()
    {
        int i = 0, sum = 0;
        while (i < 5)
        {
            await Loop.Sleep(0.1);
            sum += i;
            i++;
        }
        Trace.Log($"sum {sum}");
        return sum;
    }

    [Coroutine]
    public static async Coroutine<int> ForLoopWithBreakAndContinue()
    {
        int sum = 0;
        for (int i = 0; i < 10; i++)
        {
            if (i == 2)
                continue;
            await Loop.Yield();
            if (i == 6)
                break;
            sum += i;
            Trace.Log($"i {i}");
        }
        return sum;
    }

    [Coroutine]
    public static async Coroutine<int> DoWhileLoop()
    {
        int n = 0;
        do
        {
            await Loop.Sleep(0.5);
            n++;
        }
        while (n < 3);
        return n;
    }

    [Coroutine]
    public static async Coroutine<int> NestedLoops()
    {
        int count = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                if (j > i)
                    break;
                await Loop.Yield();
                count++;
                Trace.Log($"{i},{j}");
            }
        }
        return count;
    }

    [Coroutine]
    public static async Coroutine<string> IfElseChains(int n)
    {
        string result;
        if (n < 0)
        {
            await Loop.Sleep(1);
            result = "negative";
        }
        else if (n == 0)
        {
            result = "zero";
        }
        else
        {
            await Loop.Sleep(2);
            result = "positive";
        }
        Trace.Log(result);
        return result;
    }

    [Coroutine]
    public static async Coroutine<string> IfNegative() => await IfElseChainsAsync(-3);

    [Coroutine]
    public static async Coroutine<string> IfZero() => await IfElseChainsAsync(0);

    [Coroutine]
    public static async Coroutine<int> EarlyReturnInLoop()
    {
        for (int i = 0; ; i++)
        {
            await Loop.Yield();
            if (i == 4)
                return i * 100;
        }
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInWhileCondition()
    {
        int rounds = 0;
        while (await Child("c", 0.1, rounds) < 3)
            rounds++;
        return rounds;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInIfCondition()
    {
        if (await Child("c", 1, 5) > 3)
            return 1;
        return 0;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInForPieces()
    {
        int total = 0;
        for (int i = await Child("init", 0.1, 1); i < await Child("cond", 0.1, 4); i += await Child("step", 0.1, 1))
            total += i;
        return total;
    }

    [Coroutine]
    public static async Coroutine NestedBlocksAndShadowing()
    {
        {
            int x = 1;
            await Loop.Yield();
            Trace.Log($"x {x}");
        }
        {
            int x = 2;
            await Loop.Yield();
            Trace.Log($"x {x}");
        }
    }

    [Coroutine]
    public static async Coroutine<int> ParametersChange(int a, int b)
    {
        a += b;
        await Loop.Sleep(a);
        b = a * 2;
        return a + b;
    }

    [Coroutine]
    public static async Coroutine<int> CallsParametersChange() => await ParametersChangeAsync(1, 2);

    [Coroutine]
    public static async Coroutine<int> NoAwaitAtAll()
    {
        int x = Side("only", 3);
        return x;
    }

    [Coroutine]
    public static async Coroutine<int> ChildrenInSequence()
    {
        int a = await Child("first", 1, 1);
        int b = await Child("second", 2, 2);
        int c = await Child("third", 0, 3);
        return a * 100 + b * 10 + c;
    }

    [Coroutine]
    public static async Coroutine<int> ConcurrentTasks()
    {
        var t1 = Loop.CreateTask(Child("t1", 2, 1));
        var t2 = Loop.CreateTask(Child("t2", 1, 2));
        int a = await t1;
        int b = await t2;
        return a + b;
    }

    [Coroutine]
    public static async Coroutine<int> GenericIdentityUser()
    {
        string s = await Identity("text");
        int n = await Identity(5);
        return s.Length + n;
    }

    [Coroutine]
    public static async Coroutine<T> Identity<T>(T value)
    {
        await Loop.Yield();
        return value;
    }

    [Coroutine]
    public static async Coroutine<int> LoopOverLocalFunction()
    {
        int Twice(int v) => v * 2;
        int total = 0;
        for (int i = 0; i < 3; i++)
        {
            await Loop.Yield();
            total += Twice(i);
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> LambdaCapturingOuterLocal()
    {
        int factor = 3;
        Func<int, int> scale = v => v * factor;
        await Loop.Yield();
        factor = 4;
        return scale(2);
    }

    [Coroutine]
    public static async Coroutine<int> CheckedArithmetic()
    {
        int big = int.MaxValue;
        await Loop.Yield();
        checked
        {
            return big + 1;
        }
    }

    [Coroutine]
    public static async Coroutine<int> LockWithoutAwaitInside()
    {
        object gate = new();
        int value = 0;
        await Loop.Yield();
        lock (gate)
        {
            value = 5;
        }
        await Loop.Yield();
        return value;
    }

    [Coroutine]
    public static async Coroutine<int> OutVariable()
    {
        await Loop.Yield();
        bool ok = int.TryParse("12", out var parsed);
        await Loop.Yield();
        return ok ? parsed : -1;
    }

    [Coroutine]
    public static async Coroutine<int> PatternNotLiveAcrossAwait(object value)
    {
        await Loop.Yield();
        if (value is int n)
            Trace.Log($"int {n}");
        await Loop.Yield();
        return 1;
    }

    [Coroutine]
    public static async Coroutine<int> CallsPattern() => await PatternNotLiveAcrossAwaitAsync(8);
}
