namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Runs <paramref name="body"/> under asyncio's <c>timeout(delay)</c>: after <paramref name="seconds"/> the task is
    /// cancelled, and the cancellation leaves as <see cref="TimeoutException"/>. Null never expires. The body gets the
    /// <see cref="TimeoutScope"/> to <see cref="TimeoutScope.Reschedule"/> it or ask whether it <see cref="TimeoutScope.Expired"/>.
    /// </summary>
    /// <exception cref="TimeoutException">The deadline passed while the body was suspended.</exception>
    /// <exception cref="InvalidOperationException">Not awaited from a coroutine running in a task.</exception>
    public static Coroutine Timeout(double? seconds, Func<TimeoutScope, Coroutine> body) =>
        TimeoutAt(DeadlineAfter(seconds), body);

    /// <summary>Like <see cref="Timeout(double?, Func{TimeoutScope, Coroutine})"/>, for a body with a result.</summary>
    public static Coroutine<T> Timeout<T>(double? seconds, Func<TimeoutScope, Coroutine<T>> body) =>
        TimeoutAt(DeadlineAfter(seconds), body);

    /// <summary>Like <see cref="Timeout(double?, Func{TimeoutScope, Coroutine})"/> with the delay as a <see cref="TimeSpan"/>.</summary>
    public static Coroutine Timeout(TimeSpan delay, Func<TimeoutScope, Coroutine> body) => Timeout(delay.TotalSeconds, body);

    /// <summary>Like <see cref="Timeout{T}(double?, Func{TimeoutScope, Coroutine{T}})"/> with the delay as a <see cref="TimeSpan"/>.</summary>
    public static Coroutine<T> Timeout<T>(TimeSpan delay, Func<TimeoutScope, Coroutine<T>> body) => Timeout(delay.TotalSeconds, body);

    /// <summary>asyncio's <c>timeout_at(when)</c>: like <see cref="Timeout(double?, Func{TimeoutScope, Coroutine})"/> with an absolute loop time.</summary>
    public static Coroutine TimeoutAt(double? when, Func<TimeoutScope, Coroutine> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new TimeoutScope(EventLoop.Current, when).RunAsync(scope => Scoped.AsVoidResult(body(scope)));
    }

    /// <summary>asyncio's <c>timeout_at(when)</c> for a body with a result.</summary>
    public static Coroutine<T> TimeoutAt<T>(double? when, Func<TimeoutScope, Coroutine<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new TimeoutScope(EventLoop.Current, when).RunAsync(body);
    }

    private static double? DeadlineAfter(double? seconds) =>
        seconds is double delay ? EventLoop.Current.Time() + CheckDelay(delay, nameof(seconds)) : null;
}
