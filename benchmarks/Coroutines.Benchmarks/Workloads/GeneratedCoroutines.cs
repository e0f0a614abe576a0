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
}
