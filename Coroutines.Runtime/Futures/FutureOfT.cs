namespace Coroutines;

/// <summary>
/// A result of type <typeparamref name="T"/> that will be set later, on one loop (asyncio's <c>Future</c>).
/// Awaiting it from a coroutine suspends until it is done, then resumes one loop iteration later.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public class Future<T> : Future
{
    private protected T _result = default!;

    /// <summary>Creates a pending future on <paramref name="loop"/>, or on <see cref="EventLoop.Current"/>.</summary>
    /// <exception cref="InvalidOperationException">No loop was given and there is no current loop.</exception>
    public Future(EventLoop? loop = null) : base(loop ?? EventLoop.Current) { }

    /// <summary>The result. Marks an exception as retrieved.</summary>
    /// <exception cref="InvalidStateException">The future is still pending.</exception>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    [System.Diagnostics.StackTraceHidden]
    public T Result()
    {
        ThrowIfNotSuccessful();
        return _result;
    }

    /// <summary>Finishes the future with <paramref name="result"/> and schedules its callbacks.</summary>
    /// <exception cref="InvalidStateException">The future is already done.</exception>
    public void SetResult(T result)
    {
        ThrowIfExternalCompletionForbidden(nameof(SetResult));
        SetResultCore(result);
    }

    /// <summary>Sets the result unless the future was cancelled (asyncio's <c>_set_result_unless_cancelled</c>).</summary>
    /// <returns><see langword="true"/> if the result was set.</returns>
    public bool TrySetResult(T result)
    {
        if (Done)
            return false;
        SetResultCore(result);
        return true;
    }

    /// <summary>Adds a typed done callback; see <see cref="Future.AddDoneCallback(Action{Future})"/>.</summary>
    public void AddDoneCallback(Action<Future<T>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        base.AddDoneCallback(Unsafe(callback));
    }

    /// <summary>Removes every registration of a typed done callback.</summary>
    public int RemoveDoneCallback(Action<Future<T>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return base.RemoveDoneCallback(Unsafe(callback));
    }

    /// <inheritdoc/>
    [System.Diagnostics.StackTraceHidden]
    public override object? ResultObject() => Result();

    /// <summary>Gets the awaiter that yields the result.</summary>
    public new FutureAwaiter<T> GetAwaiter() => new(this);

    internal void SetResultCore(T result)
    {
        if (_state != FutureState.Pending)
            throw new InvalidStateException($"Cannot set the result: the future is already {_state.ToString().ToLowerInvariant()}.");
        _result = result;
        MarkFinished();
    }

    /// <summary>The result without checks, for awaiters that already know the future succeeded.</summary>
    internal T ResultUnchecked => _result;

    private protected override string DescribeResult() => _result?.ToString() ?? "null";

    // Both delegate types take one reference-type argument, which is this future, so the loop can call
    // either through Action<object?>; reinterpreting keeps the delegate's identity for RemoveDoneCallback.
    private static Action<Future> Unsafe(Action<Future<T>> callback) =>
        System.Runtime.CompilerServices.Unsafe.As<Action<Future>>(callback);
}
