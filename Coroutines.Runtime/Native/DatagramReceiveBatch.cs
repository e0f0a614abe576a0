using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Coroutines.Native;

/// <summary>
/// Receives up to <see cref="Capacity"/> queued UDP datagrams with one <c>recvmmsg</c> on 64-bit Linux, into preallocated
/// pinned slots: each datagram has its own 64 KiB payload slot (a UDP payload is at most 65,527 bytes, so none is cut)
/// and its own sender address, so nothing is allocated per datagram. The slots are reserved, not touched: the kernel
/// backs only the pages a datagram is written to, so small datagrams cost a page per slot, not 64 KiB.
/// </summary>
/// <remarks>
/// One instance per loop serves all its UDP transports: a batch is delivered on the loop thread before the next
/// receive starts, and no receive can start inside a protocol callback.
/// </remarks>
internal sealed unsafe partial class DatagramReceiveBatch
{
    /// <summary>The most datagrams one receive takes.</summary>
    public const int Capacity = 32;

    /// <summary>The payload slot of each datagram: larger than any UDP payload over IPv4 or IPv6.</summary>
    public const int SlotSize = 64 * 1024;

    /// <summary><c>sizeof(struct sockaddr_in6)</c>, the largest address a UDP socket reports.</summary>
    private const int AddressSlotSize = 28;

    private const int MSG_TRUNC = 0x20;
    private const int MSG_DONTWAIT = 0x40;

    private readonly byte[] _payloads = GC.AllocateUninitializedArray<byte>(Capacity * SlotSize, pinned: true);
    private readonly byte[] _addresses = GC.AllocateUninitializedArray<byte>(Capacity * AddressSlotSize, pinned: true);
    private readonly IoVector[] _vectors = GC.AllocateArray<IoVector>(Capacity, pinned: true);
    private readonly MessageHeader[] _headers = GC.AllocateArray<MessageHeader>(Capacity, pinned: true);
    private int _received;

    /// <summary>Whether this platform can receive in batches (the message header layout is LP64 Linux's).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    public DatagramReceiveBatch()
    {
        byte* payloads = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_payloads));
        byte* addresses = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_addresses));
        IoVector* vectors = (IoVector*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_vectors));
        for (int i = 0; i < Capacity; i++)
        {
            vectors[i] = new IoVector { Base = payloads + (nint)i * SlotSize, Length = SlotSize };
            _headers[i] = new MessageHeader
            {
                Name = addresses + i * AddressSlotSize,
                NameLength = AddressSlotSize,
                Vectors = vectors + i,
                VectorCount = 1,
            };
        }
    }

    /// <summary>
    /// Takes what is queued on <paramref name="socket"/>, at most <see cref="Capacity"/> datagrams. Returns how many, or
    /// -1 when none is queued. An error met after the first datagram stays on the socket for the next receive (the
    /// kernel puts it back), so errors keep their place among the datagrams.
    /// </summary>
    /// <exception cref="SocketException">The receive failed (an ICMP error reported on the socket, for example).</exception>
    public int Receive(Socket socket)
    {
        var headers = _headers;
        for (int i = 0; i < _received; i++)
            headers[i].NameLength = AddressSlotSize;   // the kernel wrote each sender's length there
        _received = 0;
        int count;
        fixed (MessageHeader* first = headers)
            count = RecvMmsg((int)socket.SafeHandle.DangerousGetHandle(), first, Capacity, MSG_DONTWAIT, null);
        if (count < 0)
        {
            DatagramNative.ThrowUnlessWouldBlock();
            return -1;
        }
        _received = count;
        return count;
    }

    /// <summary>The payload of datagram <paramref name="index"/> of the last receive.</summary>
    public ReadOnlySpan<byte> Payload(int index) => new(_payloads, index * SlotSize, (int)_headers[index].Length);

    /// <summary>The raw sender address (a <c>sockaddr</c>) of datagram <paramref name="index"/> of the last receive.</summary>
    public ReadOnlySpan<byte> Sender(int index) => new(_addresses, index * AddressSlotSize, (int)_headers[index].NameLength);

    /// <summary>Whether datagram <paramref name="index"/> was longer than its slot and lost its tail.</summary>
    public bool IsTruncated(int index) => (_headers[index].Flags & MSG_TRUNC) != 0;

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int RecvMmsg(int fd, MessageHeader* messages, uint count, int flags, void* timeout);

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary><c>struct mmsghdr</c> on LP64 Linux: a <c>struct msghdr</c> (56 bytes) and the received length.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct MessageHeader
    {
        [FieldOffset(0)] public byte* Name;
        [FieldOffset(8)] public uint NameLength;
        [FieldOffset(16)] public IoVector* Vectors;
        [FieldOffset(24)] public nuint VectorCount;
        [FieldOffset(32)] public void* Control;
        [FieldOffset(40)] public nuint ControlLength;
        [FieldOffset(48)] public int Flags;
        [FieldOffset(56)] public uint Length;
    }
}
