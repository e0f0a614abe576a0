namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Runs the futures concurrently and completes with their results in argument order (asyncio's <c>gather</c>).
    /// The first failure (or cancellation) of a child becomes the outcome at once; the other children keep running
    /// (use <see cref="TaskGroup"/> to cancel them). Cancelling the returned future cancels the children, and it then
    /// ends with a <see cref="CancelledError"/> exception. A future passed twice is awaited once.
    /// </summary>
    /// <exception cref="ArgumentException">The futures belong to different loops.</exception>
    public static Future<T[]> Gather<T>(params Future<T>[] futures) => Gather((IEnumerable<Future<T>>)futures);

    /// <summary>See <see cref="Gather{T}(Future{T}[])"/>.</summary>
    public static Future<T[]> Gather<T>(IEnumerable<Future<T>> futures) =>
        GatherCore(Inputs(futures), returnExceptions: false, static children => Collect(children, static f => ((Future<T>)f).ResultUnchecked));

    /// <summary>Schedules each coroutine as a task and gathers them; see <see cref="Gather{T}(Future{T}[])"/>.</summary>
    public static Future<T[]> Gather<T>(params Coroutine<T>[] coroutines) => Gather((IEnumerable<Coroutine<T>>)coroutines);

    /// <summary>See <see cref="Gather{T}(Coroutine{T}[])"/>.</summary>
    public static Future<T[]> Gather<T>(IEnumerable<Coroutine<T>> coroutines) =>
        GatherCore(Inputs(coroutines), returnExceptions: false, static children => Collect(children, static f => ((Future<T>)f).ResultUnchecked));

    /// <summary>Gathers futures of different result types; the results come as objects, in argument order.</summary>
    public static Future<object?[]> Gather(params Future[] futures) =>
        GatherCore(Inputs(futures), returnExceptions: false, static children => Collect(children, static f => f.ResultObject()));

    /// <summary>Gathers coroutines of any kind (with or without a result); the results come as objects.</summary>
    public static Future<object?[]> Gather(params Coroutine[] coroutines) =>
        GatherCore(Inputs(coroutines), returnExceptions: false, static children => Collect(children, static f => f.ResultObject()));

    /// <summary>
    /// asyncio's <c>gather(..., return_exceptions=True)</c>: completes when every child is done, with one
    /// <see cref="Outcome{T}"/> per argument (a value, an exception, or a <see cref="CancelledError"/>).
    /// Cancelling the returned future still ends it with a <see cref="CancelledError"/> exception.
    /// </summary>
    public static Future<Outcome<T>[]> GatherOutcomes<T>(params Future<T>[] futures) => GatherOutcomes((IEnumerable<Future<T>>)futures);

    /// <summary>See <see cref="GatherOutcomes{T}(Future{T}[])"/>.</summary>
    public static Future<Outcome<T>[]> GatherOutcomes<T>(IEnumerable<Future<T>> futures) =>
        GatherCore(Inputs(futures), returnExceptions: true, static children => Collect(children, Outcome<T>.Of));

    /// <summary>Schedules each coroutine as a task; see <see cref="GatherOutcomes{T}(Future{T}[])"/>.</summary>
    public static Future<Outcome<T>[]> GatherOutcomes<T>(params Coroutine<T>[] coroutines) =>
        GatherCore(Inputs(coroutines), returnExceptions: true, static children => Collect(children, Outcome<T>.Of));

    private static List<object> Inputs<TInput>(IEnumerable<TInput> inputs) where TInput : class
    {
        ArgumentNullException.ThrowIfNull(inputs);
        // Presized when the count is known: gathering 100k coroutines should not regrow the list 17 times.
        var list = inputs.TryGetNonEnumeratedCount(out int count) ? new List<object>(count) : new List<object>();
        foreach (var input in inputs)
            list.Add(input ?? throw new ArgumentException("Gather got a null awaitable.", nameof(inputs)));
        return list;
    }

    private static TItem[] Collect<TItem>(Future[] positions, Func<Future, TItem> read)
    {
        var results = new TItem[positions.Length];
        for (int i = 0; i < positions.Length; i++)
            results[i] = read(positions[i]);
        return results;
    }

    private static Future<TResult> GatherCore<TResult>(List<object> inputs, bool returnExceptions, Func<Future[], TResult> collect)
    {
        EventLoop? loop = null;
        foreach (var input in inputs)
        {
            if (input is Future future)
            {
                if (loop is null)
                    loop = future.Loop;
                else if (!ReferenceEquals(loop, future.Loop))
                    throw new ArgumentException("Every future passed to Gather must belong to the same event loop.", nameof(inputs));
            }
        }
        loop ??= EventLoop.Current;
        if (inputs.Count == 0)
        {
            var empty = loop.CreateFuture<TResult>();
            empty.SetResult(collect([]));
            return empty;
        }
        var byInput = new Dictionary<object, Future>(inputs.Count, ReferenceEqualityComparer.Instance);
        var children = new Future[inputs.Count];
        int distinct = 0;
        var positions = new Future[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (!byInput.TryGetValue(input, out var child))
            {
                child = input as Future ?? ((Coroutine)input).ScheduleAsTask(loop);
                byInput.Add(input, child);
                children[distinct++] = child;
            }
            positions[i] = child;
        }
        if (distinct < children.Length)
            Array.Resize(ref children, distinct);   // an input was passed more than once
        return new GatheringFuture<TResult>(loop, children, positions, returnExceptions, collect);
    }
}
