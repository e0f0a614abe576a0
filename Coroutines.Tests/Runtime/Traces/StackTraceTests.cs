using Coroutines.Tests.Runtime.Reliability;

namespace Coroutines.Tests.Runtime.Traces;

/// <summary>
/// The trace of an exception thrown three coroutines deep reads like a synchronous one: the user's frames in order,
/// innermost first, each with its file and line, and none of the runtime's plumbing (awaiters, result readers, the
/// task's step), which is hidden with <c>[StackTraceHidden]</c> as the BCL hides its own awaiters. A generated
/// machine's frame reads as the coroutine's entry point (<c>GeneratedInnerAsync(Int32 n)</c>), not as the machine's
/// <c>MoveNext</c>. On both paths: compiler-lowered and generated coroutines.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public partial class StackTraceTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    public enum Path { Compiler, Generated }

    private static async Coroutine<int> CompilerInner(int n)
    {
        await Coroutines.Loop.Yield();
        throw new InvalidOperationException($"inner {n}");   // marker: compiler-inner
    }

    private static async Coroutine<int> CompilerMiddle(int n) =>
        await CompilerInner(n + 1);   // marker: compiler-middle

    private static async Coroutine CompilerOuter()
    {
        await Coroutines.Loop.Yield();
        await CompilerMiddle(1);   // marker: compiler-outer
    }

    [Coroutine]
    private static async Coroutine<int> GeneratedInner(int n)
    {
        await Coroutines.Loop.Yield();
        throw new InvalidOperationException($"inner {n}");   // marker: generated-inner
    }

    [Coroutine]
    private static async Coroutine<int> GeneratedMiddle(int n) =>
        await GeneratedInnerAsync(n + 1);   // marker: generated-middle

    [Coroutine]
    private static async Coroutine GeneratedOuter()
    {
        await Coroutines.Loop.Yield();
        await GeneratedMiddleAsync(1);   // marker: generated-outer
    }

    private static string Frame(Path path, string level) => path == Path.Compiler
        ? $"{nameof(StackTraceTests)}.Compiler{level}("
        : $"{nameof(StackTraceTests)}.Generated{level}Async(";

    private static int Line(Path path, string level) => SourceMarkers.LineOf($"{path.ToString().ToLowerInvariant()}-{level.ToLowerInvariant()}");

    private string TraceOfThreeLevels(Path path)
    {
        var error = Capture.Exception(() => Loop.RunUntilComplete(path == Path.Compiler ? CompilerOuter() : GeneratedOuterAsync()));
        Assert.That(error, Is.TypeOf<InvalidOperationException>().With.Message.EqualTo("inner 2"));
        TestContext.Out.WriteLine(error!.StackTrace);
        return error.StackTrace!;
    }

    [Test]
    public void TheUsersFramesAppearInnermostFirstWithTheirLines([Values] Path path)
    {
        var frames = SourceMarkers.Frames(TraceOfThreeLevels(path)).Where(f => f.Contains(nameof(StackTraceTests) + ".")).ToList();

        string[] levels = ["Inner", "Middle", "Outer"];
        Assert.That(frames.Take(3).Select((f, i) => f.Contains(Frame(path, levels[i]))), Is.All.True,
            "the three coroutines, innermost first:\n" + string.Join("\n", frames));
        for (int i = 0; i < 3; i++)
            Assert.That(frames[i], Does.EndWith($"{nameof(StackTraceTests)}.cs:line {Line(path, levels[i])}"));
        Assert.That(frames[3], Does.Contain(nameof(TraceOfThreeLevels)), "then the code that ran the loop");
    }

    [Test]
    public void NoPlumbingFramesAppear([Values] Path path)
    {
        var frames = SourceMarkers.Frames(TraceOfThreeLevels(path));

        // The runtime's frames: only the call the test made (RunUntilComplete) may show, as in asyncio's tracebacks.
        var runtimeFrames = frames.Where(f => f.StartsWith("at Coroutines.", StringComparison.Ordinal) && !f.StartsWith("at Coroutines.Tests.", StringComparison.Ordinal));
        Assert.That(runtimeFrames, Is.All.StartsWith("at Coroutines.EventLoop.RunUntilComplete"), string.Join("\n", frames));
        Assert.That(frames, Has.None.Contains("MoveNext"), "a coroutine's frame reads as its method, not as its state machine");
    }

    [Test]
    public void AGeneratedCoroutineOfAGenericTypeReadsAsItsEntryPoint()
    {
        var error = Capture.Exception(() => Loop.RunUntilComplete(Box<string>.FailAsync("x")));

        var frames = SourceMarkers.Frames(error!.StackTrace!);
        Assert.That(frames[0], Does.StartWith("at Coroutines.Tests.Runtime.Traces.Box`1.FailAsync(T value)"), string.Join("\n", frames));
        Assert.That(frames[0], Does.EndWith($"{nameof(StackTraceTests)}.cs:line {SourceMarkers.LineOf("generic-fail")}"));
    }

    [Coroutine]
    private static async Coroutine<T> GenericFail<T>(T value)
    {
        await Coroutines.Loop.Yield();
        throw new InvalidOperationException($"{value}");   // marker: generic-method-fail
    }

    [Coroutine]
    private static async Coroutine<int> CallsGenericFail() =>
        await GenericFailAsync(42) + 1;   // marker: generic-method-caller

    [Test]
    public void AGeneratedGenericCoroutineMethodReadsAsItsEntryPoint()
    {
        var error = Capture.Exception(() => Loop.RunUntilComplete(CallsGenericFailAsync()));

        var frames = SourceMarkers.Frames(error!.StackTrace!);
        string trace = string.Join("\n", frames);
        Assert.That(frames[0], Does.StartWith($"at Coroutines.Tests.Runtime.Traces.{nameof(StackTraceTests)}.GenericFailAsync[T](T value)"), trace);
        Assert.That(frames[0], Does.EndWith($"{nameof(StackTraceTests)}.cs:line {SourceMarkers.LineOf("generic-method-fail")}"), trace);
        Assert.That(frames[1], Does.StartWith($"at Coroutines.Tests.Runtime.Traces.{nameof(StackTraceTests)}.CallsGenericFailAsync()"), trace);
        Assert.That(frames[1], Does.EndWith($"{nameof(StackTraceTests)}.cs:line {SourceMarkers.LineOf("generic-method-caller")}"), trace);
        Assert.That(frames, Has.None.Contains("MoveNext"), "the generic machine's frame reads as the method, not as its state machine");
    }
}

public static partial class Box<T>
{
    [Coroutine]
    public static async Coroutine<T> Fail(T value)
    {
        await Coroutines.Loop.Yield();
        throw new InvalidOperationException($"{value}");   // marker: generic-fail
    }
}
