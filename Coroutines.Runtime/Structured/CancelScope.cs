namespace Coroutines;

/// <summary>
/// A level-triggered cancel scope, as in Trio (asyncio has none: its cancellation is edge-triggered, one
/// <see cref="CancelledError"/> per <c>Cancel</c>). Once the scope is cancelled (its deadline passed or
/// <see cref="Cancel"/> was called), <b>every</b> await of the task inside it throws <see cref="CancelledError"/>
/// until the scope's body exits, so a body that catches one cancellation cannot carry on waiting. When the
/// cancellation leaves the body, the scope absorbs it (<see cref="Loop.MoveOnAfter(double, Func{CancelScope, Coroutine})"/>)
/// or turns it into <see cref="TimeoutException"/> (<see cref="Loop.FailAfter(double, Func{CancelScope, Coroutine})"/>).
/// </summary>
/// <remarks>
/// <para>Scopes nest. A cancelled outer scope cancels the awaits of inner scopes too, unless an inner scope sets
/// <see cref="Shield"/>. The cancellation is absorbed by the outermost cancelled scope, so nested scopes with the
/// same deadline end in the outer one. A cancellation of the task itself (<see cref="ICoroutineTask.Cancel"/>)
/// is never absorbed: it passes through every scope, and a shield does not stop it.</para>
/// <para>C#'s <c>using</c> cannot see the exception that leaves its block (asyncio's <c>__aexit__</c> can), so a
/// scope that must absorb or convert it takes its body as a coroutine lambda:
/// <c>await Loop.MoveOnAfter(1.5, async scope => { ... })</c>.</para>
/// </remarks>
public sealed class CancelScope : ITaskBoundScope
{
    private readonly EventLoop _loop;
    private ITaskDriver? _task;
    private int _cancelRequestsAtEntry;
    private TimerHandle? _deadlineTimer;
    private double _deadline;
    private bool _entered;
    private bool _exited;

    internal CancelScope(EventLoop loop, double deadline, bool shield)
    {
        _loop = loop;
        _deadline = double.IsNaN(deadline) ? throw new ArgumentException("The deadline must be a loop time in seconds, not NaN.", nameof(deadline)) : deadline;
        Shield = shield;
    }

    /// <summary>The scope around this one in the same task, or null.</summary>
    internal CancelScope? Parent { get; private set; }

    /// <summary>
    /// The loop time at which the scope cancels itself; <see cref="double.PositiveInfinity"/> for never.
    /// Setting it moves the deadline (Trio's <c>deadline</c>, asyncio's <c>reschedule</c>); a deadline already
    /// passed cancels the scope at once. It has no effect once the scope is cancelled or has exited.
    /// </summary>
    /// <exception cref="ArgumentException">The value is NaN.</exception>
    public double Deadline
    {
        get => _deadline;
        set
        {
            if (double.IsNaN(value))
                throw new ArgumentException("The deadline must be a loop time in seconds, not NaN.", nameof(value));
            _deadline = value;
            if (_entered && !_exited && !CancelCalled)
                ArmDeadline();
        }
    }

    /// <summary>
    /// When true, cancellations of enclosing scopes do not reach the awaits inside this one (Trio's <c>shield</c>).
    /// Use it for cleanup that must finish, such as closing a connection politely.
    /// </summary>
    public bool Shield { get; set; }

    /// <summary>Whether the scope was cancelled (by its deadline or by <see cref="Cancel"/>).</summary>
    public bool CancelCalled { get; private set; }

    /// <summary>Whether the scope absorbed a cancellation when its body exited (Trio's <c>cancelled_caught</c>).</summary>
    public bool CancelledCaught { get; private set; }

    /// <summary>
    /// Cancels the scope: the await the task is suspended at (if inside the scope) throws now, and so does every
    /// later await until the body exits. Idempotent.
    /// </summary>
    public void Cancel()
    {
        if (CancelCalled || _exited)
            return;
        CancelCalled = true;
        _deadlineTimer?.Cancel();
        _deadlineTimer = null;
        if (_task is { } task && task.CancelScope is { IsEffectivelyCancelled: true })
            task.InterruptForCancelScope(this);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var state = _exited ? "exited" : CancelCalled ? "cancelled" : _entered ? "active" : "created";
        return double.IsPositiveInfinity(_deadline) ? $"<CancelScope [{state}]>" : $"<CancelScope [{state}] deadline={_deadline}>";
    }

    /// <summary>Whether the awaits inside this scope are cancelled: this scope or an unshielded enclosing one is.</summary>
    internal bool IsEffectivelyCancelled
    {
        get
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope.CancelCalled)
                    return true;
                if (scope.Shield)
                    return false;
            }
            return false;
        }
    }

    internal CancelledError CreateCancelledError() => new(this);

    /// <summary>
    /// Runs <paramref name="body"/> where enclosing cancel scopes cannot reach it. Runtime code uses it for waits that
    /// must finish (a task group waiting for its children, a condition re-taking its lock): inside a cancelled scope
    /// every await would throw at once, and retrying would spin the loop.
    /// </summary>
    internal static Coroutine RunShielded(EventLoop loop, Func<Coroutine> body) =>
        new CancelScope(loop, double.PositiveInfinity, shield: true).RunAsync(_ => Scoped.AsVoidResult(body()), failOnCancel: false, VoidResult.Value);

    /// <summary>Runs <paramref name="body"/> inside the scope in the current task.</summary>
    internal async Coroutine<T> RunAsync<T>(Func<CancelScope, Coroutine<T>> body, bool failOnCancel, T cancelledResult)
    {
        Enter();
        try
        {
            return await body(this);
        }
        catch (CancelledError error) when (AbsorbsCancellation())
        {
            CancelledCaught = true;
            if (failOnCancel)
                throw new TimeoutException($"The operation did not finish before its deadline ({_deadline}).", error);
            return cancelledResult;
        }
        finally
        {
            Exit();
        }
    }

    private void Enter()
    {
        if (_entered)
            throw new InvalidOperationException("This cancel scope has already been entered; create a new one.");
        var task = _loop.CurrentTaskDriver
            ?? throw new InvalidOperationException("A cancel scope must be entered from a coroutine running in a task.");
        _entered = true;
        _task = task;
        _cancelRequestsAtEntry = task.View.Cancelling();
        Parent = task.CancelScope;
        task.CancelScope = this;
        task.ScopeEntered(this);
        ArmDeadline();
    }

    private void Exit()
    {
        _exited = true;
        _deadlineTimer?.Cancel();
        _deadlineTimer = null;
        _task!.CancelScope = Parent;
        _task.ScopeExited(this);
    }

    /// <summary>
    /// Leaves the scope stack of <paramref name="from"/> and goes on top of <paramref name="to"/>'s: the frames inside
    /// the scope now run in <paramref name="to"/>, whose own scopes do not enclose them (a new task starts with none).
    /// </summary>
    void ITaskBoundScope.MoveTo(ITaskDriver from, ITaskDriver to)
    {
        if (ReferenceEquals(from.CancelScope, this))
        {
            from.CancelScope = Parent;
        }
        else
        {
            for (var inner = from.CancelScope; inner is not null; inner = inner.Parent)
            {
                if (ReferenceEquals(inner.Parent, this))
                {
                    inner.Parent = Parent;
                    break;
                }
            }
        }
        Parent = to.CancelScope;
        to.CancelScope = this;
        _task = to;
        _cancelRequestsAtEntry = to.View.Cancelling();
    }

    /// <summary>
    /// The scope absorbs a cancellation if it was cancelled itself, no enclosing scope that reaches it is cancelled
    /// (the outermost cancelled scope absorbs), and the task was not cancelled from outside meanwhile.
    /// </summary>
    private bool AbsorbsCancellation() =>
        CancelCalled
        && (Shield || Parent is not { IsEffectivelyCancelled: true })
        && _task!.View.Cancelling() <= _cancelRequestsAtEntry;

    private void ArmDeadline()
    {
        _deadlineTimer?.Cancel();
        _deadlineTimer = null;
        if (double.IsPositiveInfinity(_deadline))
            return;
        if (_deadline <= _loop.Time())
        {
            Cancel();   // level-triggered: the very next await throws (asyncio's timeout(0) waits for a loop turn)
            return;
        }
        _deadlineTimer = _loop.CallAt(_deadline, static scope => scope.Cancel(), this);
    }
}
