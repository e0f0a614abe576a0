namespace Coroutines.IO;

/// <summary>What a watch waits for: the socket or file descriptor becoming readable, writable, or both.</summary>
[Flags]
internal enum IoInterest : byte
{
    /// <summary>Nothing: the watch stays registered with the loop but reports nothing.</summary>
    None = 0,

    /// <summary>Readable (data, end of stream, a pending connection on a listening socket, an error).</summary>
    Read = 1,

    /// <summary>Writable (room in the send buffer, a finished non-blocking connect, an error).</summary>
    Write = 2,
}
