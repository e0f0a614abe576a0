namespace EchoServer;

/// <summary>Bytes echoed by one loop's connections: written by that loop's thread only, read by <c>--stats</c>.</summary>
public sealed class EchoCounter
{
    /// <summary>The bytes echoed so far.</summary>
    public long Bytes;
}
