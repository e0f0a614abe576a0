using System.Text;

namespace Coroutines.Subprocesses;

/// <summary>NUL-terminated UTF-8 strings written into a native block, as <c>posix_spawn</c>'s argv and envp hold them.</summary>
internal static unsafe class NativeStrings
{
    /// <summary>The bytes <paramref name="s"/> takes with its NUL.</summary>
    public static int Size(string s) => Encoding.UTF8.GetByteCount(s) + 1;

    /// <summary>Writes <paramref name="s"/> and a NUL at <paramref name="cursor"/>, moves past them, and returns where it starts.</summary>
    public static byte* Put(string s, ref byte* cursor)
    {
        byte* start = cursor;
        int written = Encoding.UTF8.GetBytes(s, new Span<byte>(cursor, int.MaxValue));
        cursor[written] = 0;
        cursor += written + 1;
        return start;
    }

    /// <summary>The bytes <c>NAME=value</c> takes with its NUL, after checking the variable can be one.</summary>
    /// <exception cref="ArgumentException">The name is empty or holds '=' or NUL, or the value holds NUL.</exception>
    public static int EnvironmentEntrySize(string key, string value)
    {
        if (key.Length == 0 || key.Contains('=') || key.Contains('\0') || value.Contains('\0'))
            throw new ArgumentException($"Invalid environment variable '{key}': names must be non-empty without '=', and neither part may contain NUL.", "env");
        return Encoding.UTF8.GetByteCount(key) + 1 + Size(value);
    }

    /// <summary>Writes <c>NAME=value</c> and a NUL at <paramref name="cursor"/>; returns where it starts.</summary>
    public static byte* PutEnvironmentEntry(string key, string value, ref byte* cursor)
    {
        byte* start = cursor;
        cursor += Encoding.UTF8.GetBytes(key, new Span<byte>(cursor, int.MaxValue));
        *cursor++ = (byte)'=';
        Put(value, ref cursor);
        return start;
    }
}
