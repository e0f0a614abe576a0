using Microsoft.Extensions.Logging;

namespace Coroutines.Tests.Runtime;

/// <summary>An <see cref="ILogger"/> that keeps every entry, so tests can assert what the loop logged.</summary>
public sealed class ListLogger : ILogger
{
    /// <summary>When set, <see cref="Log{TState}"/> throws it (to test a broken default handler).</summary>
    public Exception? FailWith { get; set; }

    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (FailWith is { } failure)
            throw failure;
        Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
