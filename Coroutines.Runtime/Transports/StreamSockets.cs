using System.Net;
using System.Net.Sockets;

namespace Coroutines.Transports;

/// <summary>
/// What the loop's connection and server methods share about stream sockets: argument checks with asyncio's
/// messages, exact socket options, and the errors they report.
/// </summary>
internal static class StreamSockets
{
    /// <summary>Throws unless <paramref name="socket"/> is a stream socket (asyncio: "A Stream Socket was expected").</summary>
    public static void RequireStream(Socket socket, string paramName, AddressFamily? family = null)
    {
        if (socket.SocketType != SocketType.Stream)
            throw new ArgumentException($"A stream socket was expected, got a {socket.SocketType} socket.", paramName);
        if (family is AddressFamily expected && socket.AddressFamily != expected)
            throw new ArgumentException($"A {expected} socket was expected, got a {socket.AddressFamily} socket.", paramName);
    }

    /// <summary>Throws unless <paramref name="port"/> is a TCP port number.</summary>
    public static void RequirePort(int port, string paramName)
    {
        if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
            throw new ArgumentOutOfRangeException(paramName, port, $"A port is between {IPEndPoint.MinPort} and {IPEndPoint.MaxPort}.");
    }

    /// <summary>Throws unless <paramref name="seconds"/> is null or a positive number of seconds.</summary>
    public static void RequireTimeout(double? seconds, string paramName)
    {
        if (seconds is double value && !(value > 0))
            throw new ArgumentOutOfRangeException(paramName, value, "A timeout is a positive number of seconds (or null for none).");
    }

    /// <summary>
    /// Sets <c>SO_REUSEADDR</c> alone. (.NET's <see cref="SocketOptionName.ReuseAddress"/> also sets <c>SO_REUSEPORT</c> on
    /// Unix, which would let a second server bind a port in use instead of failing.)
    /// </summary>
    public static void SetReuseAddress(Socket socket)
    {
        if (OperatingSystem.IsWindows())
            return;   // Windows' SO_REUSEADDR means port stealing; asyncio does not set it there either
        SetRawFlag(socket, OperatingSystem.IsLinux() ? 2 : 0x4);
    }

    /// <summary>Sets <c>SO_REUSEPORT</c>, so several sockets (one loop per thread) can listen on one port.</summary>
    /// <exception cref="PlatformNotSupportedException">The platform has no <c>SO_REUSEPORT</c> (Windows).</exception>
    public static void SetReusePort(Socket socket)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
            throw new PlatformNotSupportedException("reusePort is not supported on this platform (it has no SO_REUSEPORT).");
        SetRawFlag(socket, OperatingSystem.IsLinux() ? 15 : 0x200);
    }

    private static void SetRawFlag(Socket socket, int optionName)
    {
        int level = OperatingSystem.IsLinux() ? 1 : 0xffff;   // SOL_SOCKET
        Span<byte> one = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(one, 1);
        socket.SetRawSocketOption(level, optionName, one);
    }

    /// <summary>A failed connect to <paramref name="endPoint"/>, with the address in the message (asyncio's wording).</summary>
    public static SocketException ConnectFailed(SocketException error, EndPoint endPoint) =>
        new((int)error.SocketErrorCode, $"Connect call failed {endPoint}: {error.Message}");

    /// <summary>A failed bind to <paramref name="endPoint"/>, with the address in the message (asyncio's wording).</summary>
    public static SocketException BindFailed(SocketException error, EndPoint endPoint) =>
        new((int)error.SocketErrorCode, $"error while attempting to bind on address {endPoint}: {error.Message}");

    /// <summary>
    /// One exception for every address that failed (asyncio's rule): the error itself when there is one or they all
    /// read the same, otherwise a <see cref="SocketException"/> "Multiple exceptions: e1, e2" with the first one's code;
    /// with <paramref name="allErrors"/>, an <see cref="AggregateException"/> of all of them.
    /// </summary>
    public static Exception Combine(List<SocketException> errors, bool allErrors)
    {
        if (allErrors)
            return new AggregateException("CreateConnection failed", errors);
        var first = errors[0];
        if (errors.TrueForAll(e => e.Message == first.Message))
            return first;
        return new SocketException((int)first.SocketErrorCode, "Multiple exceptions: " + string.Join(", ", errors.Select(e => e.Message)));
    }
}
