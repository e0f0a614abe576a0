using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Analyzers.Infrastructure;

/// <summary>What every analyzer test compilation shares: references, global usings, and stubs of in-flight runtime APIs.</summary>
public static class TestSupport
{
    /// <summary>.NET 10 reference assemblies (offline) plus Coroutines.Runtime.</summary>
    public static IReadOnlyList<MetadataReference> References { get; } =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Coroutines.Loop).Assembly.Location)];

    /// <summary>Global usings compiled with every test source (like an SDK project's implicit usings).</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Coroutines;
        """;

    /// <summary>
    /// Test-only stand-ins for runtime APIs being added on other branches, so the fixes that target them can be tested now:
    /// the loop executor (<c>loop.RunInExecutor</c>, as extension methods, which the real instance methods will shadow) and
    /// <c>AsyncLock</c>. They live only in the test compilations, never in the runtime.
    /// </summary>
    public const string Stubs = """
        using System;
        using System.Threading.Tasks;

        public static class ExecutorStub
        {
            public static Coroutines.Future<T> RunInExecutor<T>(this Coroutines.EventLoop loop, Func<T> work) =>
                Coroutines.Loop.WrapTask(Task.Run(work));

            public static Coroutines.Future<Coroutines.VoidResult> RunInExecutor(this Coroutines.EventLoop loop, Action work) =>
                Coroutines.Loop.WrapTask(Task.Run(work));
        }

        namespace Coroutines
        {
            public sealed class AsyncLock
            {
                public Task<IDisposable> Acquire() => Task.FromResult<IDisposable>(new Releaser());

                private sealed class Releaser : IDisposable
                {
                    public void Dispose() { }
                }
            }
        }
        """;
}
