namespace Coroutines.Tests.Generator.Interception;

/// <summary>
/// A program with a <c>[Coroutine]</c> method in every shape a call can take. Each <c>Probe</c> method makes one call
/// and returns the coroutine object it got back: the generated machine is a type named after the method
/// (<c>StaticCoroutine</c>), the compiler's lowering is not.
/// </summary>
internal static class CallForms
{
    public const string Source = """
        using System;
        using System.Linq;
        using System.Linq.Expressions;
        using Coroutines;
        using Tagged = Coroutines.CoroutineAttribute;

        namespace Forms;

        public static partial class Calls
        {
            [Coroutine]
            public static async Coroutine<int> Static(int n) { await Loop.Yield(); return n + 1; }

            [Coroutine]
            public static async Coroutine<T> Generic<T>(T value) where T : notnull { await Loop.Yield(); return value; }

            [Coroutine]
            public static async Coroutine<int> Extension(this Counter counter, int n) { await Loop.Yield(); return counter.Start + n; }

            [Coroutine]
            private static async Coroutine<int> Private(int n) { await Loop.Yield(); return n * 2; }

            public static Coroutine<int> CallPrivate(int n) => Private(n);

            // The machine of this method is generated code: the calls in it name the entry points themselves.
            [Coroutine]
            public static async Coroutine<string> Nested()
            {
                var tally = new Tally { Count = 1 };
                var calls = new Coroutine<int>[] { Static(1), new Counter().Extension(2), tally.Next(), Private(3), Generic(4), new Box<int>()?.Get()! };
                int total = 0;
                foreach (var call in calls)
                    total += await call;
                Func<Coroutine<int>> later = () => Static(5);
                var last = later();
                total += await last;
                return string.Join(" ", calls.Select(c => c.GetType().Name)) + " " + last.GetType().Name + " " + total;
            }
        }

        public partial class Counter
        {
            public int Start = 10;

            [Coroutine]
            public async Coroutine<int> Instance(int n) { await Loop.Yield(); return Start + n; }

            public Coroutine<int> ThroughThis() => Instance(5);
        }

        public partial class Box<T>
        {
            public T Value = default!;

            [Coroutine]
            public async Coroutine<T> Get() { await Loop.Yield(); return Value; }

            [Coroutine]
            public async Coroutine<int> Measure<U>(U other) where U : notnull { await Loop.Yield(); return other.ToString()!.Length; }
        }

        public partial struct Tally
        {
            public int Count;

            [Coroutine]
            public async Coroutine<int> Next() { await Loop.Yield(); return Count + 1; }

            [Coroutine]
            public readonly async Coroutine<int> Peek() { await Loop.Yield(); return Count; }
        }

        public partial class Outer
        {
            private partial class Hidden
            {
                [Coroutine]
                public async Coroutine<int> Run() { await Loop.Yield(); return 7; }

                [Coroutine]
                public static async Coroutine<int> Make(int n) { await Loop.Yield(); return n + 1; }

                [Coroutine]
                public static async Coroutine<T> Echo<T>(T value) where T : notnull { await Loop.Yield(); return value; }
            }

            public static Coroutine<int> CallHiddenGeneric() => Hidden.Echo(11);

            public static Coroutine<int> CallHidden() => new Hidden().Run();

            public static Coroutine<int> CallHiddenStatic() => Hidden.Make(5);

            private sealed class Secret { public int Value = 4; }

            // private and taking a private nested type: the entry point must stay private, or it would expose Secret
            [Coroutine]
            private static async Coroutine<int> Reveal(Secret secret) { await Loop.Yield(); return secret.Value; }

            public static Coroutine<int> CallReveal() => Reveal(new Secret());
        }

        public static partial class Aliased
        {
            [Tagged]
            public static async Coroutine<int> Triple(int n) { await Loop.Yield(); return 3 * n; }
        }

        public static class Probe
        {
            public static Coroutine<int> AttributeThroughAlias() => Aliased.Triple(3);

            public static Coroutine<int> GenericStaticOfPrivateNestedType() => Outer.CallHiddenGeneric();

            public static Coroutine<int> Static() => Calls.Static(1);

            public static Coroutine<int> Instance() => new Counter().Instance(2);

            public static Coroutine<int> ImplicitThis() => new Counter().ThroughThis();

            public static Coroutine<int> GenericMethod() => Calls.Generic(42);

            public static Coroutine<int> GenericType() => new Box<int> { Value = 3 }.Get();

            public static Coroutine<int> GenericMethodOfGenericType() => new Box<string>().Measure("four");

            public static Coroutine<int> InGenericContext() => Twice<long>(9L);

            private static Coroutine<int> Twice<TItem>(TItem item) where TItem : notnull => new Box<TItem>().Measure(item);

            public static Coroutine<int> Struct() { var tally = new Tally { Count = 4 }; return tally.Next(); }

            public static Coroutine<int> ReadonlyStructMember() { var tally = new Tally { Count = 6 }; return tally.Peek(); }

            public static Coroutine<int> Extension() => new Counter().Extension(1);

            public static Coroutine<int> Private() => Calls.CallPrivate(4);

            public static Coroutine<int> ConditionalAccess() { Counter? counter = new Counter(); return counter?.Instance(3)!; }

            public static Coroutine<int> InsideLambda() { Func<Coroutine<int>> make = () => Calls.Static(8); return make(); }

            public static Coroutine<int> MethodGroup() { Func<int, Coroutine<int>> make = Calls.Static; return make(5); }

            public static Coroutine<int> ExpressionTree() { Expression<Func<Coroutine<int>>> make = () => Calls.Static(6); return make.Compile()(); }

            public static Coroutine<int> PrivateNestedType() => Outer.CallHidden();

            public static Coroutine<int> PrivateNestedParameter() => Outer.CallReveal();

            public static Coroutine<int> StaticOfPrivateNestedType() => Outer.CallHiddenStatic();

            public static Coroutine<string> Nested() => Calls.Nested();
        }
        """;
}
