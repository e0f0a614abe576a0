using System.Buffers;
using System.Net.Security;
using Coroutines.Protocols;
using Coroutines.Streams;

namespace Coroutines.Tls;

/// <summary>
/// TLS as a protocol layer (asyncio's <c>sslproto.SSLProtocol</c>): it is the socket transport's protocol and
/// receives ciphertext, runs a .NET <see cref="SslStream"/> over an in-memory <see cref="TlsBridgeStream"/>, and
/// gives the application's protocol a <see cref="TlsTransport"/> that carries plaintext. The socket path stays
/// the socket transport's; write flow control passes through (the socket transport's pause and resume reach
/// the application's protocol), and so does the callback order: the application's
/// <see cref="BaseProtocol.ConnectionMade"/> after the handshake, data, at most one end of stream, then
/// <see cref="BaseProtocol.ConnectionLost"/> once.
/// </summary>
internal sealed class TlsProtocol : BufferedProtocol
{
    private const int PlaintextBufferSize = 16 * 1024 + 256;   // one TLS record's payload

    private readonly EventLoop _loop;
    private readonly TlsSettings _settings;
    private readonly Future<ITransport>? _waiter;
    private readonly bool _callConnectionMade;
    private readonly Action _onReadCompleted;
    private readonly Action _onReadCompletedOnLoop;
    private readonly TlsTransport _appTransport;
    private BaseProtocol _app;
    private ITransport? _transport;
    private TlsBridgeStream? _bridge;
    private SslStream? _ssl;
    private TimerHandle? _timer;
    private ByteBuffer _writesBeforeHandshake;
    private byte[]? _plaintext;
    private ValueTask<int> _pendingRead;
    private Exception? _lostError;
    private State _state;
    private int _loopThread;
    private bool _appConnected;
    private bool _appLost;
    private bool _appClosing;
    private bool _appReadingPaused;
    private bool _readInFlight;
    private bool _resumeScheduled;
    private int _undelivered;

    private enum State
    {
        Created,
        Handshaking,
        Open,
        ShuttingDown,
        Closed,
    }

    /// <param name="loop">The loop of the socket transport.</param>
    /// <param name="app">The application's protocol.</param>
    /// <param name="settings">Which side, its options and timeouts.</param>
    /// <param name="waiter">Completed with the TLS transport after the handshake, or with the handshake's error.</param>
    /// <param name="callConnectionMade">
    /// Whether the application's protocol hears <see cref="BaseProtocol.ConnectionMade"/> after the handshake
    /// (false for <c>StartTls</c>, whose protocol is connected already).
    /// </param>
    public TlsProtocol(EventLoop loop, BaseProtocol app, TlsSettings settings, Future<ITransport>? waiter, bool callConnectionMade)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        _loop = loop;
        _app = app;
        _settings = settings;
        _waiter = waiter;
        _callConnectionMade = callConnectionMade;
        _appConnected = !callConnectionMade;
        _onReadCompleted = OnReadCompleted;
        _onReadCompletedOnLoop = OnReadCompletedOnLoop;
        _appTransport = new TlsTransport(this);
    }

    /// <summary>The transport the application's protocol sees.</summary>
    public TlsTransport AppTransport => _appTransport;

    internal BaseProtocol App => _app;

    internal SslStream? Ssl => _ssl;

    internal TlsSettings Settings => _settings;

    internal ITransport? SocketTransport => _transport;

    internal int DroppedWrites { get; private set; }

    /// <summary>The peer's certificate, once the handshake is done (null when the peer sent none).</summary>
    internal System.Security.Cryptography.X509Certificates.X509Certificate? PeerCertificate { get; private set; }

    /// <summary>The negotiated cipher suite and protocol version, once the handshake is done.</summary>
    internal (TlsCipherSuite Suite, System.Security.Authentication.SslProtocols Protocol)? Cipher { get; private set; }

    internal bool AppClosing => _appClosing;

    internal bool AppReading => !_appReadingPaused && !_appClosing && _state is State.Open;

    internal int PendingWriteSize => _writesBeforeHandshake.Length;

    public override void ConnectionMade(IBaseTransport transport)
    {
        if (transport is not ITransport stream)
            throw new ArgumentException($"TLS needs an {nameof(ITransport)}, not {transport?.GetType().Name ?? "null"}.", nameof(transport));
        _transport = stream;
        _loopThread = Environment.CurrentManagedThreadId;
        _bridge = new TlsBridgeStream(stream);
        _ssl = new SslStream(_bridge, leaveInnerStreamOpen: true);
        _state = State.Handshaking;
        _timer = _loop.CallLater(_settings.HandshakeTimeout, OnHandshakeTimeout);
        Task handshake;
        try
        {
            handshake = _settings.Client is { } client
                ? _ssl.AuthenticateAsClientAsync(client)
                : _ssl.AuthenticateAsServerAsync(_settings.Server!);
        }
        catch (Exception e)
        {
            FailHandshake(e);
            return;
        }
        if (handshake.IsCompleted)
            OnHandshakeDone(handshake);
        else
            handshake.ContinueWith(static (done, state) => ((TlsProtocol)state!).RunOnLoop(() => ((TlsProtocol)state!).OnHandshakeDone(done)),
                this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public override Memory<byte> GetBuffer(int sizeHint) =>
        _bridge is { } bridge ? bridge.GetReceiveBuffer(sizeHint) : throw new InvalidOperationException("TLS received data before its connection was made.");

    public override void BufferUpdated(int byteCount) => _bridge?.ReceiveBufferUpdated(byteCount);

    public override bool EofReceived()
    {
        // TLS has no half-close: the SslStream sees the end, and this layer closes the connection after it.
        _bridge?.FeedEof();
        return true;
    }

    public override void ConnectionLost(Exception? exception)
    {
        _timer?.Cancel();
        var previous = _state;
        _state = State.Closed;
        var error = _lostError ?? exception;
        if (previous is State.Handshaking or State.Created)
            FailWaiter(error ?? StreamReaderProtocol.ConnectionLostError());
        _bridge?.Fail(exception ?? new IOException("The TLS connection was closed."));
        if (_appConnected && !_appLost)
        {
            _appLost = true;
            _app.ConnectionLost(error);
        }
        _ssl?.Dispose();
        _writesBeforeHandshake.Release();
        if (_plaintext is not null && !_readInFlight)
        {
            ArrayPool<byte>.Shared.Return(_plaintext);
            _plaintext = null;
        }
        _transport = null;
    }

    public override void PauseWriting()
    {
        if (_appConnected && !_appLost)
            _app.PauseWriting();
    }

    public override void ResumeWriting()
    {
        if (_appConnected && !_appLost)
            _app.ResumeWriting();
    }

    internal void SetApp(BaseProtocol protocol) => _app = protocol;

    internal void AppWrite(ReadOnlySpan<byte> data)
    {
        if (_appClosing || _state is State.ShuttingDown or State.Closed)
        {
            DroppedWrites++;
            return;
        }
        if (_state is State.Created or State.Handshaking)
        {
            _writesBeforeHandshake.Append(data);
            return;
        }
        Encrypt(data);
    }

    internal void AppClose()
    {
        if (_appClosing)
            return;
        _appClosing = true;
        if (_state is State.Open)
            StartShutdown();
        else if (_state is State.Created)
            _transport?.Close();
        // While handshaking, the shutdown starts once the handshake is done (after the writes made meanwhile).
    }

    internal void AppAbort()
    {
        _appClosing = true;
        _transport?.Abort();
    }

    internal void AppPauseReading()
    {
        if (_appReadingPaused)
            return;
        _appReadingPaused = true;
        _transport?.PauseReading();
    }

    internal void AppResumeReading()
    {
        if (!_appReadingPaused)
            return;
        _appReadingPaused = false;
        _transport?.ResumeReading();
        if (_resumeScheduled)
            return;
        _resumeScheduled = true;
        _loop.CallSoon(static self =>
        {
            self._resumeScheduled = false;
            if (self._appReadingPaused || self._state is not State.Open)
                return;
            if (self._undelivered > 0)
            {
                int count = self._undelivered;
                self._undelivered = 0;
                self.Deliver(count);
            }
            self.ReadMore();
        }, this);
    }

    private void OnHandshakeTimeout()
    {
        if (_state is not State.Handshaking)
            return;
        FailHandshake(new TimeoutException(
            $"TLS handshake is taking longer than {_settings.HandshakeTimeout.TotalSeconds:0.###} seconds: aborting the connection."));
    }

    private void OnHandshakeDone(Task handshake)
    {
        var error = handshake.Exception?.InnerException;
        if (_state is not State.Handshaking)
            return;
        _timer?.Cancel();
        _timer = null;
        if (error is not null || handshake.IsCanceled)
        {
            FailHandshake(error ?? new OperationCanceledException("The TLS handshake was cancelled."));
            return;
        }
        _state = State.Open;
        // Kept so the extra information outlives the SslStream, which is disposed with the connection.
        PeerCertificate = _ssl!.RemoteCertificate;
        Cipher = (_ssl.NegotiatedCipherSuite, _ssl.SslProtocol);
        if (_callConnectionMade)
        {
            _appConnected = true;
            try
            {
                _app.ConnectionMade(_appTransport);
            }
            catch (Exception e)
            {
                Fatal(e, "Fatal error: protocol.ConnectionMade() call failed.");
                FailWaiter(e);
                return;
            }
        }
        if (_writesBeforeHandshake.Length > 0)
        {
            Encrypt(_writesBeforeHandshake.Span);
            _writesBeforeHandshake.Release();
        }
        _waiter?.TrySetResult(_appTransport);
        if (_appClosing)
            StartShutdown();
        else
            ReadMore();
    }

    private void FailHandshake(Exception error)
    {
        if (_state is State.Closed)
            return;
        _timer?.Cancel();
        _timer = null;
        _lostError = error;
        FailWaiter(error);
        if (_waiter is null && _loop.Debug)
            Report(error, "TLS handshake failed");
        _state = State.Closed;
        _transport?.Abort();
    }

    private void ReadMore()
    {
        _plaintext ??= ArrayPool<byte>.Shared.Rent(PlaintextBufferSize);
        while (_state is State.Open or State.ShuttingDown && !_readInFlight && _undelivered == 0 && !(_appReadingPaused && _state is State.Open))
        {
            ValueTask<int> read;
            try
            {
                read = _ssl!.ReadAsync(_plaintext);
            }
            catch (Exception e)
            {
                OnReadFailed(e);
                return;
            }
            if (!read.IsCompleted)
            {
                _readInFlight = true;
                _pendingRead = read;
                read.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onReadCompleted);
                return;
            }
            if (!HandleRead(read))
                return;
        }
    }

    private void OnReadCompleted()
    {
        // SslStream continues inline inside the bridge's completion, which runs on the loop thread; anything
        // else is moved there.
        if (Environment.CurrentManagedThreadId == _loopThread)
            OnReadCompletedOnLoop();
        else
            _loop.CallSoonThreadSafe(_onReadCompletedOnLoop);
    }

    private void OnReadCompletedOnLoop()
    {
        _readInFlight = false;
        var read = _pendingRead;
        _pendingRead = default;
        if (HandleRead(read))
            ReadMore();
        else if (_state is State.Closed && _plaintext is not null)
        {
            ArrayPool<byte>.Shared.Return(_plaintext);
            _plaintext = null;
        }
    }

    /// <summary>Handles one finished plaintext read; true when the next read may start.</summary>
    private bool HandleRead(ValueTask<int> read)
    {
        int count;
        try
        {
            count = read.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            if (_state is State.ShuttingDown)
                FinishShutdown();
            else if (_state is State.Open)
                OnReadFailed(e);
            return false;
        }
        if (_state is State.Closed)
            return false;
        if (count == 0)
        {
            OnTlsEof();
            return false;
        }
        if (_state is State.ShuttingDown)
            return true;   // data after close() is dropped, as asyncio does
        if (_appReadingPaused)
        {
            _undelivered = count;
            return false;
        }
        Deliver(count);
        return _state is State.Open;
    }

    private void Deliver(int count)
    {
        try
        {
            ProtocolCalls.DeliverData(_app, _plaintext.AsSpan(0, count));
        }
        catch (Exception e)
        {
            Fatal(e, "Fatal error: protocol.DataReceived() call failed.");
        }
    }

    private void OnTlsEof()
    {
        if (_state is State.ShuttingDown)
        {
            FinishShutdown();
            return;
        }
        try
        {
            // The return value has no effect: TLS cannot stay half-open (asyncio warns the same).
            _ = ProtocolCalls.DeliverEof(_app);
        }
        catch (Exception e)
        {
            Fatal(e, "Fatal error: protocol.EofReceived() call failed.");
            return;
        }
        _appClosing = true;
        StartShutdown(peerClosed: true);
    }

    private void OnReadFailed(Exception error)
    {
        // A reset or an end of stream in the middle of a record, or a corrupt record: the connection is lost
        // with that error.
        _lostError ??= error;
        _state = State.Closed;
        _transport?.Abort();
    }

    private void Encrypt(ReadOnlySpan<byte> data)
    {
        try
        {
            _ssl!.Write(data);
        }
        catch (Exception e)
        {
            _lostError ??= e;
            _state = State.Closed;
            _transport?.Abort();
        }
    }

    private void StartShutdown(bool peerClosed = false)
    {
        if (_state is not State.Open)
            return;
        _state = State.ShuttingDown;
        try
        {
            // Sends close_notify; the bridge's writes are synchronous, so the task is complete on return.
            _ssl!.ShutdownAsync().GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The peer is gone already: nothing more to say to it.
            peerClosed = true;
        }
        if (peerClosed)
        {
            FinishShutdown();
            return;
        }
        // Wait for the peer's close_notify (or its end of stream), at most the shutdown timeout.
        _timer = _loop.CallLater(_settings.ShutdownTimeout, () => _transport?.Abort());
        if (_appReadingPaused)
            _transport?.ResumeReading();
        ReadMore();
    }

    private void FinishShutdown()
    {
        _timer?.Cancel();
        _timer = null;
        _transport?.Close();
    }

    private void Fatal(Exception error, string message)
    {
        Report(error, message);
        _lostError ??= error;
        _state = State.Closed;
        _transport?.Abort();
    }

    private void Report(Exception error, string message) =>
        _loop.CallExceptionHandler(new ExceptionContext(message)
        {
            Exception = error,
            Extra = new Dictionary<string, object?> { ["transport"] = _appTransport, ["protocol"] = _app },
        });

    private void FailWaiter(Exception error)
    {
        if (_waiter is { Done: false } waiter)
            waiter.SetException(error);
    }

    private void RunOnLoop(Action action)
    {
        if (Environment.CurrentManagedThreadId == _loopThread)
            action();
        else
            _loop.CallSoonThreadSafe(action);
    }
}
