using System.Runtime.InteropServices;
using Coroutines.IO;
using Coroutines.Native;
using Coroutines.Pipes;
using Coroutines.Transports;

namespace Coroutines.Subprocesses;

/// <summary>
/// A child process on the loop (asyncio's <c>BaseSubprocessTransport</c>): its pipes are pipe transports in the selector
/// and its exit is a <c>pidfd</c> in the selector too (Linux 5.3+; on older kernels the loop polls <c>waitpid</c> with a
/// backoff from 1 ms to 100 ms). The child is reaped on the loop thread as soon as it exits, so it never lingers as a
/// zombie and its pid cannot be reused while a signal may still be sent to it.
/// </summary>
internal sealed unsafe class SubprocessTransport : TransportBase, ISubprocessTransport, IIoReadyHandler, IDisposable
{
    private const double MaxPollDelay = 0.1;

    private readonly string _program;
    private readonly IReadOnlyList<string> _args;
    private readonly PipeTransportBase?[] _pipes = new PipeTransportBase?[3];
    private readonly bool[] _pipeOpen = new bool[3];
    private int _pidfd = -1;
    private IoWatch? _exitWatch;
    private TimerHandle? _pollTimer;
    private double _pollDelay = 0.001;
    private int? _returnCode;
    private bool _closed;
    private List<Future<int>>? _exitWaiters;

    private SubprocessTransport(EventLoop loop, SubprocessProtocol protocol, SpawnedChild child, string program, IReadOnlyList<string> args) : base(loop, protocol)
    {
        Pid = child.Pid;
        _program = program;
        _args = args;
    }

    /// <summary>Spawns the child and wires its pipes and exit watch; nothing stays open (and no child runs) when it throws.</summary>
    public static SubprocessTransport Spawn(
        EventLoop loop, SubprocessProtocol protocol, string program, IReadOnlyList<string> args,
        SubprocessStdio stdin, SubprocessStdio stdout, SubprocessStdio stderr, IReadOnlyDictionary<string, string>? env, string? cwd)
    {
        var child = ChildSpawner.Spawn(program, args, stdin, stdout, stderr, env, cwd);
        var transport = new SubprocessTransport(loop, protocol, child, program, args);
        try
        {
            transport.Wire(child);
        }
        catch
        {
            transport.KillAndReap();
            transport.CloseEverything();
            ReadOnlySpan<int> parentEnds = [child.StdinFd, child.StdoutFd, child.StderrFd];
            for (int i = 0; i < 3; i++)
            {
                if (parentEnds[i] >= 0 && transport._pipes[i] is null)
                    PosixNative.Close(parentEnds[i]);   // not handed to a pipe transport yet
            }
            throw;
        }
        return transport;
    }

    public int Pid { get; }

    public int? ReturnCode => _returnCode;

    public override bool IsClosing => _closed;

    /// <summary>
    /// Schedules, in asyncio's order: the protocol's <c>ConnectionMade</c>; then the pipes' start (their reading) and the
    /// exit watch; then <paramref name="waiter"/>'s result.
    /// </summary>
    public void Start(Future<bool> waiter)
    {
        Loop.CallSoon(static t => t.GetProtocol().ConnectionMade(t), this);
        foreach (var pipe in _pipes)
        {
            if (pipe is ReadPipeTransport reader)
                reader.Start(null);
            else if (pipe is WritePipeTransport writer)
                writer.Start(null);
        }
        Loop.CallSoon(static t => t.StartExitWatch(), this);
        Loop.CallSoon(static w => w.TrySetResult(true), waiter);
    }

    public IBaseTransport? GetPipeTransport(int fd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fd, 2);
        return _pipes[fd];
    }

    public void SendSignal(int signal)
    {
        if (_returnCode is not null)
            throw new InvalidOperationException($"The process {Pid} has exited (return code {_returnCode}); no signal can reach it (asyncio's ProcessLookupError).");
        if (PosixNative.Kill(Pid, signal) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == PosixNative.EINVAL)
                throw new ArgumentOutOfRangeException(nameof(signal), signal, "Not a valid signal number.");
            throw new InvalidOperationException($"Signalling process {Pid} failed: {Marshal.GetPInvokeErrorMessage(errno)}.");
        }
    }

    public void Terminate() => SendSignal(PosixNative.SIGTERM);

    public void Kill() => SendSignal(PosixNative.SIGKILL);

    /// <summary>Closes the pipe transports and kills the child if it still runs (asyncio's <c>close</c>); <c>ConnectionLost</c> follows once it has exited.</summary>
    public override void Close()
    {
        if (_closed)
            return;
        _closed = true;
        foreach (var pipe in _pipes)
            pipe?.Close();
        if (_returnCode is null)
            PosixNative.Kill(Pid, PosixNative.SIGKILL);   // a child that just exited is a zombie until reaped: no ESRCH, no other process hit
    }

    /// <summary>A future of the return code, completed when the child has exited (for <c>Process.Wait</c>).</summary>
    public Future<int> WaitForExit()
    {
        var future = new Future<int>(Loop);
        if (_returnCode is int code)
            future.SetResult(code);
        else
            (_exitWaiters ??= new()).Add(future);
        return future;
    }

    public override string ToString() =>
        $"<SubprocessTransport pid={Pid} {(_returnCode is int code ? $"returncode={code}" : "running")}{(_closed ? " closed" : "")} {_program}{(_args.Count == 0 ? "" : " ")}{string.Join(' ', _args)}>";

    void IIoReadyHandler.OnIoReady(IoInterest ready) => TryReap();

    void IDisposable.Dispose()
    {
        // The loop is closing with the child still attached: kill it and reap it now, so no zombie outlives the loop.
        _closed = true;
        KillAndReap();
        CloseEverything();
    }

    internal void OnPipeData(int fd, ReadOnlySpan<byte> data)
    {
        try
        {
            ((SubprocessProtocol)GetProtocol()).PipeDataReceived(fd, data);
        }
        catch (Exception e)
        {
            ReportCallbackError("PipeDataReceived", e, fd);
        }
    }

    internal void OnPipeLost(int fd, Exception? exception)
    {
        _pipeOpen[fd] = false;
        try
        {
            ((SubprocessProtocol)GetProtocol()).PipeConnectionLost(fd, exception);
        }
        catch (Exception e)
        {
            ReportCallbackError("PipeConnectionLost", e, fd);
        }
        TryFinish();
    }

    protected override bool TryGetExtraInfo(string name, out object? value)
    {
        value = name == "subprocess" ? this : null;
        return value is not null;
    }

    protected override void OnConnectionLost() => CloseEverything();

    private void Wire(SpawnedChild child)
    {
        Loop.RegisterCloseable(this);
        _pidfd = PosixNative.PidfdOpen(Pid);
        if (_pidfd >= 0)
            _exitWatch = Loop.WatchFd(_pidfd, this, knownPollable: true);
        else if (Marshal.GetLastPInvokeError() is not (PosixNative.ENOSYS or PosixNative.EPERM))
            throw new IOException($"pidfd_open({Pid}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        if (child.StdinFd >= 0)
            AddPipe(0, new WritePipeTransport(Loop, new SubprocessPipeProtocol(this, 0), child.StdinFd, null, spawnedPipe: true));
        if (child.StdoutFd >= 0)
            AddPipe(1, new ReadPipeTransport(Loop, new SubprocessPipeProtocol(this, 1), child.StdoutFd, null, spawnedPipe: true));
        if (child.StderrFd >= 0)
            AddPipe(2, new ReadPipeTransport(Loop, new SubprocessPipeProtocol(this, 2), child.StderrFd, null, spawnedPipe: true));
    }

    private void AddPipe(int fd, PipeTransportBase pipe)
    {
        _pipes[fd] = pipe;
        _pipeOpen[fd] = true;
    }

    private void StartExitWatch()
    {
        if (_returnCode is not null)
            return;
        if (_exitWatch is not null)
            _exitWatch.SetInterest(IoInterest.Read);
        else
            _pollTimer = Loop.CallLater(TimeSpan.FromSeconds(_pollDelay), static t => t.Poll(), this);
    }

    private void Poll()
    {
        _pollTimer = null;
        if (TryReap())
            return;
        _pollDelay = Math.Min(_pollDelay * 2, MaxPollDelay);
        _pollTimer = Loop.CallLater(TimeSpan.FromSeconds(_pollDelay), static t => t.Poll(), this);
    }

    /// <summary>Reaps the child if it has exited, then reports it; false while it runs.</summary>
    private bool TryReap()
    {
        if (_returnCode is not null)
            return true;
        int status;
        int result;
        do
            result = PosixNative.WaitPid(Pid, &status, PosixNative.WNOHANG);
        while (result < 0 && Marshal.GetLastPInvokeError() == PosixNative.EINTR);
        if (result == 0)
            return false;
        // ECHILD: someone else reaped our child (a SIGCHLD handler that reaps everything); asyncio reports 255 then.
        OnExited(result == Pid ? PosixNative.DecodeWaitStatus(status) : 255);
        return true;
    }

    private void OnExited(int returnCode)
    {
        _returnCode = returnCode;
        StopExitWatch();
        try
        {
            ((SubprocessProtocol)GetProtocol()).ProcessExited();
        }
        catch (Exception e)
        {
            ReportCallbackError("ProcessExited", e, null);
        }
        if (_exitWaiters is { } waiters)
        {
            _exitWaiters = null;
            foreach (var waiter in waiters)
                waiter.TrySetResult(returnCode);
        }
        TryFinish();
    }

    /// <summary>A protocol callback threw: the loop's exception handler hears of it and the transport carries on, as asyncio's callbacks run by the loop.</summary>
    private void ReportCallbackError(string callback, Exception exception, int? fd) =>
        Loop.CallExceptionHandler(new ExceptionContext($"Exception in SubprocessProtocol.{callback}()")
        {
            Exception = exception,
            Extra = new Dictionary<string, object?> { ["transport"] = this, ["fd"] = fd },
        });

    /// <summary><c>ConnectionLost</c> comes once the child has exited and every pipe is closed, whichever happens last.</summary>
    private void TryFinish()
    {
        if (_returnCode is null || _pipeOpen[0] || _pipeOpen[1] || _pipeOpen[2])
            return;
        ScheduleConnectionLost(null);
    }

    private void KillAndReap()
    {
        if (_returnCode is not null)
            return;
        PosixNative.Kill(Pid, PosixNative.SIGKILL);
        int status;
        int result;
        do
            result = PosixNative.WaitPid(Pid, &status, 0);
        while (result < 0 && Marshal.GetLastPInvokeError() == PosixNative.EINTR);
        _returnCode = result == Pid ? PosixNative.DecodeWaitStatus(status) : 255;
    }

    private void StopExitWatch()
    {
        _exitWatch?.Close();
        _exitWatch = null;
        if (_pidfd >= 0)
        {
            PosixNative.Close(_pidfd);
            _pidfd = -1;
        }
        _pollTimer?.Cancel();
        _pollTimer = null;
    }

    private void CloseEverything()
    {
        StopExitWatch();
        foreach (var pipe in _pipes)
            ((IDisposable?)pipe)?.Dispose();
        Loop.UnregisterCloseable(this);
    }
}
