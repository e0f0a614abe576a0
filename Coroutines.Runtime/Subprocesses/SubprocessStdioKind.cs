namespace Coroutines;

/// <summary>The kinds of <see cref="SubprocessStdio"/>.</summary>
public enum SubprocessStdioKind
{
    /// <summary>A new pipe to the loop.</summary>
    Pipe,

    /// <summary>The null device.</summary>
    DevNull,

    /// <summary>The parent's stream.</summary>
    Inherit,

    /// <summary>stderr goes where stdout goes.</summary>
    Stdout,

    /// <summary>A given file descriptor.</summary>
    FileDescriptor,
}
