using Microsoft.Win32.SafeHandles;

namespace Coroutines.IO.Epoll;

/// <summary>Owns a Linux file descriptor the selector created (the epoll instance, the eventfd), so a loop that is never closed does not leak it.</summary>
internal sealed class FileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    public FileDescriptorHandle(int fd) : base(ownsHandle: true) => SetHandle(fd);

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => LinuxNative.Close((int)handle) == 0;
}
