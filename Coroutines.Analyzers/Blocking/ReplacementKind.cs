namespace Coroutines.Analyzers.Blocking;

/// <summary>How a curated entry's replacement is derived (the fix kind travels in the diagnostic's properties).</summary>
internal enum ReplacementKind
{
    /// <summary>Replace the wait with <c>await</c> of the receiver (<c>t.Wait()</c>, <c>t.Result</c>, <c>awaiter.GetResult()</c>).</summary>
    AwaitReceiver,

    /// <summary>Replace <c>Task.WaitAll(ts)</c> with <c>await Task.WhenAll(ts)</c>.</summary>
    AwaitWhenAll,

    /// <summary>Replace <c>loop.RunUntilComplete(c)</c> with <c>await c</c>.</summary>
    AwaitArgument,

    /// <summary>Replace a sleep with <c>await Loop.Sleep(...)</c> (<c>Loop.Yield()</c> for zero).</summary>
    LoopSleep,

    /// <summary>Replace the call with <c>await Loop.Yield()</c>.</summary>
    LoopYield,

    /// <summary>Await the method's async sibling when one exists, else run the call in the loop's executor.</summary>
    AsyncSibling,

    /// <summary>Run the call in the loop's executor.</summary>
    Executor,

    /// <summary>Only a loop primitive named in the entry's text replaces it (no automatic rewrite beyond the executor).</summary>
    LoopPrimitive,

    /// <summary>No automatic fix.</summary>
    None,
}
