namespace Coroutines;

/// <summary>
/// The callbacks every protocol receives (asyncio's <c>BaseProtocol</c>). A transport calls them on the loop's
/// thread: <see cref="ConnectionMade"/> first, <see cref="ConnectionLost"/> exactly once and last, and nothing
/// after it. An exception thrown by a callback goes to the loop's exception handler and closes the transport.
/// </summary>
public abstract class BaseProtocol
{
    /// <summary>
    /// The connection is up; <paramref name="transport"/> is the transport to write to (cast it to the kind the
    /// protocol expects: <see cref="ITransport"/> for streams, <see cref="IDatagramTransport"/>,
    /// <see cref="ISubprocessTransport"/>, or a pipe's <see cref="IReadTransport"/>/<see cref="IWriteTransport"/>).
    /// </summary>
    public virtual void ConnectionMade(IBaseTransport transport)
    {
    }

    /// <summary>
    /// The connection is gone: <paramref name="exception"/> is null after a close, an abort or an end of stream,
    /// and the error otherwise. The last callback the protocol receives.
    /// </summary>
    public virtual void ConnectionLost(Exception? exception)
    {
    }

    /// <summary>
    /// The transport's buffer rose above its high-water mark: stop writing until <see cref="ResumeWriting"/>.
    /// Called from inside the <c>Write</c> that crossed the mark.
    /// </summary>
    public virtual void PauseWriting()
    {
    }

    /// <summary>The transport's buffer fell to its low-water mark: writing may go on.</summary>
    public virtual void ResumeWriting()
    {
    }
}
