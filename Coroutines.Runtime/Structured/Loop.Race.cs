namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Runs the contestants concurrently; the first to finish decides the outcome (its result, or its exception).
    /// The others are cancelled <b>and awaited</b> before <c>Race</c> returns, so nothing outlives it (unlike
    /// <c>Task.WhenAny</c> or UniTask's <c>WhenAny</c>, which leave the losers running). A contestant that ends
    /// cancelled on its own drops out; if all do, <c>Race</c> throws <see cref="CancelledError"/>. Cancelling the
    /// awaiting task cancels every contestant, awaits them, and rethrows the cancellation.
    /// </summary>
    /// <exception cref="ArgumentException">No contestants were given.</exception>
    public static Coroutine<T> Race<T>(params Coroutine<T>[] contestants)
    {
        ArgumentNullException.ThrowIfNull(contestants);
        if (contestants.Length == 0)
            throw new ArgumentException("Race needs at least one contestant.", nameof(contestants));
        var loop = EventLoop.Current;
        return RaceCore(contestants.Select(c => (Future<T>)loop.CreateTask(c ?? throw new ArgumentException("Race got a null contestant.", nameof(contestants)))).ToArray());
    }

    /// <summary>Races futures (usually tasks); see <see cref="Race{T}(Coroutine{T}[])"/>. The losers are cancelled and awaited.</summary>
    public static Coroutine<T> Race<T>(params Future<T>[] contestants)
    {
        ArgumentNullException.ThrowIfNull(contestants);
        if (contestants.Length == 0)
            throw new ArgumentException("Race needs at least one contestant.", nameof(contestants));
        return RaceCore(contestants.Select(c => c ?? throw new ArgumentException("Race got a null contestant.", nameof(contestants))).ToArray());
    }

    private static async Coroutine<T> RaceCore<T>(Future<T>[] contestants)
    {
        var loop = contestants[0].Loop;
        var decided = loop.CreateFuture<VoidResult>();
        Future<T>? winner = null;
        int remaining = contestants.Length;
        Action<Future<T>> onDone = contestant =>
        {
            remaining--;
            if (winner is null && !contestant.Cancelled)
            {
                winner = contestant;
                decided.TrySetResult(VoidResult.Value);
            }
            else if (remaining == 0)
            {
                decided.TrySetResult(VoidResult.Value);
            }
        };
        foreach (var contestant in contestants)
            contestant.AddDoneCallback(onDone);

        CancelledError? cancellation = null;
        try
        {
            await decided;
        }
        catch (CancelledError error)
        {
            cancellation = error;
        }
        foreach (var contestant in contestants)
        {
            if (!ReferenceEquals(contestant, winner))
                contestant.Cancel();
        }
        await Completion.WaitAllDoneThenRethrowCancellation(loop, contestants);
        foreach (var contestant in contestants)
        {
            if (!ReferenceEquals(contestant, winner) && !contestant.Cancelled)
                contestant.MarkRetrieved();   // a loser that failed while being cancelled lost the race; its error is moot
        }
        if (cancellation is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cancellation);
        if (winner is null)
            throw new CancelledError("Every contestant of the race was cancelled.");
        return winner.Result();
    }
}
