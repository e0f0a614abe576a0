using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Coroutines.Native;

/// <summary>
/// Datagram receive and send straight through libc on Linux, where a <see cref="Socket"/>'s handle is its descriptor:
/// a drained socket answers EAGAIN here instead of a thrown <see cref="SocketException"/>, so a transport can receive
/// until the queue is empty without asking the kernel first how much is queued (one <c>ioctl(FIONREAD)</c> per
/// datagram), and a send is one <c>sendto</c> rather than .NET's <c>sendmsg</c> with a one-entry vector.
/// </summary>
internal static unsafe partial class DatagramNative
{
    private const string Libc = "libc";

    /// <summary>Whether this platform's sockets can be used through these calls.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/> and its sender into <paramref name="from"/> (its
    /// <see cref="SocketAddress.Size"/> set to the sender's). Returns the datagram's length, or -1 when none is queued.
    /// </summary>
    /// <exception cref="SocketException">The receive failed (an ICMP error reported on the socket, for example).</exception>
    public static int ReceiveFrom(Socket socket, Span<byte> buffer, SocketAddress from, int fromCapacity)
    {
        int length = fromCapacity;
        nint received;
        fixed (byte* data = buffer)
        fixed (byte* address = from.Buffer.Span)
            received = RecvFrom((int)socket.SafeHandle.DangerousGetHandle(), data, buffer.Length, 0, address, &length);
        if (received < 0)
        {
            ThrowUnlessWouldBlock();
            return -1;
        }
        from.Size = length;
        return (int)received;
    }

    /// <summary>
    /// Sends one datagram, to <paramref name="to"/> or (null) to the connected peer. Returns false when the socket's send
    /// buffer is full.
    /// </summary>
    /// <exception cref="SocketException">The send failed.</exception>
    public static bool SendTo(Socket socket, ReadOnlySpan<byte> data, SocketAddress? to)
    {
        nint sent;
        fixed (byte* bytes = data)
        {
            int fd = (int)socket.SafeHandle.DangerousGetHandle();
            if (to is null)
            {
                sent = SendTo(fd, bytes, data.Length, 0, null, 0);
            }
            else
            {
                fixed (byte* address = to.Buffer.Span)
                    sent = SendTo(fd, bytes, data.Length, 0, address, to.Size);
            }
        }
        if (sent < 0)
        {
            ThrowUnlessWouldBlock();
            return false;
        }
        return true;
    }

    /// <summary>Returns when the last call failed only because nothing could be done without blocking; throws otherwise.</summary>
    internal static void ThrowUnlessWouldBlock()
    {
        int errno = Marshal.GetLastPInvokeError();
        if (errno is PosixNative.EAGAIN or PosixNative.EINTR)
            return;
        // On Unix the parameterless constructor maps the last P/Invoke error (this errno) to its SocketError.
        throw new SocketException();
    }

    [LibraryImport(Libc, EntryPoint = "recvfrom", SetLastError = true)]
    private static partial nint RecvFrom(int fd, byte* buffer, nint length, int flags, byte* address, int* addressLength);

    [LibraryImport(Libc, EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SendTo(int fd, byte* buffer, nint length, int flags, byte* address, int addressLength);
}
