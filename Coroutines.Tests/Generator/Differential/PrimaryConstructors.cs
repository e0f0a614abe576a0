using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

/// <summary>
/// Coroutines of a class with a primary constructor that read and write its parameters across awaits: the machine
/// reaches the captured parameter (the instance's variable), so later calls see the changes.
/// </summary>
public partial class PrimaryCounter(int start, string label)
{
    [Coroutine]
    public async Coroutine<int> Advance(int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            await Loop.Sleep(1);
            start += i;
            Trace.Log($"{label} {start}");
        }
        start += await Child(nameof(start), 0.5, 10);   // the parameter is read before the await, as the compiler does
        (start, label) = (start * 2, label + "!");
        Func<int> read = () => start;
        await Loop.Yield();
        start++;
        Trace.Log($"{label} {read()} {start}");
        return start;
    }

    /// <summary>Two coroutines in sequence: the second sees what the first left in the parameter.</summary>
    [Coroutine]
    public async Coroutine<string> AdvanceTwice()
    {
        int first = await Advance(1);
        int second = await AdvanceAsync(2);
        return $"{first} {second} {start} {label}";
    }
}

/// <summary>
/// A struct with a primary constructor: the machine works on its own copy of the struct, as the compiler's does, so
/// the caller's value keeps the parameter it had.
/// </summary>
public partial struct PrimaryStructCounter(int start)
{
    public readonly int Start => start;

    [Coroutine]
    public async Coroutine<int> Advance(int steps)
    {
        await Loop.Yield();
        start += steps;
        Trace.Log($"struct {start}");
        await Loop.Sleep(1);
        return start++ * 10 + Start;   // Start reads the machine's copy too
    }
}
