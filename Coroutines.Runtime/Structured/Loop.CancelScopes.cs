namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Runs <paramref name="body"/> in a level-triggered <see cref="CancelScope"/> that cancels itself after
    /// <paramref name="seconds"/>; when the deadline cancels the body, it stops quietly (Trio's <c>move_on_after</c>).
    /// </summary>
    /// <returns>The scope: <see cref="CancelScope.CancelledCaught"/> tells whether the body was cut short.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="seconds"/> is NaN.</exception>
    public static Coroutine<CancelScope> MoveOnAfter(double seconds, Func<CancelScope, Coroutine> body) =>
        MoveOnAt(DeadlineAfter(seconds, nameof(seconds)), body);

    /// <summary>Like <see cref="MoveOnAfter(double, Func{CancelScope, Coroutine})"/> with the delay as a <see cref="TimeSpan"/>.</summary>
    public static Coroutine<CancelScope> MoveOnAfter(TimeSpan delay, Func<CancelScope, Coroutine> body) => MoveOnAfter(delay.TotalSeconds, body);

    /// <summary>Like <see cref="FailAfter(double, Func{CancelScope, Coroutine})"/> with the delay as a <see cref="TimeSpan"/>.</summary>
    public static Coroutine FailAfter(TimeSpan delay, Func<CancelScope, Coroutine> body) => FailAfter(delay.TotalSeconds, body);

    /// <summary>Like <see cref="FailAfter{T}(double, Func{CancelScope, Coroutine{T}})"/> with the delay as a <see cref="TimeSpan"/>.</summary>
    public static Coroutine<T> FailAfter<T>(TimeSpan delay, Func<CancelScope, Coroutine<T>> body) => FailAfter(delay.TotalSeconds, body);

    /// <summary>Like <see cref="MoveOnAfter(double, Func{CancelScope, Coroutine})"/> with an absolute loop-time deadline.</summary>
    public static Coroutine<CancelScope> MoveOnAt(double deadline, Func<CancelScope, Coroutine> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunScope(new CancelScope(EventLoop.Current, deadline, shield: false), body);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a level-triggered <see cref="CancelScope"/> that cancels itself after
    /// <paramref name="seconds"/>; when the deadline cancels the body, <see cref="TimeoutException"/> is thrown
    /// (Trio's <c>fail_after</c>).
    /// </summary>
    /// <exception cref="TimeoutException">The deadline cancelled the body.</exception>
    public static Coroutine FailAfter(double seconds, Func<CancelScope, Coroutine> body) =>
        FailAt(DeadlineAfter(seconds, nameof(seconds)), body);

    /// <summary>Like <see cref="FailAfter(double, Func{CancelScope, Coroutine})"/>, for a body with a result.</summary>
    public static Coroutine<T> FailAfter<T>(double seconds, Func<CancelScope, Coroutine<T>> body) =>
        FailAt(DeadlineAfter(seconds, nameof(seconds)), body);

    /// <summary>Like <see cref="FailAfter(double, Func{CancelScope, Coroutine})"/> with an absolute loop-time deadline.</summary>
    public static Coroutine FailAt(double deadline, Func<CancelScope, Coroutine> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new CancelScope(EventLoop.Current, deadline, shield: false).RunAsync(scope => Scoped.AsVoidResult(body(scope)), failOnCancel: true, default);
    }

    /// <summary>Like <see cref="FailAfter{T}(double, Func{CancelScope, Coroutine{T}})"/> with an absolute loop-time deadline.</summary>
    public static Coroutine<T> FailAt<T>(double deadline, Func<CancelScope, Coroutine<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new CancelScope(EventLoop.Current, deadline, shield: false).RunAsync(body, failOnCancel: true, default!);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a <see cref="CancelScope"/> with no deadline: the body can cancel it with
    /// <see cref="CancelScope.Cancel"/>, and <paramref name="shield"/> protects it from enclosing scopes.
    /// </summary>
    public static Coroutine<CancelScope> OpenCancelScope(Func<CancelScope, Coroutine> body, bool shield = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunScope(new CancelScope(EventLoop.Current, double.PositiveInfinity, shield), body);
    }

    private static async Coroutine<CancelScope> RunScope(CancelScope scope, Func<CancelScope, Coroutine> body)
    {
        await scope.RunAsync(s => Scoped.AsVoidResult(body(s)), failOnCancel: false, default);
        return scope;
    }

    private static double DeadlineAfter(double seconds, string name) =>
        EventLoop.Current.Time() + CheckDelay(seconds, name);
}

/// <summary>Adapters shared by the scope-shaped APIs.</summary>
internal static class Scoped
{
    /// <summary>Awaits a coroutine without a result as one that returns <see cref="VoidResult"/>.</summary>
    public static async Coroutine<VoidResult> AsVoidResult(Coroutine body)
    {
        await body;
        return VoidResult.Value;
    }
}
