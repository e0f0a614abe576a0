using Coroutines.Generator;
using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator;

/// <summary>The statement-level constructs that still fall back with CORO101, and what the user sees then.</summary>
public class StatementFallbackTests
{
    private static GeneratorHarness.Run Generate(string body) =>
        GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", "using System;\nusing System.Collections.Generic;\nusing Coroutines;\nnamespace Samples;\n" + body)));

    [Test]
    public void RefStructLiveAcrossAnAwaitFallsBackAndCSharpReportsItToo()
    {
        var run = Generate("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Run()
                {
                    Span<int> buffer = stackalloc int[2];
                    await Loop.Yield();
                    return buffer[0];
                }
            }
            """);
        var diagnostic = run.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo(DiagnosticDescriptors.NotLoweredId));
        Assert.That(diagnostic.GetMessage(), Does.Contain("'buffer' of ref struct type").And.Contain("lives across an await"));
        Assert.That(GeneratorHarness.Source(run, "Run"), Does.Contain("=> Run();"), "the entry point falls back to the method");
        // CS4007 comes from the compiler's async lowering, which only emitting runs
        var emitted = run.Output.Emit(System.IO.Stream.Null);
        Assert.That(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id), Does.Contain("CS4007"),
            "the method itself does not compile either: the user sees the compiler's error on M");
    }

    [Test]
    public void PatternVariablesThatStayInASwitchExpressionArmOrAPlainSectionAreLowered()
    {
        var run = Generate("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Run(object o)
                {
                    switch (o)
                    {
                        case int n:
                            Console.WriteLine(n);
                            break;
                    }
                    int total = 0;
                    for (int k = 0; k < 2; k++)
                    {
                        total += o switch { string s => s.Length, _ => 0 };
                        await Loop.Yield();
                    }
                    return total;
                }
            }
            """);
        Assert.That(run.GeneratorDiagnostics, Is.Empty, "pattern variables that stay in their arm or plain section are lowered");
        Assert.That(GeneratorHarness.Source(run, "Run"), Does.Contain("class RunCoroutine"));
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
    }

    [Test]
    public void NegatedPatternWithAnAwaitedOperandFallsBack()
    {
        var run = Generate("""
            public static partial class Jobs
            {
                static async Coroutine<object> Boxed() { await Loop.Yield(); return "text"; }

                [Coroutine]
                public static async Coroutine<int> Run()
                {
                    if (await Boxed() is not string text)
                        return 0;
                    await Loop.Yield();
                    return text.Length;
                }
            }
            """);
        var diagnostic = run.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo(DiagnosticDescriptors.NotLoweredId));
        Assert.That(diagnostic.GetMessage(), Does.Contain("pattern variable 'text', which lives across an await").And.Contain("operand awaits"));
        Assert.That(GeneratorHarness.Source(run, "Run"), Does.Contain("=> Run();"));
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
    }

    [Test]
    public void PrimaryConstructorParameterPassedByReferenceFallsBackAndTheRestCompiles()
    {
        var run = Generate("""
            public partial class Counter(int start)
            {
                private static void Bump(ref int value) => value++;

                [Coroutine]
                public async Coroutine<int> Run()
                {
                    await Loop.Yield();
                    Bump(ref start);
                    return start;
                }

                [Coroutine]
                public async Coroutine<int> Read()
                {
                    await Loop.Yield();
                    return start;
                }
            }
            """);
        var diagnostic = run.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo(DiagnosticDescriptors.NotLoweredId));
        Assert.That(diagnostic.GetMessage(), Does.Contain("primary constructor parameter 'start' passed or taken by reference"));
        Assert.That(GeneratorHarness.Source(run, "Run"), Does.Contain("=> Run();"));
        Assert.That(GeneratorHarness.Source(run, "Read"), Does.Contain("__this.__ReadCoroutine_primary_start"), "a plain read is lowered through the accessor");
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty, "no CS9105 in the generated machine");
    }
}
