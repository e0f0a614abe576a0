namespace Coroutines;

/// <summary>
/// What the loop's exception handler receives (asyncio's context dict): a message and, depending on the
/// event, the exception, the future or task, and the callback involved.
/// </summary>
/// <param name="Message">What happened, e.g. "Exception in callback".</param>
public sealed record ExceptionContext(string Message)
{
    /// <summary>The exception, if one caused the report.</summary>
    public Exception? Exception { get; init; }

    /// <summary>The future concerned (asyncio's <c>future</c> key).</summary>
    public Future? Future { get; init; }

    /// <summary>The task concerned (asyncio's <c>task</c> key).</summary>
    public ICoroutineTask? Task { get; init; }

    /// <summary>A description of the callback concerned (asyncio's <c>handle</c> key).</summary>
    public string? Callback { get; init; }

    /// <summary>Further entries (for example <c>transport</c> and <c>protocol</c>).</summary>
    public IReadOnlyDictionary<string, object?> Extra { get; init; } = EmptyExtra;

    private static readonly IReadOnlyDictionary<string, object?> EmptyExtra = new Dictionary<string, object?>();

    /// <summary>The report as the default handler writes it: the message, then one sorted <c>key: value</c> line per entry.</summary>
    public string Format()
    {
        var lines = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Callback is not null) lines["handle"] = Callback;
        if (Future is not null) lines["future"] = Future.ToString();
        if (Task is not null) lines["task"] = Task.ToString() ?? "";
        foreach (var (key, value) in Extra) lines[key] = value?.ToString() ?? "null";
        var text = new System.Text.StringBuilder(Message);
        foreach (var (key, value) in lines)
            text.Append('\n').Append(key).Append(": ").Append(value);
        if (Exception is not null)
            text.Append('\n').Append(Exception);
        return text.ToString();
    }
}
