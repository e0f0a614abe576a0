using System.Buffers;
using Coroutines;

namespace EchoServer;

/// <summary>
/// <c>--streams</c>: the same echo written the way most asyncio users write it, as a handler coroutine per client on
/// <see cref="Loop.StartServer"/>: read what has arrived into the handler's own buffer, write it back, drain.
/// Reading into caller memory (<see cref="AsyncStreamReader.ReadAsync"/>) instead of <c>Read(n)</c> keeps the loop
/// free of a new array per chunk.
/// </summary>
public sealed class StreamEchoHandler(EchoCounter counter)
{
    private const int BufferSize = 256 * 1024;   // what one receive of the loop can bring

    /// <summary>Echoes until the client closes or resets the connection, then closes it.</summary>
    public async Coroutine ServeAsync(AsyncStreamReader reader, AsyncStreamWriter writer)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                int count = await reader.ReadAsync(buffer);
                if (count == 0)
                    break;
                counter.Bytes += count;
                writer.Write(buffer.AsSpan(0, count));
                await writer.Drain();
            }
        }
        catch (IOException)
        {
            // The client reset the connection: there is nobody to answer.
        }
        finally
        {
            writer.Close();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
