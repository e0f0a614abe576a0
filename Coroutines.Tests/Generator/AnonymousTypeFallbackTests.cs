using Coroutines.Generator;

namespace Coroutines.Tests.Generator;

/// <summary>What still falls back with CORO101 around anonymous types, and that the message says which value and why.</summary>
public class AnonymousTypeFallbackTests
{
    private static string SingleNotLoweredMessage(string method)
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", "using System;\nusing System.Linq;\nusing Coroutines;\nnamespace Samples;\n" + method)));
        var diagnostic = run.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo(DiagnosticDescriptors.NotLoweredId));
        Assert.That(GeneratorHarness.Source(run, "Run"), Does.Contain("=> Run();"), "the entry point falls back to the method");
        return diagnostic.GetMessage();
    }

    [Test]
    public void TupleHoldingAnAnonymousValueAcrossAnAwaitFallsBack()
    {
        string message = SingleNotLoweredMessage("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Run()
                {
                    var pair = (Point: new { X = 1 }, Count: 2);
                    await Loop.Yield();
                    return pair.Point.X + pair.Count;
                }
            }
            """);
        Assert.That(message, Does.Contain("local 'pair' of struct type").And.Contain("which contains an anonymous type"));
    }

    [Test]
    public void AwaitWhoseResultIsAnonymousFallsBack()
    {
        string message = SingleNotLoweredMessage("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Run()
                {
                    var point = await Make(new { X = 1 });
                    return point.X;
                }

                private static async Coroutine<T> Make<T>(T value)
                {
                    await Loop.Yield();
                    return value;
                }
            }
            """);
        Assert.That(message, Does.Contain("An await whose result has an anonymous type"));
    }
}
