namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>Waits for a new transport's start; if the wait is cancelled, the transport is closed (as asyncio does).</summary>
    private static async Coroutine AwaitTransportStart(Future<bool> waiter, IBaseTransport transport)
    {
        try
        {
            await waiter;
        }
        catch
        {
            transport.Close();
            throw;
        }
    }
}
