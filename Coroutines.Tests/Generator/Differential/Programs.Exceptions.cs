using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: try/catch/finally with awaits in every part, using, and cancellation.
public static partial class Programs
{
    [Coroutine]
    public static async Coroutine<int> ThrowAfterAwait()
    {
        await Loop.Sleep(1);
        throw new ArgumentException("bad argument");
    }

    [Coroutine]
    public static async Coroutine<int> ChildThrowsUncaught()
    {
        await Fail("child failed", 1);
        return 1;
    }

    [Coroutine]
    public static async Coroutine<string> CatchChildException()
    {
        try
        {
            await Fail("boom", 0.5);
            return "not reached";
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
            return "caught";
        }
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInsideTryWithPlainFinally()
    {
        try
        {
            await Loop.Sleep(1);
            Trace.Log("in try");
            await Loop.Sleep(1);
            return 1;
        }
        finally
        {
            Trace.Log("finally");
        }
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInFinally()
    {
        int n = 0;
        try
        {
            n = await Child("body", 1, 5);
        }
        finally
        {
            await Loop.Sleep(1);
            Trace.Log($"finally {n}");
        }
        return n;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInFinallyWithException()
    {
        try
        {
            await Loop.Sleep(1);
            throw new InvalidOperationException("from try");
        }
        finally
        {
            await Loop.Sleep(1);
            Trace.Log("finally ran");
        }
    }

    [Coroutine]
    public static async Coroutine<int> ReturnThroughAwaitingFinally()
    {
        int total = 0;
        for (int i = 0; i < 6; i++)
        {
            try
            {
                await Loop.Yield();
                if (i == 2) continue;
                if (i == 4) return total * 100;
                total += i;
            }
            finally
            {
                await Loop.Yield();
                Trace.Log($"finally {i}");
            }
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> BreakThroughAwaitingFinally()
    {
        int i = 0;
        while (true)
        {
            try
            {
                i++;
                if (i == 3)
                    break;
            }
            finally
            {
                await Loop.Sleep(0.5);
                Trace.Log($"finally {i}");
            }
        }
        return i;
    }

    [Coroutine]
    public static async Coroutine<string> AwaitInCatch()
    {
        try
        {
            await Loop.Sleep(1);
            throw new InvalidOperationException("first");
        }
        catch (InvalidOperationException e)
        {
            await Loop.Sleep(1);
            Trace.Log($"handled {e.Message}");
            return e.Message;
        }
    }

    [Coroutine]
    public static async Coroutine<string> AwaitInCatchWithFilter()
    {
        string result = "";
        for (int i = 0; i < 3; i++)
        {
            try
            {
                await Loop.Yield();
                throw new InvalidOperationException("code " + i);
            }
            catch (InvalidOperationException e) when (e.Message.EndsWith("1"))
            {
                await Loop.Yield();
                result += "[filtered " + e.Message + "]";
            }
            catch (Exception e)
            {
                await Loop.Yield();
                result += "[other " + e.Message + "]";
            }
        }
        return result;
    }

    [Coroutine]
    public static async Coroutine<int> RethrowFromAwaitingCatch()
    {
        try
        {
            await Fail("inner", 1);
            return 0;
        }
        catch (InvalidOperationException)
        {
            await Loop.Sleep(1);
            Trace.Log("rethrowing");
            throw;
        }
    }

    [Coroutine]
    public static async Coroutine<int> TryCatchFinallyAllAwait()
    {
        int stage = 0;
        try
        {
            stage = 1;
            await Fail("x", 1);
        }
        catch (InvalidOperationException e)
        {
            await Loop.Sleep(1);
            stage = 2;
            Trace.Log($"catch {e.Message}");
        }
        finally
        {
            await Loop.Sleep(1);
            Trace.Log($"finally at stage {stage}");
        }
        return stage;
    }

    [Coroutine]
    public static async Coroutine<int> NestedTryFinally()
    {
        try
        {
            try
            {
                await Loop.Sleep(1);
                throw new InvalidOperationException("deep");
            }
            finally
            {
                await Loop.Sleep(1);
                Trace.Log("inner finally");
            }
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"outer catch {e.Message}");
        }
        finally
        {
            Trace.Log("outer finally");
        }
        return 3;
    }

    [Coroutine]
    public static async Coroutine<int> ReturnFromNestedAwaitingFinallys()
    {
        try
        {
            try
            {
                await Loop.Yield();
                return 10;
            }
            finally
            {
                await Loop.Yield();
                Trace.Log("inner");
            }
        }
        finally
        {
            await Loop.Yield();
            Trace.Log("outer");
        }
    }

    [Coroutine]
    public static async Coroutine<int> ExceptionInFinallyReplacesPending()
    {
        try
        {
            await Loop.Yield();
            throw new InvalidOperationException("original");
        }
        finally
        {
            await Loop.Yield();
            throw new ArgumentException("replacement");
        }
    }

    [Coroutine]
    public static async Coroutine<int> CatchWithoutAwaitAroundAwait()
    {
        int attempts = 0;
        while (true)
        {
            try
            {
                attempts++;
                await Fail("retry", 0.5);
            }
            catch (InvalidOperationException) when (attempts < 3)
            {
                Trace.Log($"attempt {attempts} failed");
            }
            catch (InvalidOperationException)
            {
                return attempts;
            }
        }
    }

    [Coroutine]
    public static async Coroutine UsingStatementAroundAwait()
    {
        using (var resource = new Resource("r1"))
        {
            await Loop.Sleep(1);
            Trace.Log("using body");
        }
        Trace.Log("after using");
    }

    [Coroutine]
    public static async Coroutine UsingDeclaration()
    {
        Trace.Log("start");
        using var first = new Resource("a");
        await Loop.Sleep(1);
        using var second = new Resource("b");
        await Loop.Sleep(1);
        Trace.Log("end of block");
    }

    [Coroutine]
    public static async Coroutine AwaitUsing()
    {
        await using (var resource = new Resource("async"))
        {
            await Loop.Yield();
            Trace.Log("inside");
        }
        await using var declared = new Resource("declared");
        Trace.Log("last");
    }

    [Coroutine]
    public static async Coroutine<int> UsingDisposesOnException()
    {
        try
        {
            using (new Resource("temp"))
            {
                await Loop.Yield();
                throw new InvalidOperationException("inside using");
            }
        }
        catch (InvalidOperationException e)
        {
            Trace.Log(e.Message);
        }
        return 1;
    }

    [Coroutine]
    public static async Coroutine<int> UsingWhoseSecondResourceFailsToOpen()
    {
        try
        {
            using (Resource first = new Resource("first"), second = OpenOrFail("second"))
            {
                await Loop.Yield();
                Trace.Log("body");
            }
        }
        catch (InvalidOperationException e)
        {
            Trace.Log(e.Message);
        }
        await Loop.Yield();
        return 3;
    }

    [Coroutine]
    public static async Coroutine<int> UsingWhoseSecondResourceAwaitsToOpen()
    {
        // the body does not await: the await in the second resource's initializer is what the first one's try holds
        using (Resource first = new Resource("first"), second = new Resource("second " + await Child("name", 0.5, 2)))
        {
            Trace.Log("body");
        }
        return 4;
    }

    private static Resource OpenOrFail(string name) => throw new InvalidOperationException($"cannot open {name}");

    [Coroutine]
    public static async Coroutine<int> UsingWithoutAwaitInBody()
    {
        await Loop.Yield();
        using (new Resource("plain"))
        {
            Trace.Log("plain body");
        }
        await Loop.Yield();
        return 2;
    }

    [Coroutine]
    public static async Coroutine<int> LongSleepForCancellation()
    {
        Trace.Log("sleeping");
        await Loop.Sleep(10);
        Trace.Log("woke");
        return 1;
    }

    [Coroutine]
    public static async Coroutine<string> CatchCancellation()
    {
        try
        {
            await Loop.Sleep(10);
            return "finished";
        }
        catch (CancelledError)
        {
            Trace.Log("cancelled inside");
            await Loop.Sleep(1);
            return "recovered";
        }
    }

    [Coroutine]
    public static async Coroutine<int> FinallyRunsOnCancellation()
    {
        try
        {
            await Child("long", 10, 1);
            return 1;
        }
        finally
        {
            Trace.Log("cleanup");
            await Loop.Sleep(1);
            Trace.Log("cleanup done");
        }
    }

    [Coroutine]
    public static async Coroutine<int> CancelDuringLoop()
    {
        int i = 0;
        while (true)
        {
            await Loop.Sleep(1);
            i++;
            Trace.Log($"tick {i}");
        }
    }

    [Coroutine]
    public static async Coroutine<int> CancelWhileAwaitingFuture()
    {
        try
        {
            return await FutureAfter(20, 1);
        }
        catch (CancelledError)
        {
            Trace.Log("future cancelled");
            throw;
        }
    }

    [Coroutine]
    public static async Coroutine<int> ThrowInsideSwitchInLoop()
    {
        int handled = 0;
        for (int i = 0; i < 3; i++)
        {
            try
            {
                await Loop.Yield();
                switch (i)
                {
                    case 1:
                        throw new InvalidOperationException("one");
                    default:
                        handled++;
                        break;
                }
            }
            catch (InvalidOperationException e)
            {
                Trace.Log(e.Message);
            }
        }
        return handled;
    }
}
