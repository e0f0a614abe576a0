using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: goto and labels, pattern variables across awaits, switch sections whose patterns declare
// variables, deconstructing foreach, and ref struct locals in a body that awaits.
public static partial class Programs
{
    // ---- goto ----

    [Coroutine]
    public static async Coroutine<int> GotoRetryLoop()
    {
        int attempt = 0;
        int total = 0;
    retry:
        attempt++;
        total += await Child($"attempt {attempt}", 0.5, attempt * 10);
        if (attempt < 3)
            goto retry;
        Trace.Log($"done after {attempt}");
        return total;
    }

    [Coroutine]
    public static async Coroutine<string> GotoOutOfTryWithAwaitingFinally()
    {
        int round = 0;
    again:
        round++;
        try
        {
            try
            {
                await Loop.Sleep(1);
                if (round < 3)
                    goto again;
                if (round == 3)
                    goto done;
                Trace.Log("not reached");
            }
            finally
            {
                Trace.Log($"inner finally {round}");
                await Loop.Yield();
            }
        }
        finally
        {
            await Loop.Sleep(0.5);
            Trace.Log($"outer finally {round}");
        }
    done:
        Trace.Log($"done at round {round}");
        return "round " + round;
    }

    [Coroutine]
    public static async Coroutine<int> GotoOutOfNestedLoops()
    {
        int found = -1;
        for (int i = 0; i < 4; i++)
        {
            int j = 0;
            while (j < 4)
            {
                await Loop.Sleep(0.25);
                if (i * j == 6)
                {
                    found = i * 10 + j;
                    goto found;
                }
                j++;
            }
            Trace.Log($"row {i} done");
        }
        Trace.Log("never found");
        return -1;
    found:
        {
            Trace.Log($"found {found}");
            await Loop.Yield();
        }
        return found;
    }

    [Coroutine]
    public static async Coroutine<string> GotoCaseStateMachine()
    {
        var log = new List<string>();
        int state = 0;
        switch (state)
        {
            case 0:
                log.Add("zero");
                await Loop.Sleep(1);
                goto case 2;
            case 1:
                log.Add("one");
                goto default;
            case 2:
                log.Add("two");
                await Loop.Yield();
                if (log.Count < 4)
                    goto case 1;
                break;
            default:
                log.Add("default");
                await Loop.Sleep(0.5);
                goto case 2;
        }
        Trace.Log(string.Join(",", log));
        return string.Join(",", log);
    }

    [Coroutine]
    public static async Coroutine<int> GotoCaseInPlainSwitchAfterAwait()
    {
        int sum = 0;
        for (int i = 0; i < 3; i++)
        {
            await Loop.Yield();
            switch (i)
            {
                case 0:
                    sum += 1;
                    goto case 2;
                case 1:
                    sum += 10;
                    goto default;
                case 2:
                    sum += 100;
                    break;
                default:
                    sum += 1000;
                    break;
            }
            Trace.Log($"sum {sum}");
        }
        return sum;
    }

    [Coroutine]
    public static async Coroutine<int> GotoLoopThrowsIntoCatch()
    {
        int n = 0;
        try
        {
        loop:
            n++;
            await Loop.Sleep(1);
            if (n == 3)
                throw new InvalidOperationException($"failed at {n}");
            goto loop;
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
            await Loop.Yield();
        }
        finally
        {
            Trace.Log($"finally {n}");
        }
        return n;
    }

    [Coroutine]
    public static async Coroutine<int> GotoLoopCancelledWhileSuspended()
    {
        int ticks = 0;
    tick:
        try
        {
            await Loop.Sleep(1);
            ticks++;
            Trace.Log($"tick {ticks}");
        }
        finally
        {
            Trace.Log($"finally after {ticks}");
            await Loop.Yield();
        }
        if (ticks < 10)
            goto tick;
        return ticks;
    }

    [Coroutine]
    public static async Coroutine<string> GotoLabelsNamedLikeGeneratedOnes()
    {
        var log = new List<string>();
        int i = 0;
        {
            Return:
            i++;
            await Loop.Yield();
            if (i < 2)
                goto Return;
            log.Add("first " + i);
        }
        {
            Return:
            i++;
            await Loop.Yield();
            if (i < 4)
                goto Return;
            log.Add("second " + i);
        }
    Resume0:
        if (i++ < 6)
        {
            await Loop.Sleep(0.5);
            goto Resume0;
        }
        log.Add("third " + i);
        Trace.Log(string.Join(",", log));
        return string.Join(",", log);
    }

    [Coroutine]
    public static async Coroutine<int> GotoCarriesValueAroundAwait()
    {
        int count = 0;
        int carried;
        goto middle;
    top:
        Trace.Log($"carried {carried}");
    middle:
        carried = Side("carried", count * 2);
        await Loop.Yield();
        if (++count < 4)
            goto top;
        return count;
    }

    [Coroutine]
    public static async Coroutine<int> GotoOutOfAwaitForEachAndUsing()
    {
        int seen = 0;
        await foreach (var (index, name) in NamesAsync(5))
        {
            using (var resource = new Resource("r" + index))
            {
                await Loop.Sleep(0.5);
                Trace.Log($"{name} in use");
                seen++;
                if (index == 2)
                    goto finished;
            }
        }
        Trace.Log("not reached");
    finished:
        await Loop.Yield();
        Trace.Log($"finished after {seen}");
        return seen;
    }

    // ---- pattern variables across awaits ----

    public abstract record Figure(string Name);

    public sealed record Circle(string Name, double R) : Figure(Name);

    public sealed record Square(string Name, double Side) : Figure(Name);

    private static object[] Things() => new object[] { new Circle("c1", 2), "text", 42, new Square("s1", 3), new Circle("c2", 0.5), "", 7 };

    [Coroutine]
    public static async Coroutine<int> PatternVariablesInIfAcrossAwait()
    {
        int total = 0;
        foreach (var thing in Things())
        {
            if (thing is Circle { R: > 1 } big)
            {
                await Loop.Sleep(big.R);
                Trace.Log($"big circle {big.Name}");
                total += (int)big.R;
            }
            else if (thing is string { Length: > 0 } text && text.StartsWith('t'))
            {
                await Loop.Yield();
                Trace.Log($"text {text}");
            }
            if (thing is not int number)
                continue;
            await Loop.Sleep(0.5);
            Trace.Log($"number {number}");
            total += number;
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<string> PatternVariableScopedToEnclosingBlock(object value)
    {
        if (!(value is string name))
            return "not a string";
        await Loop.Sleep(1);
        if (value is var copy && copy is string { Length: var length } && length > 2 && Check("length", true))
        {
            await Loop.Yield();
            Trace.Log($"copy {copy} {length}");
        }
        return name.ToUpperInvariant();
    }

    [Coroutine]
    public static async Coroutine<int> PatternVariableInWhileCondition()
    {
        var queue = new Queue<string>(new[] { "alpha", "be", "gamma", "", "never" });
        int count = 0;
        while (queue.TryDequeue(out var item) && item is { Length: > 0 } word)
        {
            await Loop.Sleep(word.Length / 2.0);
            Trace.Log($"word {word} ({item})");
            count += word.Length;
        }
        Trace.Log($"left {queue.Count}");
        return count;
    }

    [Coroutine]
    public static async Coroutine<int> OutVariablesInConditionsAcrossAwait()
    {
        var table = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
        int sum = 0;
        foreach (var key in new[] { "a", "x", "b", "12" })
        {
            if (table.TryGetValue(key, out var value) || int.TryParse(key, out value))
            {
                await Loop.Yield();
                Trace.Log($"{key} -> {value}");
                sum += value;
            }
        }
        if (!int.TryParse("40", out int forty))
            return -1;
        await Loop.Sleep(1);
        return sum + forty;
    }

    [Coroutine]
    public static async Coroutine<string> PatternVariableThroughTryFinally(object value)
    {
        try
        {
            if (value is Circle { Name: var name } circle)
            {
                await Loop.Sleep(1);
                Trace.Log($"circle {name} {circle.R}");
                if (circle.R < 1)
                    throw new ArgumentOutOfRangeException(nameof(value), $"too small: {name}");
                await Loop.Sleep(10);
                return name;
            }
            return "other";
        }
        finally
        {
            if (value is Circle { R: var r })
            {
                await Loop.Yield();
                Trace.Log($"finally radius {r}");
            }
        }
    }

    private static async Coroutine<object> Boxed(object value)
    {
        await Loop.Yield();
        Trace.Log($"boxed {value}");
        return value;
    }

    [Coroutine]
    public static async Coroutine<string> PatternVariablesInExpressions(object value)
    {
        var log = new List<string>();
        if (await Boxed(value) is string { Length: > 2 } text && Check("long", true))
        {
            await Loop.Sleep(1);
            log.Add("text " + text);
        }
        log.Add(value is string inline ? "inline " + inline.Length : "inline none");
        if (await Boxed(value) is not string again)
            log.Add("not again");
        else
            log.Add("again " + again.Length);
        if (value is not string word || word.Length == 0)
        {
            Trace.Log(string.Join(";", log));
            return "no word";
        }
        await Loop.Yield();
        log.Add("word " + word);
        Trace.Log(string.Join(";", log));
        return word;
    }

    // ---- switch sections whose patterns declare variables ----

    [Coroutine]
    public static async Coroutine<double> SwitchWithPatternVariables()
    {
        double area = 0;
        foreach (var thing in Things())
        {
            switch (thing)
            {
                case Circle c when c.R > 1:
                    await Loop.Sleep(c.R);
                    Trace.Log($"large circle {c.Name}");
                    area += 3 * c.R * c.R;
                    break;
                case Circle c:
                    await Loop.Yield();
                    Trace.Log($"small circle {c.Name} {c.R}");
                    break;
                case Square { Side: var side } square when Check("square", side > 2):
                case string { Length: > 3 } when Check("long string", true):
                    await Loop.Sleep(0.5);
                    Trace.Log($"square or long string {thing}");
                    break;
                case int n when n > 10:
                    await Loop.Yield();
                    Trace.Log($"int {n}");
                    area += n;
                    break;
                case var other:
                    await Loop.Sleep(0.25);
                    Trace.Log($"other {other}");
                    break;
            }
        }
        return area;
    }

    [Coroutine]
    public static async Coroutine<string> SwitchOnTupleWithPositionalPatterns()
    {
        var log = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            switch ((i, i * i))
            {
                case (0, _):
                    log.Add("zero");
                    break;
                case (int a, int b) when b > 5:
                    await Loop.Sleep(a);
                    log.Add($"big {a} {b}");
                    break;
                case (int a, var b):
                    await Loop.Yield();
                    log.Add($"small {a} {b}");
                    break;
            }
        }
        Trace.Log(string.Join(",", log));
        return string.Join(",", log);
    }

    [Coroutine]
    public static async Coroutine<int> SwitchPatternVariableWhenThrows()
    {
        int handled = 0;
        foreach (var thing in Things())
        {
            try
            {
                switch (thing)
                {
                    case int n when n / (n - 7) > 0:
                        await Loop.Yield();
                        Trace.Log($"int {n}");
                        handled++;
                        break;
                    case Figure { Name: var name } shape:
                        await Loop.Sleep(1);
                        Trace.Log($"shape {name} {shape.GetType().Name}");
                        handled++;
                        break;
                }
            }
            catch (DivideByZeroException e)
            {
                Trace.Log($"when threw {e.GetType().Name}");
                await Loop.Yield();
            }
        }
        return handled;
    }

    [Coroutine]
    public static async Coroutine<string> SwitchPatternSectionsWithGotoAndAwaitingFinally()
    {
        var log = new List<string>();
        foreach (var thing in Things())
        {
            try
            {
                switch (thing)
                {
                    case int n when n > 10:
                    case string { Length: 0 }:
                        await Loop.Yield();
                        log.Add("big int or empty");
                        break;
                    case int small:
                        await Loop.Sleep(small / 10.0);
                        log.Add("small " + small);
                        if (small == 7)
                            goto default;
                        break;
                    case Figure { Name: var name } when name.StartsWith('c'):
                        await Loop.Sleep(0.5);
                        log.Add("c-shape " + name);
                        break;
                    default:
                        log.Add("default " + thing);
                        await Loop.Yield();
                        break;
                }
            }
            finally
            {
                await Loop.Yield();
                log.Add("after " + thing);
            }
        }
        Trace.Log(string.Join(";", log));
        return string.Join(";", log);
    }

    // ---- foreach with a deconstructing variable ----

    public readonly record struct GridPoint(int X, int Y);

    /// <summary>A sequence whose enumerator logs its disposal, so a foreach left by an exception shows it.</summary>
    public sealed class LoggedPoints : IEnumerable<GridPoint>
    {
        public IEnumerator<GridPoint> GetEnumerator()
        {
            try
            {
                for (int i = 1; i <= 4; i++)
                    yield return new GridPoint(i, i * i);
            }
            finally
            {
                Trace.Log("points enumerator disposed");
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public static async IAsyncEnumerable<(int Index, string Name)> NamesAsync(int count)
    {
        try
        {
            for (int i = 0; i < count; i++)
            {
                await Task.Yield();
                yield return (i, "name" + i);
            }
        }
        finally
        {
            Trace.Log("names disposed");
        }
    }

    [Coroutine]
    public static async Coroutine<int> ForEachDeconstructDictionary()
    {
        var prices = new Dictionary<string, int> { ["apple"] = 3, ["pear"] = 5, ["plum"] = 2 };
        int total = 0;
        foreach (var (fruit, price) in prices)
        {
            await Loop.Sleep(price);
            Trace.Log($"{fruit} costs {price}");
            total += price;
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<string> ForEachDeconstructTypedTuplesInArray()
    {
        var rows = new (int, string)[] { (1, "one"), (2, "two"), (3, "three"), (4, "four") };
        var seen = new List<string>();
        foreach ((int number, string word) in rows)
        {
            if (number == 2)
                continue;
            await Loop.Yield();
            seen.Add($"{number}={word}");
            if (word.Length > 4)
                break;
        }
        foreach (var (name, (x, y)) in new[] { ("p", (1, 2)), ("q", (3, 4)) })
        {
            await Loop.Sleep(0.5);
            seen.Add($"{name}({x},{y})");
        }
        Trace.Log(string.Join(" ", seen));
        return string.Join(" ", seen);
    }

    [Coroutine]
    public static async Coroutine<int> ForEachDeconstructThrowsAndDisposes()
    {
        int sum = 0;
        try
        {
            foreach (var (x, y) in new LoggedPoints())
            {
                await Loop.Sleep(1);
                Trace.Log($"point {x},{y}");
                if (y > 5)
                    throw new InvalidOperationException($"too far: {x}");
                sum += y;
            }
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        return sum;
    }

    [Coroutine]
    public static async Coroutine<string> AwaitForEachDeconstruct()
    {
        var names = new List<string>();
        await foreach (var (index, name) in NamesAsync(4))
        {
            await Loop.Sleep(1);
            Trace.Log($"{index}: {name}");
            names.Add(name);
        }
        return string.Join(",", names);
    }

    // ---- ref struct locals that do not live across an await ----

    [Coroutine]
    public static async Coroutine<int> SpanLocalsBetweenAwaits()
    {
        Span<int> buffer = stackalloc int[4];
        for (int i = 0; i < buffer.Length; i++)
            buffer[i] = i * i;
        int sum = 0;
        foreach (int value in buffer)
            sum += value;
        Trace.Log($"sum {sum}");
        await Loop.Sleep(1);
        ReadOnlySpan<char> text = "hello coroutines".AsSpan();
        var first = text.Slice(0, text.IndexOf(' ')).ToString();
        await Loop.Yield();
        Trace.Log($"first word {first}");
        return sum + first.Length;
    }

    [Coroutine]
    public static async Coroutine<string> SpanInLoweredLoopBody()
    {
        var words = new List<string>();
        int n = 0;
        while (n < 3)
        {
            Span<char> letters = new char[3];
            letters.Fill((char)('a' + n));
            letters[1] = char.ToUpperInvariant(letters[1]);
            string word = new string(letters);
            await Loop.Sleep(0.5);
            words.Add(word);
            Trace.Log($"word {word}");
            n++;
        }
        return string.Join(",", words);
    }

    [Coroutine]
    public static async Coroutine<int> SpanRedeclaredByBackwardGoto()
    {
        int round = 0, total = 0;
    again:
        Span<int> pair = stackalloc int[2];
        pair[0] = round;
        pair[1] = round * 10;
        total += pair[0] + pair[1];
        await Loop.Yield();
        Trace.Log($"round {round} total {total}");
        if (++round < 3)
            goto again;
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> SpanInTryWithAwaitingFinally(int length)
    {
        int parsed = 0;
        try
        {
            ReadOnlySpan<char> digits = "12345".AsSpan(0, length);
            parsed = int.Parse(digits);
            Trace.Log($"parsed {parsed}");
            await Loop.Sleep(1);
            if (parsed > 100)
                throw new InvalidOperationException($"too big {parsed}");
            await Loop.Sleep(5);
        }
        finally
        {
            await Loop.Yield();
            Trace.Log($"finally {parsed}");
        }
        return parsed;
    }
}
