namespace Coroutines;

/// <summary>The receiving side of a transport (asyncio's <c>ReadTransport</c>).</summary>
public interface IReadTransport : IBaseTransport
{
    /// <summary>Whether the transport is receiving: false while paused and once closing.</summary>
    bool IsReading { get; }

    /// <summary>
    /// Stops delivering data to the protocol until <see cref="ResumeReading"/>; data stays in the kernel's
    /// buffers meanwhile, which pushes back on the peer. Idempotent.
    /// </summary>
    void PauseReading();

    /// <summary>Resumes delivering data after <see cref="PauseReading"/>. Idempotent.</summary>
    void ResumeReading();
}
