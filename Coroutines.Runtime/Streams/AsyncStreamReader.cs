using Coroutines.Streams;

namespace Coroutines;

/// <summary>
/// The reading half of a stream connection (asyncio's <c>StreamReader</c>), with asyncio's rules: reads wait for
/// data, the buffer is bounded by <see cref="Limit"/> (the transport is paused above twice the limit and resumed
/// at the limit), errors of the connection surface on the next read.
/// </summary>
/// <remarks>
/// Named <c>AsyncStreamReader</c>, not <c>StreamReader</c>, because <c>System.IO.StreamReader</c> is in scope in
/// every project with implicit usings and a clash there would make every user qualify one of them (the same
/// rule as <see cref="AsyncQueue{T}"/> and <see cref="AsyncLock"/>). Received bytes live in one growable buffer
/// rented from the array pool; the <c>ReadAsync(Memory&lt;byte&gt;)</c> family copies straight into the
/// caller's memory so a reader that brings its own buffer allocates nothing per read.
/// Only one coroutine may wait for data at a time. A waiting read parks its task on the reader itself (no future per
/// wait), and <see cref="ReadAsync"/> is a struct awaitable that completes without suspending when data is buffered,
/// so a read loop over a busy connection allocates nothing. While such a read waits on an empty buffer, the
/// transport receives straight into its memory, so the bytes are not copied a second time.
/// </remarks>
public sealed class AsyncStreamReader : IWaitSource
{
    /// <summary>asyncio's default limit: 64 KiB.</summary>
    public const int DefaultLimit = 64 * 1024;

    private static readonly ReadOnlyMemory<byte>[] NewLine = ["\n"u8.ToArray()];

    private readonly EventLoop _loop;
    private ByteBuffer _buffer;
    private ITaskDriver? _waitingTask;
    private Action? _waitingContinuation;   // a foreign awaiter (not a coroutine task)
    private Exception? _wokenWith;          // the error SetException woke the waiting read with
    private Memory<byte> _waitingDestination;   // the memory of the waiting ReadAsync, lent to the transport
    private bool _destinationLent;          // the last GetFeedBuffer returned _waitingDestination
    private int _receivedInPlace;           // bytes the transport received into the waiting read's memory
    private Exception? _exception;
    private IReadTransport? _transport;
    private bool _eof;
    private bool _paused;

    /// <summary>Creates a reader bound to <paramref name="loop"/> (or <see cref="EventLoop.Current"/>).</summary>
    /// <param name="limit">The buffer limit for separator searches (and half the pause threshold).</param>
    /// <param name="loop">The loop the reader's waits run on.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    public AsyncStreamReader(int limit = DefaultLimit, EventLoop? loop = null)
    {
        if (limit <= 0)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "Limit cannot be <= 0.");
        Limit = limit;
        _loop = loop ?? EventLoop.Current;
    }

    /// <summary>The limit: the longest line or separator-terminated chunk the reader returns.</summary>
    public int Limit { get; }

    /// <summary>The transport whose reading the reader pauses and resumes, once one is attached.</summary>
    public IReadTransport? Transport => _transport;

    /// <summary>How many received bytes wait in the buffer.</summary>
    public int BufferedCount => _buffer.Length;

    /// <summary>True when the end of the stream was fed and every byte has been read (asyncio's <c>at_eof()</c>).</summary>
    public bool AtEof => _eof && _buffer.Length == 0;

    /// <summary>The error set with <see cref="SetException"/>, or null.</summary>
    public Exception? Exception => _exception;

    /// <summary>
    /// Makes every later read throw <paramref name="exception"/>, and wakes a waiting read with it (a read whose
    /// coroutine was cancelled meanwhile is left alone; a read already woken by data returns the data first).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public void SetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _exception = exception;
        if (HasWaiter)
        {
            _wokenWith = exception;
            WakeUpWaiter();
        }
    }

    /// <summary>Attaches the transport the reader pauses when its buffer passes twice the limit.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A transport is attached already.</exception>
    public void SetTransport(IReadTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (_transport is not null)
            throw new InvalidOperationException("The reader already has a transport.");
        _transport = transport;
    }

    /// <summary>Points the reader at the transport a TLS upgrade returned.</summary>
    internal void ReplaceTransport(IReadTransport transport) => _transport = transport;

    /// <summary>Appends received bytes (a no-op for empty data) and wakes a waiting read.</summary>
    /// <exception cref="InvalidOperationException">The end of the stream was fed already.</exception>
    public void FeedData(ReadOnlySpan<byte> data)
    {
        ThrowIfEofFed();
        if (data.IsEmpty)
            return;
        _buffer.Append(data);
        AfterFeed();
    }

    /// <summary>Marks the end of the stream and wakes a waiting read.</summary>
    public void FeedEof()
    {
        _eof = true;
        WakeUpWaiter();
        ReleaseIfDrained();
    }

    /// <summary>
    /// Memory for a transport that receives in place (see <see cref="StreamReaderProtocol"/>): the destination of
    /// the waiting <see cref="ReadAsync"/> when nothing is buffered and it holds at least
    /// <paramref name="lendMinimum"/> bytes (the read then returns without a copy), else free buffer memory of
    /// at least <paramref name="sizeHint"/> bytes.
    /// </summary>
    internal Memory<byte> GetFeedBuffer(int sizeHint, int lendMinimum = int.MaxValue)
    {
        ThrowIfEofFed();
        _destinationLent = _buffer.Length == 0 && _receivedInPlace == 0 && _wokenWith is null
            && _waitingDestination.Length >= lendMinimum && HasWaiter;
        return _destinationLent ? _waitingDestination : _buffer.GetFreeMemory(sizeHint);
    }

    /// <summary>Marks <paramref name="count"/> bytes received into <see cref="GetFeedBuffer"/>'s memory as data.</summary>
    internal void FeedBufferUpdated(int count)
    {
        bool lent = _destinationLent;
        _destinationLent = false;
        if (count == 0)
            return;
        if (lent)
        {
            if ((uint)count > (uint)_waitingDestination.Length)
                throw new ArgumentOutOfRangeException(nameof(count), count, "More bytes were reported than the lent memory could hold.");
            _receivedInPlace = count;
            WakeUpWaiter();
            return;
        }
        _buffer.Advance(count);
        AfterFeed();
    }

    /// <summary>
    /// Reads up to <paramref name="n"/> bytes, waiting only while nothing is buffered; with <paramref name="n"/>
    /// negative, reads to the end of the stream. Returns an empty array at the end of the stream, and at once
    /// for <paramref name="n"/> = 0.
    /// </summary>
    public async Coroutine<byte[]> Read(int n = -1)
    {
        ThrowIfFailed();
        if (n == 0)
            return [];
        if (n < 0)
        {
            while (!_eof)
            {
                await WaitForData(nameof(Read));
                ThrowIfFailed();
            }
            return TakeAndResume(_buffer.Length);
        }
        if (_buffer.Length == 0 && !_eof)
            await WaitForData(nameof(Read));
        return TakeAndResume(Math.Min(n, _buffer.Length));
    }

    /// <summary>
    /// Reads into <paramref name="destination"/> up to its length, waiting only while nothing is buffered;
    /// returns how many bytes were copied, 0 at the end of the stream (and for empty memory).
    /// </summary>
    /// <remarks>
    /// A struct awaitable rather than a coroutine, so the read allocates nothing: with data buffered the
    /// <c>await</c> does not suspend, and a read that waits parks its task on the reader. Like a coroutine it does
    /// nothing until awaited. Use <see cref="StreamReadAwaitable.AsCoroutine"/> to schedule it as a task.
    /// </remarks>
    public StreamReadAwaitable ReadAsync(Memory<byte> destination) => new(this, destination);

    /// <summary>
    /// Fills <paramref name="destination"/> completely, waiting as needed; not bound by <see cref="Limit"/>.
    /// </summary>
    /// <exception cref="IncompleteReadError">The stream ended first; it carries the bytes that were read.</exception>
    public async Coroutine ReadExactlyAsync(Memory<byte> destination)
    {
        ThrowIfFailed();
        int filled = 0;
        while (filled < destination.Length)
        {
            if (_buffer.Length == 0)
            {
                if (_eof)
                    throw new IncompleteReadError(destination[..filled].ToArray(), destination.Length);
                await WaitForData(nameof(ReadExactlyAsync));
                continue;
            }
            filled += CopyOut(destination.Span[filled..]);
        }
    }

    /// <summary>Reads exactly <paramref name="n"/> bytes; not bound by <see cref="Limit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="IncompleteReadError">The stream ended first; it carries the bytes that were read (and the buffer is empty).</exception>
    public async Coroutine<byte[]> ReadExactly(int n)
    {
        if (n < 0)
            throw new ArgumentOutOfRangeException(nameof(n), n, "ReadExactly size can not be less than zero.");
        ThrowIfFailed();
        if (n == 0)
            return [];
        while (_buffer.Length < n)
        {
            if (_eof)
            {
                var partial = _buffer.Take(_buffer.Length);
                ReleaseIfDrained();
                throw new IncompleteReadError(partial, n);
            }
            await WaitForData(nameof(ReadExactly));
        }
        return TakeAndResume(n);
    }

    /// <summary>
    /// Reads one line, up to and including <c>\n</c>; at the end of the stream, the partial last line and then an
    /// empty array.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The line is longer than <see cref="Limit"/> (asyncio's <c>ValueError</c>; the <see cref="LimitOverrunError"/>
    /// is the inner exception). That line is dropped from the buffer when its end was seen, else the whole buffer.
    /// </exception>
    public async Coroutine<byte[]> ReadLine()
    {
        try
        {
            return await ReadUntilCore(NewLine, nameof(ReadLine));
        }
        catch (IncompleteReadError e)
        {
            return e.Partial;
        }
        catch (LimitOverrunError e)
        {
            if (_buffer.Length > e.Consumed && _buffer.Span[e.Consumed] == (byte)'\n')
                _buffer.Consume(e.Consumed + 1);
            else
                _buffer.Clear();
            MaybeResumeTransport();
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>Reads up to and including <c>\n</c>; see <see cref="ReadUntil(ReadOnlyMemory{byte})"/>.</summary>
    public Coroutine<byte[]> ReadUntil() => ReadUntilCore(NewLine, nameof(ReadUntil));

    /// <summary>
    /// Reads up to and including <paramref name="separator"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="separator"/> is empty.</exception>
    /// <exception cref="IncompleteReadError">The stream ended before the separator; it carries all the data, and the buffer is emptied.</exception>
    /// <exception cref="LimitOverrunError">The separator is not within <see cref="Limit"/> bytes; the data stays buffered.</exception>
    public Coroutine<byte[]> ReadUntil(ReadOnlyMemory<byte> separator) => ReadUntil([separator]);

    /// <summary>
    /// Reads up to and including whichever of <paramref name="separators"/> ends first in the stream (asyncio 3.13's
    /// tuple of separators: on <c>ABCDEFG</c>, <c>DEF</c> and <c>BCDE</c> give <c>ABCDE</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="separators"/> is null.</exception>
    /// <exception cref="ArgumentException">No separator was given, or one is empty.</exception>
    /// <exception cref="IncompleteReadError">The stream ended before a separator; it carries all the data, and the buffer is emptied.</exception>
    /// <exception cref="LimitOverrunError">No separator is within <see cref="Limit"/> bytes; the data stays buffered.</exception>
    public Coroutine<byte[]> ReadUntil(params ReadOnlyMemory<byte>[] separators)
    {
        ArgumentNullException.ThrowIfNull(separators);
        if (separators.Length == 0)
            throw new ArgumentException("Separator should contain at least one element.", nameof(separators));
        var sorted = (ReadOnlyMemory<byte>[])separators.Clone();
        Array.Sort(sorted, static (a, b) => a.Length.CompareTo(b.Length));
        if (sorted[0].IsEmpty)
            throw new ArgumentException("Separator should be at least one-byte string.", nameof(separators));
        return ReadUntilCore(sorted, nameof(ReadUntil));
    }

    /// <summary>The loop the reader's waits run on.</summary>
    internal EventLoop Loop => _loop;

    /// <summary>
    /// The await's first question for <see cref="ReadAsync"/>: true when it can complete without waiting (data or
    /// the end is buffered, or nothing is asked); else the wait is begun and false is returned. Throws the
    /// connection's error, and rejects a second waiter here, at the <c>await</c>, where the exception runs the
    /// caller's <c>finally</c> blocks.
    /// </summary>
    internal bool IsReadReady(bool destinationEmpty)
    {
        ThrowIfFailed();
        if (destinationEmpty || _buffer.Length > 0 || _eof)
            return true;
        BeginWait(nameof(ReadAsync));
        return false;
    }

    /// <summary>
    /// asyncio's <c>_wait_for_data</c> checks, before a wait: one waiting reader, not after the end of the stream,
    /// and a paused transport is resumed because the reader needs more than the buffer holds.
    /// </summary>
    internal void BeginWait(string caller)
    {
        if (HasWaiter)
            throw new InvalidOperationException($"{caller}() called while another coroutine is already waiting for incoming data.");
        if (_eof)
            throw new InvalidOperationException($"{caller}() waited for data after the end of the stream.");
        _wokenWith = null;
        _waitingDestination = default;
        if (_paused)
        {
            _paused = false;
            _transport?.ResumeReading();
        }
    }

    /// <summary>
    /// Ends a <see cref="ReadAsync"/>: returns the bytes the transport received into <paramref name="destination"/>
    /// while it waited, else copies buffered bytes into it. A read cancelled after bytes arrived in its memory
    /// puts them back at the head of the buffer, so the next read gets them, as if they had been buffered.
    /// </summary>
    internal int FinishRead(Memory<byte> destination)
    {
        int receivedInPlace = _receivedInPlace;
        _receivedInPlace = 0;
        if (receivedInPlace > 0)
        {
            try
            {
                TaskStepper.ThrowIfCancelledOnResume(_loop);
            }
            catch (CancelledError)
            {
                _buffer.Prepend(destination.Span[..receivedInPlace]);
                AfterFeed();
                throw;
            }
            return receivedInPlace;
        }
        TaskStepper.ThrowIfCancelledOnResume(_loop);
        EndWait();
        return CopyOut(destination.Span);
    }

    /// <summary>After a wait: throws the error <see cref="SetException"/> woke it with.</summary>
    internal void EndWait()
    {
        if (_wokenWith is { } error)
        {
            _wokenWith = null;
            StreamReaderProtocol.Rethrow(error);
        }
    }

    /// <summary>Parks the task of <paramref name="frame"/> on the reader until data, the end or an error is fed.</summary>
    internal void Park(Coroutine frame)
    {
        var task = frame.RequireTask();
        if (!ReferenceEquals(task.Loop, _loop))
            throw new InvalidOperationException("The stream reader belongs to a different loop than the task reading it.");
        task.SuspendOnWaitSource(frame, this);
    }

    /// <summary>Parks a foreign awaiter's continuation (an <c>async Task</c> awaiting a read on the loop's thread).</summary>
    internal void Park(Action continuation) => _waitingContinuation = continuation;

    /// <summary>Parks a <see cref="ReadAsync"/>'s task; the transport may receive into <paramref name="destination"/> meanwhile.</summary>
    internal void Park(Coroutine frame, Memory<byte> destination)
    {
        Park(frame);
        _waitingDestination = destination;
    }

    /// <summary>Parks a <see cref="ReadAsync"/>'s foreign continuation, lending <paramref name="destination"/> the same way.</summary>
    internal void Park(Action continuation, Memory<byte> destination)
    {
        Park(continuation);
        _waitingDestination = destination;
    }

    void IWaitSource.Park(ITaskDriver task) => _waitingTask = task;

    bool IWaitSource.CancelWait(ITaskDriver task)
    {
        if (!ReferenceEquals(_waitingTask, task))
            return false;
        _waitingTask = null;
        _waitingDestination = default;
        return true;
    }

    /// <summary>The reader as a read-only .NET <see cref="Stream"/> (see <see cref="ConnectionStream"/>).</summary>
    public ConnectionStream AsStream() => new(this, null, _loop);

    /// <summary>
    /// Copies buffered bytes into <paramref name="destination"/> without waiting: true with the count (0 at the
    /// end of the stream or for empty memory), false when a read would have to wait.
    /// </summary>
    internal bool TryReadNow(Span<byte> destination, out int count)
    {
        ThrowIfFailed();
        if (destination.IsEmpty || _buffer.Length > 0 || _eof)
        {
            count = CopyOut(destination);
            return true;
        }
        count = 0;
        return false;
    }

    /// <summary>Iterates the lines of the stream with <c>await foreach</c>, until the end of the stream.</summary>
    public LineEnumerator GetAsyncEnumerator() => new(this);

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string> { "AsyncStreamReader" };
        if (_buffer.Length > 0) parts.Add($"{_buffer.Length} bytes");
        if (_eof) parts.Add("eof");
        if (Limit != DefaultLimit) parts.Add($"limit={Limit}");
        if (HasWaiter) parts.Add("waiter");
        if (_exception is not null) parts.Add($"exception={_exception.GetType().Name}");
        if (_transport is not null) parts.Add("transport");
        if (_paused) parts.Add("paused");
        return $"<{string.Join(' ', parts)}>";
    }

    // The separators are sorted by length, shortest first (asyncio 3.13's readuntil).
    private async Coroutine<byte[]> ReadUntilCore(ReadOnlyMemory<byte>[] separators, string caller)
    {
        ThrowIfFailed();
        int minLength = separators[0].Length;
        int maxLength = separators[^1].Length;
        int offset = 0;
        int matchStart, matchEnd;
        while (true)
        {
            int length = _buffer.Length;
            if (length - offset >= minLength)
            {
                (matchStart, matchEnd) = FindFirstEnd(separators, offset);
                if (matchEnd >= 0)
                    break;
                // The next search starts where a separator that is only partly here could begin.
                offset = Math.Max(0, length + 1 - maxLength);
                if (offset > Limit)
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
            }
            if (_eof)
            {
                var all = _buffer.Take(_buffer.Length);
                ReleaseIfDrained();
                throw new IncompleteReadError(all, null);
            }
            await WaitForData(caller);
        }
        if (matchStart > Limit)
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
        return TakeAndResume(matchEnd);
    }

    private (int Start, int End) FindFirstEnd(ReadOnlyMemory<byte>[] separators, int offset)
    {
        var data = _buffer.Span;
        int bestStart = -1, bestEnd = -1;
        foreach (var separator in separators)
        {
            int index = data[offset..].IndexOf(separator.Span);
            if (index < 0)
                continue;
            int start = offset + index;
            int end = start + separator.Length;
            if (bestEnd < 0 || end < bestEnd)
                (bestStart, bestEnd) = (start, end);
        }
        return (bestStart, bestEnd);
    }

    private bool HasWaiter => _waitingTask is not null || _waitingContinuation is not null;

    private DataWaitAwaitable WaitForData(string caller) => new(this, caller);

    private void WakeUpWaiter()
    {
        _waitingDestination = default;   // the woken read's memory is its own again
        if (_waitingTask is { } task)
        {
            _waitingTask = null;
            _loop.EnqueueUnchecked((ILoopWork)task, null, WorkKind.Work);   // a task is its own step
        }
        else if (_waitingContinuation is { } continuation)
        {
            _waitingContinuation = null;
            _loop.EnqueueUnchecked(continuation, null, WorkKind.Action);
        }
    }

    private void AfterFeed()
    {
        WakeUpWaiter();
        if (_transport is not null && !_paused && _buffer.Length > 2 * Limit)
        {
            _paused = true;
            _transport.PauseReading();
        }
    }

    private byte[] TakeAndResume(int count)
    {
        var data = _buffer.Take(count);
        MaybeResumeTransport();
        ReleaseIfDrained();
        return data;
    }

    /// <summary>Copies buffered bytes into <paramref name="destination"/> (as many as fit) and consumes them.</summary>
    internal int CopyOut(Span<byte> destination)
    {
        int count = Math.Min(destination.Length, _buffer.Length);
        _buffer.Span[..count].CopyTo(destination);
        _buffer.Consume(count);
        MaybeResumeTransport();
        ReleaseIfDrained();
        return count;
    }

    private void MaybeResumeTransport()
    {
        if (_paused && _buffer.Length <= Limit)
        {
            _paused = false;
            _transport?.ResumeReading();
        }
    }

    // The array is kept while the connection lives: released after every drain, a hundred connections fed in one
    // loop iteration outran the pool's cache and each receive allocated a fresh array.
    private void ReleaseIfDrained()
    {
        if (_eof && _buffer.Length == 0)
            _buffer.Release();
    }

    internal void ThrowIfFailed()
    {
        if (_exception is not null)
            StreamReaderProtocol.Rethrow(_exception);
    }

    private void ThrowIfEofFed()
    {
        if (_eof)
            throw new InvalidOperationException("FeedData() called after FeedEof().");
    }

    /// <summary>The pattern-based async enumerator over a reader's lines.</summary>
    public sealed class LineEnumerator
    {
        private readonly AsyncStreamReader _reader;

        internal LineEnumerator(AsyncStreamReader reader) => _reader = reader;

        /// <summary>The line read last, with its <c>\n</c> (the last line of the stream may lack it).</summary>
        public byte[] Current { get; private set; } = [];

        /// <summary>Reads the next line; false at the end of the stream.</summary>
        public async Coroutine<bool> MoveNextAsync()
        {
            Current = await _reader.ReadLine();
            return Current.Length > 0;
        }
    }
}
