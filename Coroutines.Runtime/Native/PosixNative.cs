using System.Runtime.InteropServices;

namespace Coroutines.Native;

/// <summary>
/// The libc calls behind pipes and child processes (Linux; errno through <see cref="Marshal.GetLastPInvokeError"/>).
/// Constants are Linux's, which are the same on x86-64 and arm64.
/// </summary>
internal static unsafe partial class PosixNative
{
    private const string Libc = "libc";

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int ECHILD = 10;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EINVAL = 22;
    public const int EPIPE = 32;
    public const int ENOSYS = 38;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    public const int F_GETFD = 1;
    public const int F_SETFD = 2;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int FD_CLOEXEC = 1;

    public const int WNOHANG = 1;

    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;

    /// <summary>Generous sizes for libc's opaque spawn structures (glibc: 80 and 336 bytes; musl: smaller).</summary>
    public const int SpawnFileActionsSize = 256;
    public const int SpawnAttrSize = 1024;
    public const int SigSetSize = 128;

    private const int SYS_pidfd_open = 434;   // the same number on every Linux architecture (unified syscall table)
    private const int AT_FDCWD = -100;
    private const uint STATX_TYPE = 1;
    private const int StatxModeOffset = 0x1C;
    private const int AT_EMPTY_PATH = 0x1000;
    public const ushort S_IFMT = 0xF000;
    public const ushort S_IFIFO = 0x1000;
    public const ushort S_IFCHR = 0x2000;
    public const ushort S_IFSOCK = 0xC000;

    [LibraryImport(Libc, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Libc, EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport(Libc, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Libc, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, int* status, int options);

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint argument1, nint argument2);

    [LibraryImport(Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Libc, EntryPoint = "posix_spawn", SetLastError = false)]
    public static partial int PosixSpawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(Libc, EntryPoint = "posix_spawnp", SetLastError = false)]
    public static partial int PosixSpawnP(int* pid, byte* file, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(void* fileActions);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(void* fileActions);

    [LibraryImport(Libc, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsAddDup2(void* fileActions, int fd, int newFd);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_init")]
    public static partial int AttrInit(void* attributes);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_destroy")]
    public static partial int AttrDestroy(void* attributes);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int AttrSetFlags(void* attributes, short flags);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int AttrSetSigMask(void* attributes, void* signals);

    [LibraryImport(Libc, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int AttrSetSigDefault(void* attributes, void* signals);

    [LibraryImport(Libc, EntryPoint = "sigemptyset")]
    public static partial int SigEmptySet(void* signals);

    [LibraryImport(Libc, EntryPoint = "sigfillset")]
    public static partial int SigFillSet(void* signals);

    /// <summary>
    /// <c>posix_spawn_file_actions_addchdir_np</c> (glibc 2.29+, musl 1.1.24+), or null where libc lacks it: the child's
    /// working directory cannot be set without forking, so a <c>cwd</c> is refused there.
    /// </summary>
    public static readonly delegate* unmanaged<void*, byte*, int> FileActionsAddChdir = LookUp("posix_spawn_file_actions_addchdir_np");

    /// <summary><c>pidfd_open(pid, 0)</c>: a descriptor that turns readable when the process exits (Linux 5.3+); −1 and errno otherwise.</summary>
    public static int PidfdOpen(int pid) => (int)Syscall(SYS_pidfd_open, pid, 0);

    /// <summary>Sets or clears <c>O_NONBLOCK</c>.</summary>
    public static int SetNonBlocking(int fd, bool nonBlocking)
    {
        int flags = Fcntl(fd, F_GETFL, 0);
        if (flags < 0)
            return flags;
        int wanted = nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        return wanted == flags ? 0 : Fcntl(fd, F_SETFL, wanted);
    }

    /// <summary>Whether <paramref name="path"/> names a socket file (follows symbolic links, as asyncio's <c>os.stat</c>); false when it does not exist or is something else.</summary>
    public static bool IsSocketFile(string path)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        byte* buffer = stackalloc byte[256];
        if (Statx(AT_FDCWD, path, 0, STATX_TYPE, buffer) != 0)
            return false;
        ushort mode = *(ushort*)(buffer + StatxModeOffset);
        return (mode & S_IFMT) == S_IFSOCK;
    }

    /// <summary>The file type bits (<c>S_IFMT</c>) of an open descriptor; −1 with errno when it is not open.</summary>
    public static int FileType(int fd)
    {
        byte* buffer = stackalloc byte[256];
        if (Statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, buffer) != 0)
            return -1;
        return *(ushort*)(buffer + StatxModeOffset) & S_IFMT;
    }

    /// <summary>The exit status of <c>waitpid</c> as asyncio reports it: the exit code, or minus the signal that ended the process.</summary>
    public static int DecodeWaitStatus(int status)
    {
        int signal = status & 0x7F;
        return signal == 0 ? (status >> 8) & 0xFF : -signal;
    }

    private static delegate* unmanaged<void*, byte*, int> LookUp(string name)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
            return null;
        if (!NativeLibrary.TryLoad(Libc, typeof(PosixNative).Assembly, null, out var library)
            && !NativeLibrary.TryLoad("libc.so.6", out library))
            return null;
        return NativeLibrary.TryGetExport(library, name, out var address) ? (delegate* unmanaged<void*, byte*, int>)address : null;
    }
}
