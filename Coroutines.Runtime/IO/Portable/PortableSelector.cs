using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Coroutines.IO.Portable;

/// <summary>
/// The backend for every platform, built on .NET <see cref="Socket"/> asynchronous operations. Read readiness is a
/// zero-byte receive (it completes when data, end of stream or an error is there, and consumes nothing but the error,
/// which the watch keeps for its handler: <see cref="IoWatch.TakeConsumedError"/>); a listening socket's read readiness
/// and every socket's write readiness come from one helper thread per loop that waits in <c>Socket.Select</c>
/// (an accept would take the connection, and .NET has no zero-byte send that waits for room). Completions reach the
/// loop as thread-safe calls, and the loop waits on its monitor. Watches sockets only.
/// </summary>
internal sealed class PortableSelector : IoSelector
{
    // One state per socket, kept across watches: a zero-byte receive cannot be cancelled, so a later watch of the same
    // socket inherits the pending one instead of stacking another.
    private readonly ConditionalWeakTable<Socket, PortableSocketState> _states = new();
    private readonly HashSet<PortableSocketState> _live = new();   // states of open watches
    private SelectReadinessWaiter? _selectWaiter;

    public PortableSelector(EventLoop loop) : base(loop) { }

    public override bool SupportsFds => false;

    public override bool WaitsInPoll => false;

    internal new EventLoop Loop => base.Loop;

    private SelectReadinessWaiter SelectWaiter => _selectWaiter ??= new SelectReadinessWaiter(this);

    protected override void OnWatchCreated(IoWatch watch)
    {
        var socket = watch.Socket!;
        var state = _states.GetValue(socket, s => new PortableSocketState(this, s));
        _live.Add(state);
        state.Watch = watch;
        watch.BackendState = state;
    }

    protected override void ApplyInterest(IoWatch watch, IoInterest previous)
    {
        var state = (PortableSocketState)watch.BackendState!;
        var interest = watch.Interest;
        if ((interest & IoInterest.Read) != 0)
            state.ArmRead();
        else if ((previous & IoInterest.Read) != 0)
            _selectWaiter?.Remove(state, write: false, accept: true);
        bool wantsWrite = (interest & IoInterest.Write) != 0;
        if (wantsWrite != ((previous & IoInterest.Write) != 0))
        {
            if (wantsWrite)
                SelectWaiter.AddWriter(state);
            else
                _selectWaiter?.Remove(state, write: true, accept: false);
        }
    }

    protected override void OnWatchClosed(IoWatch watch)
    {
        var state = (PortableSocketState)watch.BackendState!;
        _selectWaiter?.Remove(state);
        if (ReferenceEquals(state.Watch, watch))
        {
            state.Watch = null;
            _live.Remove(state);
        }
    }

    // A completion travels through the thread pool, which a busy machine may delay past the auto-jump threshold: a
    // socket the OS reports ready while its watch still waits for the report is not idle.
    public override bool ReadinessInTransit()
    {
        foreach (var state in _live)
        {
            if (state.AwaitsReportOfReadiness())
                return true;
        }
        return false;
    }

    internal override SocketError TakeConsumedError(IoWatch watch) => ((PortableSocketState)watch.BackendState!).TakeConsumedError();

    internal void WaitForWrite(PortableSocketState state) => SelectWaiter.AddWriter(state);

    internal void WaitForAccept(PortableSocketState state) => SelectWaiter.AddListener(state);

    /// <summary>Hands readiness to a socket's current watch (from a completion posted to the loop thread).</summary>
    internal void DispatchReady(IoWatch watch, IoInterest ready) => Dispatch(watch, ready);

    // Readiness arrives as thread-safe calls, which wake the loop's monitor: there is nothing to poll.
    public override int Poll(int timeoutMilliseconds) => 0;

    public override void Wake() { }

    public override void ConsumeWake() { }

    protected override void DisposeBackend()
    {
        _selectWaiter?.Dispose();
        foreach (var state in _live)
            state.Dispose();
        _live.Clear();
    }
}
