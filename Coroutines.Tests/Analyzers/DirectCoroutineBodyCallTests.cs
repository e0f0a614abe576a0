using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.DirectCoroutineBodyCallAnalyzer, Coroutines.CodeFixes.Fixers.DirectCoroutineBodyCallCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class DirectCoroutineBodyCallTests
{
    private const string Key = DirectCoroutineBodyCallCodeFixer.CallEntryPointKey;

    // Stands in for the generator's output: the entry point MAsync in another part of the partial type.
    private const string EntryPoints = """

        public static partial class Jobs
        {
            public static Coroutine<int> ComputeAsync(int seed) => Compute(seed);
            public static Coroutine LogAsync(string text) => Log(text);
        }
        """;

    [Test]
    public Task CallsToACoroutineBodyWithAnEntryPoint_CallTheEntryPoint() =>
        Verify.VerifyCodeFixAsync("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Compute(int seed) { await Loop.Yield(); return seed; }

                [Coroutine]
                public static async Coroutine Log(string text) { await Loop.Yield(); Console.WriteLine(text); }

                public static async Coroutine Run()
                {
                    var value = await {|#0:Compute|}(1);
                    await Jobs.{|#1:Log|}(value.ToString());
                }
            }
            """ + EntryPoints, """
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Compute(int seed) { await Loop.Yield(); return seed; }

                [Coroutine]
                public static async Coroutine Log(string text) { await Loop.Yield(); Console.WriteLine(text); }

                public static async Coroutine Run()
                {
                    var value = await ComputeAsync(1);
                    await Jobs.LogAsync(value.ToString());
                }
            }
            """ + EntryPoints, Key,
            Verify.Diagnostic(DiagnosticDescriptors.DirectCoroutineBodyCall).WithLocation(0).WithArguments("Compute", "ComputeAsync"),
            Verify.Diagnostic(DiagnosticDescriptors.DirectCoroutineBodyCall).WithLocation(1).WithArguments("Log", "LogAsync"));

    [Test]
    public Task CallsWithoutAMatchingEntryPoint_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine Tick() => await Loop.Yield();

                [Coroutine]
                public static async Coroutine Echo(int value) => await Loop.Yield();
                public static Coroutine EchoAsync(string value) => Tick();

                public static async Coroutine Plain() => await Loop.Yield();
                public static Coroutine PlainAsync() => Plain();

                public static async Coroutine Run()
                {
                    await Tick();
                    await Echo(1);
                    await Plain();
                }
            }
            """);
}
