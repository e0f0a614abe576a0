namespace Coroutines.IO;

/// <summary>
/// Receives readiness on the loop thread, from the loop's I/O pass. Errors and hang-ups are reported as
/// <see cref="IoInterest.Read"/> | <see cref="IoInterest.Write"/> (as epoll's <c>EPOLLERR</c>/<c>EPOLLHUP</c>), restricted
/// to the watch's interest, so the handler's own receive or send observes the error.
/// </summary>
internal interface IIoReadyHandler
{
    /// <summary>
    /// The watched socket or descriptor is ready for <paramref name="ready"/> (never <see cref="IoInterest.None"/>, always
    /// within the watch's interest). An exception thrown here goes to the loop's exception handler.
    /// </summary>
    void OnIoReady(IoInterest ready);
}
