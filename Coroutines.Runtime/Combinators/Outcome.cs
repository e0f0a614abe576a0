namespace Coroutines;

/// <summary>
/// How one awaitable of <see cref="Loop.GatherOutcomes{T}(Future{T}[])"/> ended: a value, an exception, or a
/// <see cref="CancelledError"/> (asyncio's <c>gather(..., return_exceptions=True)</c> puts exceptions in the list;
/// a typed list needs this wrapper).
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public readonly struct Outcome<T>
{
    private readonly T _value;

    internal Outcome(T value, Exception? exception)
    {
        _value = value;
        Exception = exception;
    }

    /// <summary>The exception it ended with (a <see cref="CancelledError"/> if it was cancelled), or null.</summary>
    public Exception? Exception { get; }

    /// <summary>Whether it ended with a value.</summary>
    public bool Succeeded => Exception is null;

    /// <summary>Whether it was cancelled.</summary>
    public bool Cancelled => Exception is CancelledError;

    /// <summary>The value; rethrows the exception if it failed.</summary>
    public T Value => Exception is null ? _value : throw Exception;

    /// <inheritdoc/>
    public override string ToString() => Exception is null ? $"Value({_value})" : $"Exception({Exception.GetType().Name}: {Exception.Message})";

    internal static Outcome<T> Of(Future future) => future switch
    {
        { Cancelled: true } => new Outcome<T>(default!, future.CancelledErrorInstance),
        { ExceptionUnchecked: { } error } => new Outcome<T>(default!, error),
        Future<T> typed => new Outcome<T>(typed.ResultUnchecked, null),
        _ => new Outcome<T>((T)future.ResultObject()!, null),
    };
}
