namespace Coroutines.Tests.Generator.Differential;

/// <summary>
/// Runs every program through the compiler's lowering (<c>M</c>) and the generated machine (<c>MAsync</c>) on a fresh
/// virtual-time loop and compares the traces: printed lines with their virtual time, the result or the exception
/// (type and message), and whether the task ended cancelled.
/// </summary>
[NonParallelizable]
public class DifferentialTests
{
    public static IEnumerable<TestCaseData> Cases() => DifferentialCases.All();

    [TestCaseSource(nameof(Cases))]
    public void GeneratedMachineMatchesCompilerLowering(Func<Coroutine> compiler, Func<Coroutine> generated, Func<Coroutine, object?> result, double? cancelAt)
    {
        var expected = Run(compiler, result, cancelAt, generatedPath: false);
        var actual = Run(generated, result, cancelAt, generatedPath: true);
        Assert.That(actual, Is.EqualTo(expected), () => "compiler:\n  " + string.Join("\n  ", expected) + "\ngenerated:\n  " + string.Join("\n  ", actual));
    }

    [Test]
    public void ThereAreAtLeastEightyPrograms() => Assert.That(DifferentialCases.All().Count(), Is.GreaterThanOrEqualTo(80));

    private static readonly TimeSpan WallClockLimit = TimeSpan.FromSeconds(60);

    internal static List<string> Run(Func<Coroutine> make, Func<Coroutine, object?> result, double? cancelAt, bool generatedPath)
    {
        using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        EventLoop.SetCurrent(loop);
        Trace.Reset();
        // Reports made while running (unobserved failures) are part of the trace both paths must agree on; the ones
        // Close makes afterwards (child tasks a cancelled program left pending) land after Take() and are dropped.
        loop.SetExceptionHandler((_, context) => Trace.Log($"handler: {context.Message}"));
        try
        {
            var coroutine = make();
            Assert.That(coroutine is Coroutines.CompilerServices.CoroutineMachine or Coroutines.CompilerServices.CoroutineMachine<object>
                || IsMachine(coroutine), Is.EqualTo(generatedPath), "the generated entry point must return the generated machine");
            var task = loop.CreateTask(coroutine);
            if (cancelAt is { } at)
                loop.CallLater(at, () => task.Cancel("stop"));
            using (var watchdog = new LoopWatchdog(loop, WallClockLimit))
            {
                try
                {
                    loop.RunUntilComplete(task);
                    Trace.Log($"result {Format(result(coroutine))}");
                }
                catch (Exception e)
                {
                    Trace.Log($"threw {e.GetType().Name}: {e.Message}");
                }
                Assert.That(watchdog.Fired, Is.False, $"the {(generatedPath ? "generated" : "compiler")} path did not finish within {WallClockLimit.TotalSeconds} s of wall-clock time");
            }
            Trace.Log($"cancelled {task.Cancelled}");
            return Trace.Take();
        }
        finally
        {
            EventLoop.SetCurrent(null);
        }
    }

    private static bool IsMachine(Coroutine coroutine)
    {
        for (var type = coroutine.GetType(); type is not null; type = type.BaseType)
        {
            if (type == typeof(Coroutines.CompilerServices.CoroutineMachine) || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Coroutines.CompilerServices.CoroutineMachine<>))
                return true;
        }
        return false;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };
}
