namespace Coroutines.Tests.Generator;

public partial class SnapshotTests
{
    [Test]
    public void LambdasCapturingIterationVariables() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Collect(string[] names)
            {
                var actions = new List<Func<string>>();
                foreach (var name in names)
                {
                    int hits = 0;
                    int Hit() => ++hits;
                    actions.Add(() => name + Hit());
                    await Loop.Yield();
                    hits += 10;
                }
                for (int i = 0; i < 2; i++)
                {
                    actions.Add(() => "i=" + i);
                    await Loop.Yield();
                }
                foreach (var action in actions)
                    Console.WriteLine(action());
                return actions.Count;
            }
        }
        """, "Collect", "LambdasCapturingIterationVariables");

    [Test]
    public void StructInstanceCoroutine() => Verify("""
        public partial struct Counter
        {
            public int Value;

            [Coroutine]
            public async Coroutine<int> Advance(int steps)
            {
                for (int i = 0; i < steps; i++)
                {
                    Value++;
                    await Loop.Yield();
                }
                return Value;
            }
        }
        """, "Advance", "StructInstanceCoroutine");

    [Test]
    public void BaseMemberAccess() => Verify("""
        public class Greeter
        {
            public virtual string Greet(string name, string greeting = "hello") => $"{greeting} {name}";

            public virtual int Volume { get; set; }

            public virtual async Coroutine<int> Warm() { await Loop.Yield(); return 1; }

            public virtual T Pick<T>(T first, T second) where T : IComparable<T> => first.CompareTo(second) > 0 ? first : second;
        }

        public partial class LoudGreeter : Greeter
        {
            public override string Greet(string name, string greeting = "hello") => base.Greet(name, greeting).ToUpperInvariant();

            [Coroutine]
            public async Coroutine<string> Shout(string name)
            {
                int warmth = await base.Warm();
                base.Volume += warmth;
                await Loop.Yield();
                return base.Greet(name) + base.Pick(1, 2) + Greet(name);
            }
        }
        """, "Shout", "BaseMemberAccess");
}
