using System.Net.Sockets;

namespace Coroutines.Transports;

/// <summary>The socket files of Unix domain servers.</summary>
internal static class UnixSocketFiles
{
    /// <summary>
    /// Removes the socket file a dead server left at <paramref name="path"/>, so a restarted server can bind (asyncio
    /// removes an existing socket file too). Only an empty entry that refuses connections goes: a socket file nobody
    /// listens on. A live server's socket, or a file with content, stays, and the bind then fails with "address in use".
    /// </summary>
    public static void RemoveIfStale(string path)
    {
        var entry = new FileInfo(path);
        if (!entry.Exists || entry.Length != 0)
            return;
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            File.Delete(path);
        }
        catch (SocketException)
        {
            // Busy (a full backlog) or not ours to judge: leave it, the bind reports what is wrong.
        }
    }
}
