using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Coroutines.Analyzers;

/// <summary>
/// Every diagnostic the Coroutines analyzers report. Each rule has a page under docs/rules/ (the help link) and a row in
/// AnalyzerReleases.Unshipped.md; docs/rules/README.md is generated from this class (see RuleIndexTests).
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The category shared by all rules.</summary>
    public const string Category = "Coroutines";

    /// <summary>Where the per-rule pages live; the help link of rule X is this plus "X.md" (set in RuleDocumentation.cs).</summary>
    public const string HelpLinkBase = RuleDocumentation.HelpLinkBase;

    public const string SyncWaitId = "CORO001";
    public const string SleepOnLoopThreadId = "CORO002";
    public const string BlockingIoId = "CORO003";
    public const string BlockingSynchronizationId = "CORO004";
    public const string AsyncCounterpartId = "CORO005";
    public const string BlockingHelperCallId = "CORO007";
    public const string UnawaitedCoroutineId = "CORO010";
    public const string DroppedTaskReferenceId = "CORO011";
    public const string AsyncVoidId = "CORO012";
    public const string CoroutineOutlivesScopeId = "CORO016";
    public const string ThreadLockInCoroutineId = "CORO030";
    public const string LoopWithoutAwaitId = "CORO031";
    public const string SwallowedCancellationId = "CORO040";
    public const string InvalidCoroutineDeclarationId = "CORO052";

    /// <summary>CORO001: "'{0}' blocks the event loop thread and will deadlock a single-threaded loop; use 'await' instead".</summary>
    public static readonly DiagnosticDescriptor SyncWait = Create(
        SyncWaitId,
        "Do not synchronously wait inside a coroutine",
        "'{0}' blocks the event loop thread and will deadlock a single-threaded loop; use 'await' instead",
        DiagnosticSeverity.Error,
        "A coroutine runs on the loop's only thread, so waiting synchronously for work that needs the loop never finishes.");

    /// <summary>CORO002: "'{0}' suspends the whole event loop; use 'await {1}' instead".</summary>
    public static readonly DiagnosticDescriptor SleepOnLoopThread = Create(
        SleepOnLoopThreadId,
        "Do not sleep on the loop thread",
        "'{0}' suspends the whole event loop; use 'await {1}' instead",
        DiagnosticSeverity.Warning,
        "Sleeping or spinning in a coroutine stops every other coroutine on the loop; awaiting Loop.Sleep suspends only this one.");

    /// <summary>CORO003: "'{0}' performs blocking I/O on the event loop; use '{1}'".</summary>
    public static readonly DiagnosticDescriptor BlockingIo = Create(
        BlockingIoId,
        "Blocking I/O in a coroutine",
        "'{0}' performs blocking I/O on the event loop; use '{1}'",
        DiagnosticSeverity.Warning,
        "Synchronous file, console, network, process and database calls stall every coroutine until the I/O completes.");

    /// <summary>CORO004: "'{0}' blocks the event loop thread; use '{1}'".</summary>
    public static readonly DiagnosticDescriptor BlockingSynchronization = Create(
        BlockingSynchronizationId,
        "Blocking synchronization primitive in a coroutine",
        "'{0}' blocks the event loop thread; use '{1}'",
        DiagnosticSeverity.Warning,
        "Thread synchronization primitives block the loop's only thread; coroutines need the loop's async primitives.");

    /// <summary>CORO005: "'{0}' has an asynchronous counterpart '{1}'; await it through the loop".</summary>
    public static readonly DiagnosticDescriptor AsyncCounterpart = Create(
        AsyncCounterpartId,
        "Call the async counterpart in a coroutine",
        "'{0}' has an asynchronous counterpart '{1}'; await it through the loop",
        DiagnosticSeverity.Info,
        "A synchronous call whose awaitable sibling exists probably blocks; awaiting the sibling lets other coroutines run.");

    /// <summary>CORO007: "'{0}' blocks (via '{1}'); make it a coroutine or run it in an executor".</summary>
    public static readonly DiagnosticDescriptor BlockingHelperCall = Create(
        BlockingHelperCallId,
        "Coroutine calls a blocking helper",
        "'{0}' blocks (via '{1}'); make it a coroutine or run it in an executor",
        DiagnosticSeverity.Info,
        "A synchronous local function called from a coroutine runs on the loop thread, so a blocking call inside it stalls the loop just the same.");

    /// <summary>CORO010: "Coroutine '{0}' is created but never awaited or scheduled, so its body will not run".</summary>
    public static readonly DiagnosticDescriptor UnawaitedCoroutine = Create(
        UnawaitedCoroutineId,
        "Coroutine is never awaited",
        "Coroutine '{0}' is created but never awaited or scheduled, so its body will not run",
        DiagnosticSeverity.Error,
        "Coroutine objects are cold: calling a coroutine method runs nothing until the coroutine is awaited or scheduled.");

    /// <summary>CORO011: "The task returned by '{0}' is not stored; nobody can await it, cancel it or see it fail".</summary>
    public static readonly DiagnosticDescriptor DroppedTaskReference = Create(
        DroppedTaskReferenceId,
        "Scheduled task reference is dropped",
        "The task returned by '{0}' is not stored; nobody can await it, cancel it or see it fail",
        DiagnosticSeverity.Warning,
        "The loop keeps the task running (unlike asyncio, it holds pending tasks strongly), but nothing can await, cancel or wait for it at shutdown, and its failure only reaches the exception handler.");

    /// <summary>CORO012: "'{0}' is async void; exceptions bypass the event loop".</summary>
    public static readonly DiagnosticDescriptor AsyncVoid = Create(
        AsyncVoidId,
        "Avoid async void with the event loop",
        "'{0}' is async void; exceptions bypass the event loop",
        DiagnosticSeverity.Warning,
        "An async void method is not a task of the loop: nobody can await or cancel it, and its exceptions escape the loop's handler.");

    /// <summary>CORO016: "Coroutine '{0}' is created inside a '{1}' scope but runs after it ends; await it inside the scope".</summary>
    public static readonly DiagnosticDescriptor CoroutineOutlivesScope = Create(
        CoroutineOutlivesScopeId,
        "Coroutine outlives its scope",
        "Coroutine '{0}' is created inside a '{1}' scope but runs after it ends; await it inside the scope",
        DiagnosticSeverity.Warning,
        "Coroutines are cold: one returned or stored from a using, try/finally or lock scope runs when it is awaited, after the resource was disposed, the finally ran or the lock was released.");

    /// <summary>CORO030: "'{0}' is held across 'await'; use AsyncLock" (and the lock-statement variant).</summary>
    public static readonly DiagnosticDescriptor ThreadLockInCoroutine = Create(
        ThreadLockInCoroutineId,
        "Lock held across an await / thread lock in a coroutine",
        "'{0}' {1}; use AsyncLock",
        DiagnosticSeverity.Warning,
        "All coroutines share one thread and Monitor is re-entrant, so a thread lock excludes nothing between coroutines, and one held across an await blocks or throws.");

    /// <summary>CORO031: "This loop never awaits and will starve the event loop".</summary>
    public static readonly DiagnosticDescriptor LoopWithoutAwait = Create(
        LoopWithoutAwaitId,
        "Loop has no await point",
        "This loop never awaits and will starve the event loop",
        DiagnosticSeverity.Warning,
        "An endless loop without an await point never gives other coroutines a turn, and cancellation can never be delivered to it.");

    /// <summary>CORO040: "This handler catches '{0}' around an await without rethrowing; cancellation will be swallowed".</summary>
    public static readonly DiagnosticDescriptor SwallowedCancellation = Create(
        SwallowedCancellationId,
        "Do not swallow cancellation",
        "This handler catches '{0}' around an await without rethrowing; cancellation will be swallowed",
        DiagnosticSeverity.Warning,
        "Cancelling a task delivers CancelledError (an OperationCanceledException) at its await; a handler that swallows it keeps the task running.");

    /// <summary>CORO052: "[Coroutine] method '{0}' {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidCoroutineDeclaration = Create(
        InvalidCoroutineDeclarationId,
        "Invalid coroutine signature",
        "[Coroutine] method '{0}' {1}",
        DiagnosticSeverity.Error,
        "The generator lowers [Coroutine] methods into a state machine in the same partial type, so the method must be async, return Coroutine or Coroutine<T>, and sit in partial types.");

    /// <summary>All descriptors, in ID order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        SyncWait, SleepOnLoopThread, BlockingIo, BlockingSynchronization, AsyncCounterpart, BlockingHelperCall,
        UnawaitedCoroutine, DroppedTaskReference, AsyncVoid, CoroutineOutlivesScope,
        ThreadLockInCoroutine, LoopWithoutAwait, SwallowedCancellation,
        InvalidCoroutineDeclaration,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description, RuleDocumentation.HelpLink(id));
}
