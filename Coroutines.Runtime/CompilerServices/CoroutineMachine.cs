using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Coroutines.CompilerServices;

/// <summary>
/// The base class of the state machines Coroutines.Generator emits for <c>[Coroutine]</c> methods returning
/// <see cref="Coroutine"/>. The machine is the coroutine object itself, so calling the generated entry point
/// allocates exactly one object, and suspending hands that object to the loop (no delegate, no box).
/// </summary>
/// <remarks>
/// A generated machine keeps its resume state in an <c>int</c>: -1 while running or not started, -2 once
/// finished, and N (&gt;= 0) while suspended at await site N. The same number indexes the await sites of the
/// machine's static <see cref="Info"/>, so knowing where a suspended coroutine waits costs no allocation and no
/// extra field.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CoroutineMachine : Coroutine, IAsyncStateMachine
{
    /// <summary>Creates the machine (called by the generated entry point).</summary>
    protected CoroutineMachine() => _machineState = -1;

    /// <summary>
    /// The machine's resume state (-1 running or not started, -2 finished, N suspended at await N). It is a field of
    /// <see cref="Coroutine"/>, which its own fields leave room for, so it costs the machine no bytes. Named like the
    /// names the generator makes up (two leading underscores), which never collide with the user's.
    /// </summary>
    protected ref int __state => ref _machineState;

    /// <summary>The coroutine's name and await sites: a static object of the generated class, so it costs the machine no bytes.</summary>
    protected abstract CoroutineMachineInfo Info { get; }

    /// <inheritdoc/>
    public sealed override string Name => Info.Name;

    /// <inheritdoc/>
    public sealed override AwaitSite? CurrentAwaitSite => AwaitSiteTable.Lookup(Info.AwaitSites, _machineState, State);

    /// <summary>Completes the coroutine after its body returned (the resume state becomes -2, finished).</summary>
    protected void Complete()
    {
        _machineState = -2;
        ReleaseFields();
        Complete(null);
    }

    /// <summary>Completes the coroutine with the exception its body threw (the resume state becomes -2, finished).</summary>
    /// <param name="exception">The exception that escaped the body.</param>
    protected void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _machineState = -2;
        ReleaseFields();
        Complete(exception);
    }

    /// <summary>
    /// Resets the fields that hold references once the body has finished, before the coroutine completes, so that a
    /// completed coroutine (which its task or caller may keep) holds no garbage. Generated when there are such fields.
    /// </summary>
    protected virtual void ReleaseFields() { }

    /// <summary>
    /// Suspends the machine at await <paramref name="resumeState"/> on one of the runtime's awaiters (a struct
    /// implementing <see cref="ILoopAwaiter"/>) until it completes; the loop then calls <see cref="Coroutine.MoveNext"/>.
    /// The generated <c>Await(N, ref awaiter)</c> binds here whenever the awaiter qualifies, so the call is direct,
    /// with no type test: unoptimised (tier-0) code does not box the awaiter either.
    /// </summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <param name="resumeState">The number of the await, which the machine resumes after.</param>
    /// <param name="awaiter">The awaiter of an incomplete awaitable, stored in a field of the machine.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Await<TAwaiter>(int resumeState, ref TAwaiter awaiter) where TAwaiter : struct, ILoopAwaiter
    {
        _machineState = resumeState;
        awaiter.AwaitBy(this);
    }

    /// <summary>Suspends the machine at await <paramref name="resumeState"/> until <paramref name="awaiter"/>, any other awaiter, completes; see <see cref="Suspension.Suspend"/>.</summary>
    /// <typeparam name="TAwaiter">The awaiter type; struct awaiters are passed by reference and never boxed.</typeparam>
    /// <param name="resumeState">The number of the await, which the machine resumes after.</param>
    /// <param name="awaiter">The awaiter of an incomplete awaitable, stored in a field of the machine.</param>
    /// <param name="otherAwaiter">
    /// Never passed. C# prefers an overload whose parameters all have arguments, so with this optional parameter the
    /// overload above wins for the runtime's awaiters; for the others its constraint fails and this one is chosen.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Await<TAwaiter>(int resumeState, ref TAwaiter awaiter, OtherAwaiter otherAwaiter = default) where TAwaiter : INotifyCompletion
    {
        _machineState = resumeState;
        Suspension.Suspend(ref awaiter, this);
    }

    /// <summary>Not supported: the machine runs only in its task (see <see cref="CoroutineMachineStackTraces"/>).</summary>
    void IAsyncStateMachine.MoveNext() => throw CoroutineMachineStackTraces.NotCallable();

    /// <summary>Not used: the machine is its own box.</summary>
    void IAsyncStateMachine.SetStateMachine(IAsyncStateMachine stateMachine) { }
}

/// <summary>
/// The base class of generated state machines for <c>[Coroutine]</c> methods returning <see cref="Coroutine{T}"/>;
/// see <see cref="CoroutineMachine"/>.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CoroutineMachine<T> : Coroutine<T>, IAsyncStateMachine
{
    /// <summary>Creates the machine (called by the generated entry point).</summary>
    protected CoroutineMachine() => _machineState = -1;

    /// <summary>
    /// The machine's resume state (-1 running or not started, -2 finished, N suspended at await N). It is a field of
    /// <see cref="Coroutine"/>, which its own fields leave room for, so it costs the machine no bytes. Named like the
    /// names the generator makes up (two leading underscores), which never collide with the user's.
    /// </summary>
    protected ref int __state => ref _machineState;

    /// <summary>The coroutine's name and await sites: a static object of the generated class, so it costs the machine no bytes.</summary>
    protected abstract CoroutineMachineInfo Info { get; }

    /// <inheritdoc/>
    public sealed override string Name => Info.Name;

    /// <inheritdoc/>
    public sealed override AwaitSite? CurrentAwaitSite => AwaitSiteTable.Lookup(Info.AwaitSites, _machineState, State);

    /// <summary>Completes the coroutine with the value its body returned (the resume state becomes -2, finished).</summary>
    /// <param name="result">The returned value.</param>
    protected void Complete(T result)
    {
        _machineState = -2;
        ReleaseFields();
        CompleteWithResult(result);
    }

    /// <summary>Completes the coroutine with the exception its body threw (the resume state becomes -2, finished).</summary>
    /// <param name="exception">The exception that escaped the body.</param>
    protected void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _machineState = -2;
        ReleaseFields();
        Complete(exception);
    }

    /// <summary>
    /// Resets the fields that hold references once the body has finished, before the coroutine completes, so that a
    /// completed coroutine (which its task or caller may keep) holds no garbage. Generated when there are such fields.
    /// </summary>
    protected virtual void ReleaseFields() { }

    /// <summary>
    /// Suspends the machine at await <paramref name="resumeState"/> on one of the runtime's awaiters (a struct
    /// implementing <see cref="ILoopAwaiter"/>) until it completes; the loop then calls <see cref="Coroutine.MoveNext"/>.
    /// The generated <c>Await(N, ref awaiter)</c> binds here whenever the awaiter qualifies, so the call is direct,
    /// with no type test: unoptimised (tier-0) code does not box the awaiter either.
    /// </summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <param name="resumeState">The number of the await, which the machine resumes after.</param>
    /// <param name="awaiter">The awaiter of an incomplete awaitable, stored in a field of the machine.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Await<TAwaiter>(int resumeState, ref TAwaiter awaiter) where TAwaiter : struct, ILoopAwaiter
    {
        _machineState = resumeState;
        awaiter.AwaitBy(this);
    }

    /// <summary>Suspends the machine at await <paramref name="resumeState"/> until <paramref name="awaiter"/>, any other awaiter, completes; see <see cref="Suspension.Suspend"/>.</summary>
    /// <typeparam name="TAwaiter">The awaiter type; struct awaiters are passed by reference and never boxed.</typeparam>
    /// <param name="resumeState">The number of the await, which the machine resumes after.</param>
    /// <param name="awaiter">The awaiter of an incomplete awaitable, stored in a field of the machine.</param>
    /// <param name="otherAwaiter">
    /// Never passed. C# prefers an overload whose parameters all have arguments, so with this optional parameter the
    /// overload above wins for the runtime's awaiters; for the others its constraint fails and this one is chosen.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Await<TAwaiter>(int resumeState, ref TAwaiter awaiter, OtherAwaiter otherAwaiter = default) where TAwaiter : INotifyCompletion
    {
        _machineState = resumeState;
        Suspension.Suspend(ref awaiter, this);
    }

    /// <summary>Not supported: the machine runs only in its task (see <see cref="CoroutineMachineStackTraces"/>).</summary>
    void IAsyncStateMachine.MoveNext() => throw CoroutineMachineStackTraces.NotCallable();

    /// <summary>Not used: the machine is its own box.</summary>
    void IAsyncStateMachine.SetStateMachine(IAsyncStateMachine stateMachine) { }
}

/// <summary>
/// Why the machines implement <see cref="IAsyncStateMachine"/>: .NET prints a frame of a <c>[CompilerGenerated]</c>
/// state machine's <c>MoveNext</c> as the method whose <see cref="AsyncStateMachineAttribute"/> names the machine,
/// as it does for the compiler's own async methods. The generated entry point carries that attribute, so a trace
/// reads <c>at Jobs.InnerAsync(Int32 n) in Program.cs:line 18</c> instead of <c>at Jobs.InnerCoroutine.MoveNext()</c>
/// (the <c>#line</c> directives of the machine give the user's file and line).
/// </summary>
internal static class CoroutineMachineStackTraces
{
    public static NotSupportedException NotCallable() =>
        new("A generated coroutine machine runs only in its task: await the coroutine or schedule it with CreateTask instead of calling IAsyncStateMachine.MoveNext.");
}
