using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: locals of anonymous type, or of types built from one (arrays, lists, tuples), that live
// across awaits. The machine keeps them as objects and re-types every read.
public static partial class Programs
{
    [Coroutine]
    public static async Coroutine<int> ProjectionHeldAcrossAwaits()
    {
        var point = new { X = Side("x", 1), Y = await Child("y", 0.5, 2), Label = "p" };
        await Loop.Yield();
        Trace.Log($"point {point.X} {point.Y} {point.Label} {point}");
        await Loop.Sleep(1);
        var copy = point;
        Trace.Log($"same {ReferenceEquals(copy, point)} equal {point.Equals(new { X = 1, Y = 2, Label = "p" })}");
        return point.X + point.Y;
    }

    [Coroutine]
    public static async Coroutine<int> NestedAnonymousTypeAcrossAwait()
    {
        var order = new { Id = 7, Customer = new { Name = "ada", Tags = new[] { "vip" } }, Total = (decimal?)null };
        await Loop.Yield();
        Trace.Log($"order {order.Id} {order.Customer.Name} {order.Customer.Tags[0]} {order.Total ?? -1m}");
        var pair = new { First = order, Count = await Child("count", 0.2, 3) };
        await Loop.Sleep(0.1);
        if (pair is { First.Customer: var customer } && await Child("check", 0.1, 1) == 1)
            Trace.Log($"customer {customer.Name}");
        Trace.Log($"pair {pair.First.Customer.Name} {pair.Count}");
        return pair.First.Id + pair.Count;
    }

    [Coroutine]
    public static async Coroutine<int> AnonymousValuesInCollectionsAcrossAwait()
    {
        var rows = new[] { 3, 1, 2 }.Select(n => new { N = n, Square = n * n }).ToList();
        var array = rows.OrderBy(r => r.N).ToArray();
        var lookup = rows.ToDictionary(r => r.N);
        await Loop.Yield();
        rows.Add(new { N = await Child("four", 0.3, 4), Square = 16 });
        foreach (var row in array)
        {
            await Loop.Sleep(0.1);
            Trace.Log($"row {row.N}^2={row.Square} in lookup {lookup[row.N].Square}");
        }
        foreach (var row in rows)
        {
            await Loop.Yield();
            Func<int> twice = () => row.Square * 2;
            Trace.Log($"listed {row.N} twice {twice()}");
        }
        Trace.Log($"rows {string.Join(",", rows.Select(r => r.N))} first {array[0]}");
        return rows.Sum(r => r.Square);
    }

    [Coroutine]
    public static async Coroutine<int> AnonymousLocalReassigned()
    {
        var state = new { Step = 0, Name = "start" };
        int total = 0;
        for (int i = 1; i <= 3; i++)
        {
            await Loop.Yield();
            state = new { Step = state.Step + i, Name = $"step{i}" };
            total += state.Step;
            Trace.Log($"state {state.Name} {state.Step}");
        }
        state = new { Step = await Child("later", 0.2, state.Step * 10), Name = "later" };
        Trace.Log($"final {state}");
        return total + state.Step;
    }

    [Coroutine]
    public static async Coroutine<int> AnonymousLocalThroughExceptionsAndCancellation()
    {
        var job = new { Name = "job", Attempts = new List<int>() };
        try
        {
            for (int attempt = 1; attempt <= 4; attempt++)
            {
                try
                {
                    job.Attempts.Add(attempt);
                    await Loop.Sleep(1);
                    if (attempt == 2)
                        await Fail($"{job.Name} attempt {attempt}", 0.1);
                    Trace.Log($"{job.Name} attempt {attempt} ok");
                }
                catch (InvalidOperationException e) when (job.Attempts.Count == 2)
                {
                    Trace.Log($"caught {e.Message} after {job.Attempts.Count}");
                    await Loop.Yield();
                }
            }
        }
        finally
        {
            Trace.Log($"finally {job.Name} {string.Join(",", job.Attempts)}");
        }
        return job.Attempts.Count;
    }

    // Prototype helpers (List<T>, IGrouping<TKey, TElement>) inside a generic coroutine whose own type parameter is T.
    [Coroutine]
    public static async Coroutine<int> GroupedProjectionInGenericCoroutine<T>(T tag)
    {
        var groups = new[] { 1, 2, 3, 4, 5 }.Select(n => new { Tag = tag, N = n }).GroupBy(x => x.N % 2).ToList();
        int total = 0;
        foreach (var group in groups)
        {
            await Loop.Yield();
            var first = group.First();
            total += await Child($"group {group.Key}", 0.1, group.Count());
            Trace.Log($"group {group.Key} first {first.Tag}:{first.N} count {group.Count()}");
        }
        return total;
    }

    // Deconstruction and out variables write through the re-typed storage as plain assignments do.
    [Coroutine]
    public static async Coroutine<int> AnonymousDeconstructionAndOutVariables()
    {
        var (point, weight) = (new { X = Side("x", 3) }, Side("w", 2));
        var found = new[] { new { X = 5 } }.ToDictionary(p => p.X).TryGetValue(5, out var hit);
        await Loop.Yield();
        (point, weight) = (new { X = point.X + await Child("dx", 0.1, 1) }, weight * 10);
        Trace.Log($"point {point.X} weight {weight} found {found} hit {hit?.X}");
        return point.X + weight + (hit?.X ?? 0);
    }
}
