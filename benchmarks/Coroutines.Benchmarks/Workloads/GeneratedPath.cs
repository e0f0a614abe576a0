namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Which lowering of a <see cref="GeneratedCoroutines"/> method a workload calls: the generated state machine
/// (<c>MAsync</c>) or the C# compiler's (<c>M</c>). Its name is the implementation name on the RESULT line.
/// </summary>
public enum GeneratedPath
{
    /// <summary>The generated entry point <c>MAsync</c>.</summary>
    Generated,

    /// <summary>The method itself, lowered by the C# compiler through the runtime's method builder.</summary>
    Compiler,
}

/// <summary>Names and entry points per <see cref="GeneratedPath"/>.</summary>
public static class GeneratedPathExtensions
{
    /// <summary>The RESULT line's implementation name: <c>generated</c> or <c>compiler-path</c>.</summary>
    public static string ImplName(this GeneratedPath path) => path == GeneratedPath.Generated ? "generated" : "compiler-path";

    /// <summary>The yielder of this path.</summary>
    public static Func<int, Coroutine> Yielder(this GeneratedPath path) =>
        path == GeneratedPath.Generated ? GeneratedCoroutines.YielderAsync : GeneratedCoroutines.Yielder;

    /// <summary>Creates the parked coroutine of this path.</summary>
    public static Coroutine Parked(this GeneratedPath path, Future<bool> gate, ParkWorkloads.WakeCount woken) =>
        path == GeneratedPath.Generated ? GeneratedCoroutines.ParkedAsync(gate, woken) : GeneratedCoroutines.Parked(gate, woken);

    /// <summary>Both paths, generated first.</summary>
    public static IReadOnlyList<GeneratedPath> Both { get; } = [GeneratedPath.Generated, GeneratedPath.Compiler];
}
