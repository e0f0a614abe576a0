namespace EchoClient;

/// <summary>What one echo session measured.</summary>
/// <param name="Sent">Bytes sent.</param>
/// <param name="Received">Bytes that came back before the connection ended or the echo was complete.</param>
/// <param name="FirstMismatch">The offset of the first byte that came back different, or −1.</param>
/// <param name="Elapsed">From the connection being made to the last byte coming back.</param>
/// <param name="Endpoint">The host and port.</param>
public sealed record EchoResult(long Sent, long Received, long FirstMismatch, TimeSpan Elapsed, string Endpoint)
{
    /// <summary>Every byte came back, unchanged.</summary>
    public bool ByteExact => Received == Sent && FirstMismatch < 0;

    /// <inheritdoc/>
    public override string ToString()
    {
        if (FirstMismatch >= 0)
            return $"echo through {Endpoint}: byte {FirstMismatch} came back different (of {Sent} sent)";
        if (Received != Sent)
            return $"echo through {Endpoint}: the server closed after {Received} of {Sent} bytes";
        double mib = Sent / 1048576.0;
        return $"echoed {Sent} bytes byte-exact through {Endpoint} in {Elapsed.TotalMilliseconds:F1} ms " +
               $"({mib / Elapsed.TotalSeconds:F1} MiB/s each way)";
    }
}
