namespace Coroutines.Tests.Generator.Differential;

/// <summary>Children the differential programs await: generated ones, compiler-lowered ones, and futures.</summary>
public static partial class Helpers
{
    [Coroutine]
    public static async Coroutine<int> Child(string name, double delay, int result)
    {
        Trace.Log($"{name} start");
        await Loop.Sleep(delay);
        Trace.Log($"{name} end");
        return result;
    }

    [Coroutine]
    public static async Coroutine Fail(string message, double delay)
    {
        await Loop.Sleep(delay);
        throw new InvalidOperationException(message);
    }

    public static async Coroutine<int> CompilerChild(int value)
    {
        await Loop.Yield();
        Trace.Log($"compiler child {value}");
        return value * 10;
    }

    public static Future<int> FutureAfter(double delay, int value)
    {
        var loop = EventLoop.Running;
        var future = loop.CreateFuture<int>();
        loop.CallLater(delay, () => future.TrySetResult(value));
        return future;
    }

    public static int Side(string name, int value)
    {
        Trace.Log($"eval {name}");
        return value;
    }

    public static bool Check(string name, bool value)
    {
        Trace.Log($"check {name}");
        return value;
    }

    public static int Counter;

    public sealed class Resource : IDisposable, IAsyncDisposable
    {
        private readonly string _name;

        public Resource(string name)
        {
            _name = name;
            Trace.Log($"open {name}");
        }

        public void Dispose() => Trace.Log($"dispose {_name}");

        public async ValueTask DisposeAsync()
        {
            await Task.CompletedTask;
            Trace.Log($"dispose async {_name}");
        }
    }

    public static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.CompletedTask;
            yield return i;
        }
    }
}
