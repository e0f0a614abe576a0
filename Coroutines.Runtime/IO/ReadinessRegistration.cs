namespace Coroutines.IO;

/// <summary>
/// The reader and writer callbacks of one descriptor (asyncio's <c>add_reader</c>/<c>add_writer</c>), sharing one
/// <see cref="IoWatch"/> whose interest follows which of the two are set.
/// </summary>
internal sealed class ReadinessRegistration(EventLoop loop) : IIoReadyHandler
{
    public IoWatch Watch = null!;
    public ReadinessCallback Reader;
    public ReadinessCallback Writer;

    public void OnIoReady(IoInterest ready)
    {
        // Each callback is read when its turn comes: the reader may remove or replace the writer, or close the watch.
        if ((ready & IoInterest.Read) != 0 && Reader.Callback is { } reader)
            loop.RunCallback(reader, Reader.State, Reader.Kind);
        if ((ready & IoInterest.Write) != 0 && !Watch.IsClosed && Writer.Callback is { } writer)
            loop.RunCallback(writer, Writer.State, Writer.Kind);
    }

    /// <summary>Updates the watch's interest after a change of callbacks; closes it when neither is left.</summary>
    public void Refresh()
    {
        var interest = (Reader.Callback is null ? IoInterest.None : IoInterest.Read)
            | (Writer.Callback is null ? IoInterest.None : IoInterest.Write);
        if (interest == IoInterest.None)
            Watch.Close();
        else
            Watch.SetInterest(interest);
    }

    public override string ToString() => $"<Readiness reader={Reader} writer={Writer}>";
}

/// <summary>A callback with its state, in the loop's work-item form.</summary>
internal struct ReadinessCallback
{
    public object? Callback;
    public object? State;
    public WorkKind Kind;

    public ReadinessCallback(object callback, object? state, WorkKind kind)
    {
        Callback = callback;
        State = state;
        Kind = kind;
    }

    public override readonly string ToString() => Callback is Delegate d ? $"{d.Method.DeclaringType?.Name}.{d.Method.Name}" : Callback?.ToString() ?? "none";
}
