using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs in the spirit of the C# compiler's await using and await foreach code generation tests:
// disposal order, null resources, disposal that suspends or throws, enumerators found by pattern whose MoveNextAsync
// and DisposeAsync suspend on the loop, mutable struct enumerators and resources, leaving the loop early, lambdas
// capturing await foreach and using variables, and gotos back out of an awaiting using.
public static partial class Programs
{
    /// <summary>A resource disposed asynchronously by pattern: its DisposeAsync suspends on the loop.</summary>
    public sealed class SlowResource
    {
        private readonly string _name;
        private readonly bool _failOnDispose;

        public SlowResource(string name, bool failOnDispose = false)
        {
            _name = name;
            _failOnDispose = failOnDispose;
            Trace.Log($"open {name}");
        }

        public async Coroutine DisposeAsync()
        {
            Trace.Log($"disposing {_name}");
            await Loop.Sleep(0.5);
            if (_failOnDispose)
                throw new InvalidOperationException($"dispose of {_name} failed");
            Trace.Log($"disposed {_name}");
        }
    }

    /// <summary>An async sequence found by pattern: MoveNextAsync and DisposeAsync suspend, Current logs each read.</summary>
    public sealed class Ticker
    {
        private readonly int _count;

        public Ticker(int count) => _count = count;

        public Enumerator GetAsyncEnumerator()
        {
            Trace.Log($"ticker of {_count}");
            return new Enumerator(_count);
        }

        public sealed class Enumerator
        {
            private readonly int _count;
            private int _index = -1;

            public Enumerator(int count) => _count = count;

            public int Current
            {
                get
                {
                    Trace.Log($"current {_index}");
                    return _index * 10;
                }
            }

            public SleepAwaitable<bool> MoveNextAsync()
            {
                _index++;
                Trace.Log($"move next {_index}");
                return Loop.Sleep(0.25, _index < _count);
            }

            public async Coroutine DisposeAsync()
            {
                await Loop.Sleep(0.25);
                Trace.Log($"ticker disposed at {_index}");
            }
        }
    }

    /// <summary>An async sequence whose enumerator is a mutable struct: a copy would lose MoveNextAsync's writes.</summary>
    public readonly struct StructTicker
    {
        private readonly int _count;

        public StructTicker(int count) => _count = count;

        public Enumerator GetAsyncEnumerator() => new(_count);

        public struct Enumerator
        {
            private readonly int _count;
            private int _index;

            public Enumerator(int count)
            {
                _count = count;
                _index = -1;
            }

            public readonly int Current => _index + 100;

            public SleepAwaitable<bool> MoveNextAsync()
            {
                _index++;
                return Loop.Sleep(0.25, _index < _count);
            }

            public readonly SleepAwaitable DisposeAsync()
            {
                Trace.Log($"struct ticker disposed at {_index}");
                return Loop.Sleep(0.25);
            }
        }
    }

    /// <summary>A disposable struct: the using variable is read-only, so a mutating call changes a copy of it.</summary>
    public struct CountingResource : IDisposable
    {
        private int _touches;

        public void Touch()
        {
            _touches++;
            Trace.Log($"touched {_touches}");
        }

        public readonly void Dispose() => Trace.Log($"counting resource disposed after {_touches}");
    }

    [Coroutine]
    public static async Coroutine<string> AwaitUsingDisposesInReverseOrderAndSuspends()
    {
        await using (SlowResource first = new("first"), second = new("second"))
        {
            await Loop.Sleep(0.5);
            Trace.Log("body");
        }
        await using SlowResource third = new("third"), fourth = new("fourth");
        await Loop.Yield();
        return "end of method";
    }

    [Coroutine]
    public static async Coroutine<int> UsingNullResourcesAreSkipped()
    {
        SlowResource? none = null;
        await using (none)
        {
            await Loop.Sleep(0.5);
        }
        using (Resource? nothing = null)
        {
            await Loop.Yield();
        }
        await using Resource? absent = Side("absent", 0) > 0 ? new Resource("present") : null;
        return await Child("after", 0.5, 3);
    }

    [Coroutine]
    public static async Coroutine<string> AwaitUsingBodyThrowsWhileDisposalSuspends()
    {
        try
        {
            await using var resource = new SlowResource("resource");
            await Loop.Sleep(0.5);
            throw new InvalidOperationException("from body");
        }
        catch (InvalidOperationException e)
        {
            return await ChildText("caught", 0.5, e.Message);
        }
    }

    [Coroutine]
    public static async Coroutine<string> DisposalExceptionReplacesBodyException()
    {
        try
        {
            await using (new SlowResource("failing", failOnDispose: true))
            {
                await Loop.Sleep(0.5);
                throw new ArgumentException("from body");
            }
        }
        catch (Exception e)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    [Coroutine]
    public static async Coroutine<int> AwaitForEachOverSuspendingEnumerator()
    {
        int total = 0;
        await foreach (var value in new Ticker(4))
        {
            if (value == 10)
                continue;
            await Loop.Sleep(0.5);
            total += value;
        }
        await foreach (long value in new Ticker(5))   // int elements converted to the long iteration variable
        {
            total += (int)value;
            if (value >= 20)
                break;
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<string> AwaitForEachBodyThrowsAndDisposes()
    {
        try
        {
            await foreach (var value in new Ticker(3))
            {
                await Child("body", 0.5, value);
                if (value > 0)
                    throw new InvalidOperationException($"at {value}");
            }
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
        return "no exception";
    }

    [Coroutine]
    public static async Coroutine<int> ReturnFromAwaitForEachDisposesBeforeFinally()
    {
        try
        {
            await foreach (var outer in new Ticker(3))
            {
                await foreach (var inner in new Ticker(3))
                {
                    if (inner == 10 && outer == 10)
                        return outer + inner;
                    await Loop.Yield();
                }
            }
            return -1;
        }
        finally
        {
            await Loop.Sleep(0.5);
            Trace.Log("finally after the enumerators");
        }
    }

    [Coroutine]
    public static async Coroutine<int> AwaitForEachOverMutableStructEnumerator()
    {
        int total = 0;
        await foreach (var value in new StructTicker(3))
        {
            await Loop.Sleep(0.5);
            total = total * 1000 + value;
            Trace.Log($"value {value}");
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<string> UsingStructResourceDisposesTheVariableNotACopy()
    {
        using (var resource = new CountingResource())
        {
            resource.Touch();
            await Loop.Sleep(0.5);
            resource.Touch();
        }
        var outside = new CountingResource();
        outside.Touch();
        using (outside)   // the using statement disposes a copy taken here
        {
            await Loop.Yield();
            outside.Touch();
        }
        return "done";
    }

    [Coroutine]
    public static async Coroutine<string> LambdasCaptureAwaitForEachAndUsingVariables()
    {
        var readers = new List<Func<int>>();
        await foreach (var value in new Ticker(3))
        {
            readers.Add(() => value);
            await Loop.Yield();
        }
        using (var resource = new Resource("captured"))
        {
            Func<string> describe = () => resource.GetType().Name;
            await Loop.Sleep(0.5);
            Trace.Log(describe());
        }
        return string.Join(",", readers.Select(r => r()));
    }

    [Coroutine]
    public static async Coroutine<int> GotoBackwardOutOfAwaitingUsing()
    {
        int n = 0;
    again:
        using (var resource = new Resource("round " + n))
        {
            await Loop.Sleep(0.25);
            if (n++ < 2)
                goto again;
        }
        await using (var slow = new SlowResource("slow " + n))
        {
            await Loop.Yield();
            if (n++ < 4)
                goto again;
        }
        return n;
    }
}
