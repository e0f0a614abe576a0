using Coroutines.Generator;

namespace Coroutines.Tests.Generator;

/// <summary>Awaits inside expressions the generator still cannot lower exactly get CORO101 naming why, and a fallback entry point.</summary>
public class ExpressionFallbackTests
{
    private static GeneratorHarness.Run Generate(string body) =>
        GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", "using System;\nusing Coroutines;\nnamespace Samples;\n" + body)));

    [TestCase("""
        public record Person(string Name, int Age);
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<Person> Run(Person p) => p with { Age = await Loop.Sleep(1, 2) };
        }
        """, "init-only members of 'Samples.Person', a record that is not sealed or has a user-defined copy constructor")]
    [TestCase("""
        public sealed record Person(string Name)
        {
            public Person(Person other) { Name = other.Name; Console.WriteLine("copied"); }
        }
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<Person> Run(Person p) => p with { Name = await Loop.Sleep(1, "x") };
        }
        """, "init-only members of 'Samples.Person', a record that is not sealed or has a user-defined copy constructor")]
    [TestCase("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<bool?> Run<T>(T value) => value?.Equals(await Loop.Sleep(1, 2));
        }
        """, "unconstrained generic type 'T'")]
    [TestCase("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int[]> Run(int[] rest) => [.. rest, await Loop.Sleep(1, 2)];
        }
        """, "A spread element before an element that awaits in a collection expression")]
    public void FallsBackNamingTheConstruct(string source, string message)
    {
        var run = Generate(source);
        var diagnostic = run.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo(DiagnosticDescriptors.NotLoweredId));
        Assert.That(diagnostic.GetMessage(), Does.Contain(message));
        Assert.That(GeneratorHarness.Source(run, "Run"), Does.Not.Contain("class RunCoroutine"), "the entry point calls the method itself");
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
    }
}
