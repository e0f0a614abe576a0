using System.Runtime.InteropServices;

namespace Coroutines.Subprocesses;

/// <summary>
/// This process's environment as a child's <c>envp</c> block (<c>NAME=value</c>, UTF-8, null-terminated), read at every
/// spawn as asyncio passes <c>os.environ</c> at call time, but encoded again only when it differs from the last spawn's.
/// </summary>
/// <remarks>
/// On .NET for Unix, <see cref="Environment.SetEnvironmentVariable(string, string?)"/> changes the runtime's own copy
/// (not libc's <c>environ</c>) and tells nobody, so nothing cheaper than a snapshot can say whether the environment
/// changed: each spawn still takes <see cref="Environment.GetEnvironmentVariables()"/>, then compares it entry by entry
/// with the strings the cached block was made from (an ordinal comparison, cheaper than transcoding them again). The
/// snapshot's order is its hash table's, the same for the same variables; a different order only costs a new encoding.
/// One cache per thread, so loops on different threads never share a block a spawn is reading.
/// </remarks>
internal sealed unsafe class InheritedEnvironment
{
    [ThreadStatic]
    private static InheritedEnvironment? t_current;

    private string[] _keys = new string[64];
    private string[] _values = new string[64];
    private int _count = -1;   // no block yet

    // The pointer array, then the strings it points to; pinned (on the pinned object heap), so the pointers stay valid.
    private byte[] _block = [];

    /// <summary>How many times this thread's block was encoded: what a test of the cache can observe.</summary>
    internal static int EncodingsOnThisThread => t_current?.Encodings ?? 0;

    private int Encodings { get; set; }

    /// <summary>
    /// The <c>envp</c> of the environment as it is now. Valid until the next call on this thread; the caller keeps
    /// <paramref name="owner"/> alive while the child is being spawned.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is malformed (as the given-environment check reports it).</exception>
    public static byte** Current(out object owner)
    {
        var cache = t_current ??= new InheritedEnvironment();
        owner = cache;
        return cache.Refresh();
    }

    private byte** Refresh()
    {
        var snapshot = Environment.GetEnvironmentVariables();
        int count = 0;
        bool same = true;
        var entries = snapshot.GetEnumerator();
        while (entries.MoveNext())
        {
            var key = (string)entries.Key;
            var value = (string?)entries.Value ?? "";
            if (count == _keys.Length)
            {
                Array.Resize(ref _keys, count * 2);
                Array.Resize(ref _values, count * 2);
            }
            if (same && count < _count && string.Equals(_keys[count], key, StringComparison.Ordinal) && string.Equals(_values[count], value, StringComparison.Ordinal))
            {
                count++;
                continue;
            }
            same = false;
            _keys[count] = key;
            _values[count] = value;
            count++;
        }
        if (!same || count != _count)
            Encode(count);
        return (byte**)Marshal.UnsafeAddrOfPinnedArrayElement(_block, 0);
    }

    private void Encode(int count)
    {
        _count = -1;   // a malformed variable below leaves no half-made block behind
        int pointerBytes = (count + 1) * sizeof(nint);
        int bytes = pointerBytes;
        for (int i = 0; i < count; i++)
            bytes += NativeStrings.EnvironmentEntrySize(_keys[i], _values[i]);
        var block = GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
        byte** pointers = (byte**)Marshal.UnsafeAddrOfPinnedArrayElement(block, 0);
        byte* cursor = (byte*)pointers + pointerBytes;
        for (int i = 0; i < count; i++)
            pointers[i] = NativeStrings.PutEnvironmentEntry(_keys[i], _values[i], ref cursor);
        pointers[count] = null;
        Array.Clear(_keys, count, _keys.Length - count);   // drop references to variables that are gone
        Array.Clear(_values, count, _values.Length - count);
        _block = block;
        _count = count;
        Encodings++;
    }
}
