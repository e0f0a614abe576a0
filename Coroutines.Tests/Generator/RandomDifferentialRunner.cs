using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator;

/// <summary>
/// Compiles random coroutine bodies into one in-memory assembly with the generator, runs each through the compiler's
/// lowering (<c>Pn</c>) and the generated machine (<c>PnAsync</c>) on a virtual-time loop, and requires identical
/// traces. The helpers the bodies call log what they do, so evaluation order and disposal are part of the trace.
/// </summary>
internal static class RandomDifferentialRunner
{
    /// <summary>
    /// Checks every program. <paramref name="locals"/> opens each body (declarations the statements use) and
    /// <paramref name="result"/> is the value its last statement returns.
    /// </summary>
    public static void CheckAll((string Body, int CancelAt)[] programs, string locals, string result)
    {
        var assembly = CompileAll(programs, locals, result);
        var type = assembly.GetType("Random.Programs")!;
        for (int i = 0; i < programs.Length; i++)
        {
            var expected = Run(type, "P" + i, programs[i].CancelAt);
            var actual = Run(type, "P" + i + "Async", programs[i].CancelAt);
            if (!expected.SequenceEqual(actual))
                throw new Exception($"Program P{i} differs.\nbody: {programs[i].Body}\ncancel at: {programs[i].CancelAt}\ncompiler:\n  {string.Join("\n  ", expected)}\ngenerated:\n  {string.Join("\n  ", actual)}");
        }
    }

    private static List<string> Run(Type type, string method, int cancelAt)
    {
        var lines = (List<string>)type.GetField("Lines")!.GetValue(null)!;
        lines.Clear();
        using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        EventLoop.SetCurrent(loop);
        loop.SetExceptionHandler((_, context) => lines.Add("handler: " + context.Message));
        try
        {
            var coroutine = (Coroutine<int>)type.GetMethod(method)!.Invoke(null, null)!;
            var task = loop.CreateTask(coroutine);
            if (cancelAt >= 0)
                loop.CallLater(cancelAt * 0.4, () => task.Cancel());
            using (var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(60)))
            {
                try
                {
                    lines.Add("result " + loop.RunUntilComplete(task));
                }
                catch (Exception e)
                {
                    lines.Add($"threw {e.GetType().Name}: {e.Message}");
                }
                if (watchdog.Fired)
                    lines.Add("did not finish within 60 s of wall-clock time");   // a trace no correct run produces
            }
            lines.Add("cancelled " + task.Cancelled);
            return new List<string>(lines);
        }
        finally
        {
            EventLoop.SetCurrent(null);
        }
    }

    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Coroutines;
        namespace Random;
        public static partial class Programs
        {
            public static readonly List<string> Lines = new();
            static void Log(string text) => Lines.Add($"[{EventLoop.Running.Time():0.###}] {text}");
            static async Coroutine<int> Child(int n) { await Loop.Sleep(0.1 * n); Log("child " + n); return n; }
            static Box? Maybe(int x) { Log("maybe " + x); return x % 3 == 0 ? null : new Box(x); }
            sealed class Box
            {
                private readonly int _value;
                public Box(int value) => _value = value;
                public int Add(int n) { Log("add " + n); return _value + n; }
                public void Note(int n) => Log("note " + _value + " " + n);
            }

            static int[] Cells = new int[3];
            static int s_property;
            static int Prop { get { Log("get prop " + s_property); return s_property; } set { Log("set prop " + value); s_property = value; } }
            static int Idx(int i) { Log("index " + i); return i; }
            static void AddTo(ref int cell, int amount) { cell += amount; Log("add to " + amount); }
            static async Coroutine<int> ReplaceCells(int n) { await Loop.Sleep(0.1 * n); Cells = new int[3]; Log("cells replaced"); return n; }
            static async Coroutine<string> Text(int n) { await Loop.Yield(); Log("text " + n); return "t" + n; }
            static async Coroutine<(int, string)> Pair(int n) { await Loop.Sleep(0.1 * n); Log("pair " + n); return (n, "p" + n); }
            static bool Filter(string message, int x) { Log("filter " + message); return x % 2 == 0; }
            sealed class Res : IDisposable, IAsyncDisposable
            {
                public readonly string Name;
                public Res(string name) { Name = name; Log("open " + name); }
                public void Dispose() => Log("dispose " + Name);
                public ValueTask DisposeAsync() { Log("dispose async " + Name); return default; }
            }
            readonly struct Trio
            {
                private readonly int _start;
                public Trio(int start) => _start = start;
                public TrioEnumerator GetEnumerator() { Log("trio " + _start); return new TrioEnumerator(_start); }
            }
            // a mutable struct enumerator: a copy that lost MoveNext's writes shows in Current and in Dispose's line
            struct TrioEnumerator : IDisposable
            {
                private readonly int _start;
                private int _index;
                public TrioEnumerator(int start) { _start = start; _index = -1; }
                public int Current => _start + _index * 10;
                public bool MoveNext() { _index++; Log("trio next " + _index); return _index < 3; }
                public void Dispose() => Log("trio dispose " + _index);
            }
            // an async sequence found by pattern whose MoveNextAsync and DisposeAsync suspend
            sealed class Ticks
            {
                private readonly int _count;
                public Ticks(int count) => _count = count;
                public TicksEnumerator GetAsyncEnumerator() { Log("ticks " + _count); return new TicksEnumerator(_count); }
            }
            sealed class TicksEnumerator
            {
                private readonly int _count;
                private int _index = -1;
                public TicksEnumerator(int count) => _count = count;
                public int Current => _index;
                public SleepAwaitable<bool> MoveNextAsync() { _index++; Log("tick " + _index); return Loop.Sleep(0.25, _index < _count); }
                public SleepAwaitable DisposeAsync() { Log("ticks disposed at " + _index); return Loop.Sleep(0.25); }
            }

        """;

    private static Assembly CompileAll((string Body, int CancelAt)[] programs, string locals, string result)
    {
        var source = new StringBuilder(Prelude);
        for (int i = 0; i < programs.Length; i++)
            source.Append($"    [Coroutine] public static async Coroutine<int> P{i}() {{ {locals} {programs[i].Body} return {result}; }}\n");
        source.Append("}\n");
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Random/Programs.cs", source.ToString())));
        Assert.That(run.GeneratorDiagnostics, Is.Empty, "every random body must be lowered");
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.That(emitted.Success, Is.True, () => string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        image.Position = 0;
        return new AssemblyLoadContext("random-differential", isCollectible: true).LoadFromStream(image);
    }
}
