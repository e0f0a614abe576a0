namespace Coroutines.Analyzers.Blocking;

/// <summary>Which rule a blocking call belongs to; every call gets exactly one category (one diagnostic per call).</summary>
internal enum BlockingCategory
{
    /// <summary>Not a blocking call.</summary>
    None,

    /// <summary>CORO001: synchronous wait on a task, future or the loop itself.</summary>
    SyncWait,

    /// <summary>CORO002: sleeping or spinning on the loop thread.</summary>
    Sleep,

    /// <summary>CORO003: blocking file, console, network, process or database I/O.</summary>
    Io,

    /// <summary>CORO004: blocking thread synchronization primitive or blocking collection.</summary>
    Synchronization,

    /// <summary>CORO005: not curated, but an awaitable sibling exists (generic fallback).</summary>
    AsyncCounterpart,
}
