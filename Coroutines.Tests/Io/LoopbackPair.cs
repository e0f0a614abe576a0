using System.Net;
using System.Net.Sockets;

namespace Coroutines.Tests.Io;

/// <summary>Two connected non-blocking TCP sockets on 127.0.0.1 (a socket pair that works on every platform).</summary>
internal sealed class LoopbackPair : IDisposable
{
    public Socket Left { get; }
    public Socket Right { get; }

    public LoopbackPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        Left = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Left.Connect(listener.LocalEndPoint!);
        Right = listener.Accept();
        Right.NoDelay = true;
        Left.Blocking = false;
        Right.Blocking = false;
    }

    /// <summary>Waits (bounded) until the kernel has <paramref name="count"/> bytes queued for <paramref name="socket"/>.</summary>
    public static void WaitUntilAvailable(Socket socket, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (socket.Available < count)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{count} bytes did not arrive on the loopback socket within 10 s.");
            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
        Left.Dispose();
        Right.Dispose();
    }
}
