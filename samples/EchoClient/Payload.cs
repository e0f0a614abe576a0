namespace EchoClient;

/// <summary>
/// The bytes the client sends: byte i is i mod 251. A prime period never lines up with chunk or buffer sizes, so a
/// chunk that came back twice, was dropped or was reordered shows up as a mismatch.
/// </summary>
public static class Payload
{
    private const int Period = 251;
    private const int MaxChunk = 64 * 1024;
    private static readonly byte[] s_pattern = CreatePattern();

    /// <summary>The <paramref name="count"/> (at most 64 KiB) payload bytes that start at <paramref name="offset"/>.</summary>
    public static ReadOnlySpan<byte> At(long offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxChunk);
        return s_pattern.AsSpan((int)(offset % Period), count);
    }

    /// <summary>The index in <paramref name="data"/> of its first byte that is not the payload at <paramref name="offset"/>, or −1.</summary>
    public static int FirstDifference(long offset, ReadOnlySpan<byte> data)
    {
        for (int done = 0; done < data.Length; done += MaxChunk)
        {
            var piece = data.Slice(done, Math.Min(MaxChunk, data.Length - done));
            var expected = At(offset + done, piece.Length);
            if (!piece.SequenceEqual(expected))
                return done + piece.CommonPrefixLength(expected);
        }
        return -1;
    }

    private static byte[] CreatePattern()
    {
        var pattern = new byte[MaxChunk + Period];
        for (int i = 0; i < pattern.Length; i++)
            pattern[i] = (byte)(i % Period);
        return pattern;
    }
}
