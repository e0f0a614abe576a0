namespace Coroutines.Analyzers;

/// <summary>
/// Keys and values of the diagnostic properties that carry fix data from the analyzers to Coroutines.CodeFixes, so the
/// fixers never re-run the analysis.
/// </summary>
public static class FixProperties
{
    /// <summary>Key: which rewrite the fixer applies; one of the <c>*Fix</c> values below.</summary>
    public const string Fix = "Fix";

    /// <summary>Key: the name of the awaitable sibling (<c>ReadAllTextAsync</c>) for <see cref="AsyncSiblingFix"/>.</summary>
    public const string Sibling = "Sibling";

    /// <summary>Key: present ("true") when running the call in the loop's executor is offered as a fix.</summary>
    public const string OfferExecutor = "OfferExecutor";

    /// <summary>Key: for CORO052, which part of the declaration is invalid; one of the <c>Declaration*</c> values.</summary>
    public const string Problem = "Problem";

    /// <summary><c>x.Wait()</c>, <c>x.Result</c>, <c>x.GetAwaiter().GetResult()</c> become <c>await x</c>.</summary>
    public const string AwaitReceiverFix = "AwaitReceiver";

    /// <summary><c>Task.WaitAll(ts)</c> becomes <c>await Task.WhenAll(ts)</c>.</summary>
    public const string AwaitWhenAllFix = "AwaitWhenAll";

    /// <summary><c>loop.RunUntilComplete(c)</c> becomes <c>await c</c>.</summary>
    public const string AwaitArgumentFix = "AwaitArgument";

    /// <summary><c>Thread.Sleep(x)</c> becomes <c>await Loop.Sleep(...)</c> (<c>Loop.Yield()</c> for a zero sleep).</summary>
    public const string LoopSleepFix = "LoopSleep";

    /// <summary><c>Task.Delay(x).Wait()</c> becomes <c>await Loop.Sleep(...)</c>.</summary>
    public const string DelaySleepFix = "DelaySleep";

    /// <summary>The call becomes <c>await Loop.Yield()</c>.</summary>
    public const string LoopYieldFix = "LoopYield";

    /// <summary><c>x.M(args)</c> becomes <c>await x.MAsync(args)</c>.</summary>
    public const string AsyncSiblingFix = "AsyncSibling";

    /// <summary>Only the executor (if offered) or a manual rewrite fixes it.</summary>
    public const string NoFix = "None";

    /// <summary>CORO052: a containing type is not partial, so the generator cannot add the state machine.</summary>
    public const string DeclarationNotPartial = "NotPartial";

    /// <summary>CORO052: the method does not return Coroutine or Coroutine&lt;T&gt;.</summary>
    public const string DeclarationReturnType = "ReturnType";

    /// <summary>CORO052: the method is not async.</summary>
    public const string DeclarationNotAsync = "NotAsync";
}
