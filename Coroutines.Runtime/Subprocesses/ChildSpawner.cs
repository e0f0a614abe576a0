using System.ComponentModel;
using System.Runtime.InteropServices;
using Coroutines.Native;

namespace Coroutines.Subprocesses;

/// <summary>
/// Starts a child with <c>posix_spawn</c> (glibc and musl use <c>clone(CLONE_VM | CLONE_VFORK)</c>, so the .NET heap is
/// never copied): the child's stdin, stdout and stderr are set up by spawn file actions (<c>dup2</c> onto 0, 1 and 2),
/// every other descriptor of this process is close-on-exec (.NET opens everything with <c>O_CLOEXEC</c>, and so does this
/// class), and the signal mask and dispositions are reset to the defaults (the runtime ignores <c>SIGPIPE</c>, which a
/// child must not inherit).
/// </summary>
internal static unsafe class ChildSpawner
{
    private const int F_DUPFD_CLOEXEC = 1030;

    /// <summary>
    /// Spawns <paramref name="program"/>; returns its pid and the parent's ends of the pipes that were asked for
    /// (non-blocking, close-on-exec; −1 for streams that are not pipes). Nothing is left open when it throws.
    /// </summary>
    /// <exception cref="FileNotFoundException">The program does not exist (or is not found on <c>PATH</c>).</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="cwd"/> does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The program is not executable.</exception>
    /// <exception cref="Win32Exception">Any other spawn failure, with its errno.</exception>
    public static SpawnedChild Spawn(
        string program, IReadOnlyList<string> args, SubprocessStdio stdin, SubprocessStdio stdout, SubprocessStdio stderr,
        IReadOnlyDictionary<string, string>? env, string? cwd)
    {
        if (cwd is not null)
        {
            if (FileActionsAddChdirUnavailable)
                throw new PlatformNotSupportedException(
                    "Setting the child's working directory needs posix_spawn_file_actions_addchdir_np (glibc 2.29+ or musl 1.1.24+), which this libc lacks.");
            if (!Directory.Exists(cwd))
                throw new DirectoryNotFoundException($"The working directory '{cwd}' does not exist.");
        }
        string path = ResolveProgram(program, env);

        // Parent ends [0..2] and child ends [3..5]; everything opened here is closed on every way out.
        Span<int> fds = stackalloc int[6];
        fds.Fill(-1);
        byte* actions = stackalloc byte[PosixNative.SpawnFileActionsSize];
        byte* attributes = stackalloc byte[PosixNative.SpawnAttrSize];
        byte* strings = null;
        object? environmentOwner = null;
        bool actionsReady = false, attributesReady = false, spawned = false;
        try
        {
            Check(PosixNative.FileActionsInit(actions), "posix_spawn_file_actions_init");
            actionsReady = true;
            Check(PosixNative.AttrInit(attributes), "posix_spawnattr_init");
            attributesReady = true;
            SetDefaultSignals(attributes);

            PrepareStream(stdin, 0, fds, childReads: true);
            PrepareStream(stdout, 1, fds, childReads: false);
            if (stderr.Kind != SubprocessStdioKind.Stdout)
                PrepareStream(stderr, 2, fds, childReads: false);
            for (int target = 0; target < 3; target++)
            {
                int source = fds[3 + target];
                if (source >= 0)
                    Check(PosixNative.FileActionsAddDup2(actions, source, target), "posix_spawn_file_actions_adddup2");
            }
            if (stderr.Kind == SubprocessStdioKind.Stdout)   // after stdout's dup2: fd 1 already is the child's stdout
                Check(PosixNative.FileActionsAddDup2(actions, 1, 2), "posix_spawn_file_actions_adddup2");

            strings = MarshalStrings(path, program, args, env, cwd, out var pathBytes, out var argv, out var givenEnvp, out var cwdBytes);
            byte** envp = givenEnvp != null ? givenEnvp : InheritedEnvironment.Current(out environmentOwner);
            if (cwdBytes is not null)
                Check(PosixNative.FileActionsAddChdir(actions, cwdBytes), "posix_spawn_file_actions_addchdir_np");

            int pid;
            int error = PosixNative.PosixSpawn(&pid, pathBytes, actions, attributes, argv, envp);
            if (error != 0)
                throw SpawnError(error, program, path, cwd);
            spawned = true;
            return new SpawnedChild(pid, fds[0], fds[1], fds[2]);
        }
        finally
        {
            for (int i = 3; i < 6; i++)
                CloseIfOpen(fds[i]);
            if (!spawned)
            {
                for (int i = 0; i < 3; i++)
                    CloseIfOpen(fds[i]);
            }
            if (actionsReady)
                PosixNative.FileActionsDestroy(actions);
            if (attributesReady)
                PosixNative.AttrDestroy(attributes);
            NativeMemory.Free(strings);
            GC.KeepAlive(environmentOwner);
            GC.KeepAlive(stdin.Handle);
            GC.KeepAlive(stdout.Handle);
            GC.KeepAlive(stderr.Handle);
        }
    }

    private static bool FileActionsAddChdirUnavailable => PosixNative.FileActionsAddChdir == null;

    /// <summary>
    /// Finds the executable as <c>execvp</c> would, but on the child's <c>PATH</c> (from <paramref name="env"/> when given):
    /// a name with a slash is used as it is (whether it exists, <c>posix_spawn</c>'s ENOENT tells, without a <c>stat</c> first).
    /// </summary>
    private static string ResolveProgram(string program, IReadOnlyDictionary<string, string>? env)
    {
        if (program.Contains('/'))
            return program;
        string? searchPath = env is not null ? (env.TryGetValue("PATH", out var p) ? p : null) : Environment.GetEnvironmentVariable("PATH");
        searchPath ??= "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in searchPath.Split(':'))
        {
            var candidate = Path.Combine(directory.Length == 0 ? "." : directory, program);
            if (!OperatingSystem.IsWindows() && File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                return candidate;
        }
        throw new FileNotFoundException($"The program '{program}' was not found on PATH ({searchPath}).", program);
    }

    /// <summary>Decides the child's end of one stream: a new pipe, the null device, or a dup of the given descriptor.</summary>
    private static void PrepareStream(SubprocessStdio stdio, int target, Span<int> fds, bool childReads)
    {
        switch (stdio.Kind)
        {
            case SubprocessStdioKind.Pipe:
                int* ends = stackalloc int[2];
                if (PosixNative.Pipe2(ends, PosixNative.O_CLOEXEC) != 0)
                    throw LastError("pipe2");
                // Recorded at once so a failure below still closes both ends.
                fds[target] = childReads ? ends[1] : ends[0];
                fds[3 + target] = childReads ? ends[0] : ends[1];
                // A new pipe end has no status flags but its access mode, which F_SETFL ignores: no F_GETFL first.
                if (PosixNative.Fcntl(fds[target], PosixNative.F_SETFL, PosixNative.O_NONBLOCK) != 0)
                    throw LastError("fcntl(O_NONBLOCK)");
                if (fds[3 + target] < 3)
                    fds[3 + target] = Redup(fds[3 + target]);
                break;
            case SubprocessStdioKind.DevNull:
                fds[3 + target] = PosixNative.Open("/dev/null", (childReads ? PosixNative.O_RDONLY : PosixNative.O_WRONLY) | PosixNative.O_CLOEXEC);
                if (fds[3 + target] < 0)
                    throw LastError("open(/dev/null)");
                if (fds[3 + target] < 3)
                    fds[3 + target] = Redup(fds[3 + target]);
                break;
            case SubprocessStdioKind.FileDescriptor:
                // A copy above 2, so the dup2 of one stream cannot clobber the source of another.
                fds[3 + target] = DupAboveStdio(stdio.FileDescriptor);
                break;
            case SubprocessStdioKind.Stdout:
                throw new ArgumentException("SubprocessStdio.Stdout is only valid for stderr.", target == 0 ? "stdin" : "stdout");
        }
    }

    private static int DupAboveStdio(int fd)
    {
        int copy = PosixNative.Fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (copy < 0)
            throw Marshal.GetLastPInvokeError() == PosixNative.EBADF
                ? new ArgumentException($"File descriptor {fd} is not open.", "fd")
                : LastError("fcntl(F_DUPFD_CLOEXEC)");
        return copy;
    }

    private static int Redup(int fd)
    {
        int copy = DupAboveStdio(fd);
        PosixNative.Close(fd);
        return copy;
    }

    private static void SetDefaultSignals(void* attributes)
    {
        byte* signals = stackalloc byte[PosixNative.SigSetSize];
        PosixNative.SigEmptySet(signals);
        Check(PosixNative.AttrSetSigMask(attributes, signals), "posix_spawnattr_setsigmask");
        PosixNative.SigFillSet(signals);
        Check(PosixNative.AttrSetSigDefault(attributes, signals), "posix_spawnattr_setsigdefault");
        Check(PosixNative.AttrSetFlags(attributes, PosixNative.POSIX_SPAWN_SETSIGMASK | PosixNative.POSIX_SPAWN_SETSIGDEF), "posix_spawnattr_setflags");
    }

    /// <summary>
    /// Lays out, in one native block: the argv pointer array (and, when <paramref name="env"/> is given, the envp one),
    /// null-terminated, then the NUL-terminated UTF-8 strings: the executable's path, the arguments, the given environment
    /// (<c>NAME=value</c>, encoded straight from the dictionary, so no string is built per variable) and the working
    /// directory. Without <paramref name="env"/>, <paramref name="envp"/> is null: the child gets <see cref="InheritedEnvironment"/>.
    /// </summary>
    private static byte* MarshalStrings(
        string path, string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env, string? cwd,
        out byte* pathBytes, out byte** argv, out byte** envp, out byte* cwdBytes)
    {
        int argCount = args.Count + 1;
        int stringBytes = NativeStrings.Size(path) + NativeStrings.Size(program) + (cwd is null ? 0 : NativeStrings.Size(cwd));
        if (program.Contains('\0'))
            throw new ArgumentException("The program name may not contain NUL characters.", nameof(program));
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i].Contains('\0'))
                throw new ArgumentException("Arguments may not contain NUL characters.", nameof(args));
            stringBytes += NativeStrings.Size(args[i]);
        }
        int envCount = 0;
        if (env is not null)
        {
            foreach (var (key, value) in env)
            {
                stringBytes += NativeStrings.EnvironmentEntrySize(key, value ?? "");
                envCount++;
            }
        }

        int pointerBytes = (argCount + 1 + (env is null ? 0 : envCount + 1)) * sizeof(nint);
        byte* block = (byte*)NativeMemory.Alloc((nuint)(pointerBytes + stringBytes));
        byte* cursor = block + pointerBytes;
        pathBytes = NativeStrings.Put(path, ref cursor);
        argv = (byte**)block;
        argv[0] = NativeStrings.Put(program, ref cursor);
        for (int i = 0; i < args.Count; i++)
            argv[i + 1] = NativeStrings.Put(args[i], ref cursor);
        argv[argCount] = null;
        envp = null;
        if (env is not null)
        {
            envp = argv + argCount + 1;
            int written = 0;
            foreach (var (key, value) in env)
            {
                if (written == envCount)
                    break;   // the dictionary grew meanwhile: the block has room for what was measured
                envp[written++] = NativeStrings.PutEnvironmentEntry(key, value ?? "", ref cursor);
            }
            envp[written] = null;
        }
        cwdBytes = cwd is null ? null : NativeStrings.Put(cwd, ref cursor);
        return block;
    }

    private static Exception SpawnError(int error, string program, string path, string? cwd) => error switch
    {
        PosixNative.ENOENT when cwd is not null && !Directory.Exists(cwd) => new DirectoryNotFoundException($"The working directory '{cwd}' does not exist."),
        PosixNative.ENOENT when !File.Exists(path) => new FileNotFoundException($"The program '{program}' does not exist.", program),
        PosixNative.ENOENT => new FileNotFoundException($"The program '{program}' could not be executed: '{path}' or its interpreter does not exist.", program),
        PosixNative.EACCES or PosixNative.EPERM => new UnauthorizedAccessException($"The program '{program}' ('{path}') is not executable: {new Win32Exception(error).Message}."),
        _ => new Win32Exception(error, $"Starting '{program}' ('{path}') failed: {new Win32Exception(error).Message}."),
    };

    private static void Check(int result, string call)
    {
        if (result != 0)
            throw new Win32Exception(result, $"{call} failed: {new Win32Exception(result).Message}.");
    }

    private static Win32Exception LastError(string call)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new Win32Exception(errno, $"{call} failed: {new Win32Exception(errno).Message}.");
    }

    private static void CloseIfOpen(int fd)
    {
        if (fd >= 0)
            PosixNative.Close(fd);
    }
}
