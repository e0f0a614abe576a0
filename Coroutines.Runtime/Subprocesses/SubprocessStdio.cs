using System.Runtime.InteropServices;

namespace Coroutines;

/// <summary>
/// How a child's stdin, stdout or stderr is connected (asyncio's <c>PIPE</c>, <c>DEVNULL</c>, <c>STDOUT</c>, <c>None</c>
/// or a file descriptor). The default value is <see cref="Pipe"/>, as asyncio's default.
/// </summary>
public readonly struct SubprocessStdio : IEquatable<SubprocessStdio>
{
    private SubprocessStdio(SubprocessStdioKind kind, int fd = -1, SafeHandle? handle = null)
    {
        Kind = kind;
        FileDescriptor = fd;
        Handle = handle;
    }

    /// <summary>A new pipe between the loop and the child (asyncio's <c>PIPE</c>): the transport's pipe transport for that stream.</summary>
    public static SubprocessStdio Pipe => default;

    /// <summary>The null device (asyncio's <c>DEVNULL</c>): the child reads end of file, or its output is discarded.</summary>
    public static SubprocessStdio DevNull => new(SubprocessStdioKind.DevNull);

    /// <summary>The parent's own stream (asyncio's <c>None</c>).</summary>
    public static SubprocessStdio Inherit => new(SubprocessStdioKind.Inherit);

    /// <summary>For stderr only: the same destination as stdout (asyncio's <c>STDOUT</c>).</summary>
    public static SubprocessStdio Stdout => new(SubprocessStdioKind.Stdout);

    /// <summary>An open file descriptor of this process (a file, a pipe end, a socket); the parent keeps it open.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static SubprocessStdio FromFileDescriptor(int fd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        return new(SubprocessStdioKind.FileDescriptor, fd);
    }

    /// <summary>An open handle (a <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>, a socket's handle); the parent keeps it open.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is closed or invalid.</exception>
    public static SubprocessStdio FromHandle(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.IsClosed || handle.IsInvalid)
            throw new ArgumentException("The handle is closed or invalid.", nameof(handle));
        return new(SubprocessStdioKind.FileDescriptor, (int)handle.DangerousGetHandle(), handle);
    }

    /// <summary>Which kind of connection this is.</summary>
    public SubprocessStdioKind Kind { get; }

    /// <summary>The descriptor of <see cref="SubprocessStdioKind.FileDescriptor"/>; −1 otherwise.</summary>
    public int FileDescriptor { get; }

    /// <summary>The handle given to <see cref="FromHandle"/>, kept alive until the child is started.</summary>
    internal SafeHandle? Handle { get; }

    /// <inheritdoc/>
    public bool Equals(SubprocessStdio other) => Kind == other.Kind && FileDescriptor == other.FileDescriptor;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SubprocessStdio other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, FileDescriptor);

    /// <summary>Whether two values connect a stream the same way.</summary>
    public static bool operator ==(SubprocessStdio left, SubprocessStdio right) => left.Equals(right);

    /// <summary>Whether two values connect a stream differently.</summary>
    public static bool operator !=(SubprocessStdio left, SubprocessStdio right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind == SubprocessStdioKind.FileDescriptor ? $"fd {FileDescriptor}" : Kind.ToString();
}
