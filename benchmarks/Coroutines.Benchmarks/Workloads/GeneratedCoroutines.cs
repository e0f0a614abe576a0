namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// The coroutines of issue 4's benchmarks, written once as <c>[Coroutine]</c> methods. Calling <c>M</c> runs the
/// C# compiler's lowering (the compiler path); calling the generated <c>MAsync</c> runs Coroutines.Generator's
/// state machine. Both paths execute the same body, so the workloads compare the lowerings and nothing else.
/// </summary>
public static partial class GeneratedCoroutines
{
    /// <summary>Yields <paramref name="count"/> times (the body of the resume workloads).</summary>
    [Coroutine]
    public static async Coroutine Yielder(int count)
    {
        for (int i = 0; i < count; i++)
            await Loop.Yield();
    }

    /// <summary>Parks on <paramref name="gate"/> and counts itself when woken (the body of the park workloads).</summary>
    [Coroutine]
    public static async Coroutine Parked(Future<bool> gate, ParkWorkloads.WakeCount woken)
    {
        await gate;
        if (++woken.Value == woken.Expected)
            gate.Loop.Stop();
    }

    /// <summary>Returns without suspending (the child of the await-child workload).</summary>
    [Coroutine]
    public static async Coroutine<int> Immediate(int value)
    {
        if (value < 0)
            await Loop.Yield();   // never taken: the body completes without suspending
        return value;
    }

    /// <summary>Awaits <paramref name="count"/> children that return without suspending (the await-child workload).</summary>
    [Coroutine]
    public static async Coroutine<int> AwaitChildren(int count, bool generated)
    {
        int sum = 0;
        for (int i = 0; i < count; i++)
            sum += await (generated ? ImmediateAsync(1) : Immediate(1));
        return sum;
    }
}
