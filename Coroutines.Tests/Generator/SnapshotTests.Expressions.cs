namespace Coroutines.Tests.Generator;

// The generated code of awaits inside ?., switch expression arms, ??=, compound assignments to elements,
// initializers and event subscriptions.
public partial class SnapshotTests
{
    [Test]
    public void NullConditionalAccessThatAwaits() => Verify("""
        public sealed class Node
        {
            public Node? Next;
            public int Add(int a, int b) => a + b;
            public void Log(int value) => Console.WriteLine(value);
        }

        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int?> Walk(Node? node)
            {
                node?.Log(await Loop.Sleep(1, 1));
                return node?.Next?.Add(2, await Loop.Sleep(1, 3));
            }
        }
        """, "Walk", "NullConditionalAccessThatAwaits");

    [Test]
    public void SwitchExpressionThatAwaits() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<string> Describe(object value) =>
                value switch
                {
                    0 => "zero",
                    int n when await Loop.Sleep(1, n) > 5 => "big",
                    string s => s + await Loop.Sleep(1, "!") + s.Length,
                    _ => "other",
                };
        }
        """, "Describe", "SwitchExpressionThatAwaits");

    [Test]
    public void CoalesceAssignmentThatAwaits() => Verify("""
        public sealed class Cache
        {
            public string? Value { get; set; }
        }

        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<string> Fill(Cache cache, string? local)
            {
                local ??= await Loop.Sleep(1, "local");
                return cache.Value ??= await Loop.Sleep(1, local);
            }
        }
        """, "Fill", "CoalesceAssignmentThatAwaits");

    [Test]
    public void CompoundAssignmentToElementThatAwaits() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Accumulate(int[] totals, int index)
            {
                totals[index] += await Loop.Sleep(1, 5);
                totals[await Loop.Sleep(1, 0)]++;
                return totals[index];
            }
        }
        """, "Accumulate", "CompoundAssignmentToElementThatAwaits");

    [Test]
    public void InitializersThatAwait() => Verify("""
        public sealed class Settings
        {
            public List<int> Values { get; } = new();
            public Dictionary<string, int> Named { get; } = new();
        }

        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<Settings> Load() => new Settings
            {
                Values = { 1, await Loop.Sleep(1, 2) },
                Named = { ["a"] = await Loop.Sleep(1, 3), ["b"] = 4 },
            };
        }
        """, "Load", "InitializersThatAwait");

    [Test]
    public void EventSubscriptionThatAwaits() => Verify("""
        public sealed class Button
        {
            public event Action? Clicked;
            public void Click() => Clicked?.Invoke();
        }

        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine Wire(Button button)
            {
                button.Clicked += await Loop.Sleep(1, (Action)(() => Console.WriteLine("clicked")));
                button.Click();
            }
        }
        """, "Wire", "EventSubscriptionThatAwaits");

    [Test]
    public void WithExpressionThatAwaits() => Verify("""
        public sealed record Person(string Name, int Age);

        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<Person> Birthday(Person person) =>
                person with { Name = person.Name.ToUpperInvariant(), Age = await Loop.Sleep(1, person.Age + 1) };
        }
        """, "Birthday", "WithExpressionThatAwaits");

    [Test]
    public void AwaitOfGenericGeneratedEntryPoint() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<T> Echo<T>(T value)
            {
                await Loop.Yield();
                return value;
            }

            [Coroutine]
            public static async Coroutine<List<T>> Pair<T>(T value)
            {
                var first = await EchoAsync(value);
                return new List<T> { first, await EchoAsync<T>(value) };
            }
        }
        """, "Pair", "AwaitOfGenericGeneratedEntryPoint");
}
