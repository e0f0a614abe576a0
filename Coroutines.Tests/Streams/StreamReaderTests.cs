using System.Text;
using Coroutines.Tests.Runtime;

namespace Coroutines.Tests.Streams;

/// <summary>asyncio's StreamReader rules, ported from CPython test_streams (test names in each test's name).</summary>
public class StreamReaderTests : LoopTestBase
{
    private static byte[] B(string text) => Encoding.ASCII.GetBytes(text);

    private static string S(byte[] data) => Encoding.ASCII.GetString(data);

    [Test]
    public void InvalidLimit_ZeroOrNegative_Throws() // test_invalid_limit
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncStreamReader(limit: 0));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncStreamReader(limit: -1))!;
        Assert.That(e.Message, Does.Contain("Limit cannot be <= 0"));
    }

    [Test]
    public void FeedEmptyData_IsANoOp() // test_feed_empty_data
    {
        var reader = new AsyncStreamReader();
        reader.FeedData([]);
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void FeedData_AfterFeedEof_Throws()
    {
        var reader = new AsyncStreamReader();
        reader.FeedEof();
        Assert.Throws<InvalidOperationException>(() => reader.FeedData(B("x")));
    }

    [Test]
    public void FeedNonEmptyData_IsBuffered() // test_feed_nonempty_data
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("line1\nline2\n"));
        Assert.That(reader.BufferedCount, Is.EqualTo(12));
    }

    [Test]
    public void ReadZero_ReturnsEmptyAndLeavesTheBuffer() // test_read_zero
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("line1\n"));
        Assert.That(Loop.RunUntilComplete(reader.Read(0)), Is.Empty);
        Assert.That(reader.BufferedCount, Is.EqualTo(6));
    }

    [Test]
    public void Read_WaitsForData() // test_read
    {
        var reader = new AsyncStreamReader();
        var task = Loop.CreateTask(reader.Read(30));
        RunIterations(2);
        Assert.That(task.Done, Is.False);
        reader.FeedData(B("line1\n"));
        Assert.That(S(Loop.RunUntilComplete(task)), Is.EqualTo("line1\n"));
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void Read_ReturnsUpToNBytes_AsSoonAsAnyAreAvailable() // test_read_line_breaks
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("line1"));
        reader.FeedData(B("line2"));
        Assert.That(S(Loop.RunUntilComplete(reader.Read(5))), Is.EqualTo("line1"));
        Assert.That(S(Loop.RunUntilComplete(reader.Read(5))), Is.EqualTo("line2"));
    }

    [Test]
    public void Read_AtEofWithEmptyBuffer_ReturnsEmpty() // test_read_eof
    {
        var reader = new AsyncStreamReader();
        var task = Loop.CreateTask(reader.Read(1024));
        RunIterations(1);
        reader.FeedEof();
        Assert.That(Loop.RunUntilComplete(task), Is.Empty);
        Assert.That(reader.AtEof, Is.True);
    }

    [Test]
    public void ReadNegative_ReadsUntilEof() // test_read_until_eof
    {
        var reader = new AsyncStreamReader();
        var task = Loop.CreateTask(reader.Read(-1));
        RunIterations(1);
        reader.FeedData(B("chunk1\n"));
        reader.FeedData(B("chunk2"));
        RunIterations(2);
        Assert.That(task.Done, Is.False);
        reader.FeedEof();
        Assert.That(S(Loop.RunUntilComplete(task)), Is.EqualTo("chunk1\nchunk2"));
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void Read_AfterSetException_Throws() // test_read_exception
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("line\n"));
        Assert.That(S(Loop.RunUntilComplete(reader.Read(2))), Is.EqualTo("li"));
        reader.SetException(new InvalidOperationException("boom"));
        Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(reader.Read(2)));
    }

    [Test]
    public void ReadLine_ReturnsTheLineWithItsNewline() // test_readline
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("chk"));
        var task = Loop.CreateTask(reader.ReadLine());
        RunIterations(1);
        reader.FeedData(B("chunk2 "));
        RunIterations(1);
        Assert.That(task.Done, Is.False);
        reader.FeedData(B("chunk3\nchunk4"));
        Assert.That(S(Loop.RunUntilComplete(task)), Is.EqualTo("chkchunk2 chunk3\n"));
        Assert.That(reader.BufferedCount, Is.EqualTo("chunk4".Length));
    }

    [Test]
    public void ReadLine_WithDataBuffered_DoesNotWait() // test_readline_nolimit_nowait
    {
        var reader = new AsyncStreamReader(limit: 3);
        reader.FeedData(B("line1\nline2\nline3\n"));
        reader.FeedData(B("line4\n"));
        // limit 3 < "line1" (5): the limit applies to where the separator starts.
        Assert.Throws<InvalidDataException>(() => Loop.RunUntilComplete(reader.ReadLine()));
        var unlimited = new AsyncStreamReader();
        unlimited.FeedData(B("line1\nline2\n"));
        Assert.That(S(Loop.RunUntilComplete(unlimited.ReadLine())), Is.EqualTo("line1\n"));
        Assert.That(S(Loop.RunUntilComplete(unlimited.ReadLine())), Is.EqualTo("line2\n"));
    }

    [Test]
    public void ReadLine_AtEof_ReturnsThePartialLineThenEmpty() // test_readline_eof, test_readline_empty_eof
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("some data"));
        reader.FeedEof();
        Assert.That(S(Loop.RunUntilComplete(reader.ReadLine())), Is.EqualTo("some data"));
        Assert.That(Loop.RunUntilComplete(reader.ReadLine()), Is.Empty);
        Assert.That(reader.AtEof, Is.True);
    }

    [Test]
    public void ReadLine_LongerThanLimit_ThrowsAndDropsThatLine() // test_readline_limit_with_existing_data
    {
        var reader = new AsyncStreamReader(limit: 3);
        reader.FeedData(B("li"));
        reader.FeedData(B("ne1\nline2\n"));
        var e = Assert.Throws<InvalidDataException>(() => Loop.RunUntilComplete(reader.ReadLine()))!;
        Assert.That(e.InnerException, Is.TypeOf<LimitOverrunError>());
        // The line whose end was seen is removed; the next one stays.
        Assert.That(S(ReadAllBuffered(reader)), Is.EqualTo("line2\n"));
    }

    [Test]
    public void ReadLine_LongerThanLimitWithoutNewline_ClearsTheBuffer() // test_readline_limit
    {
        var reader = new AsyncStreamReader(limit: 7);
        var task = Loop.CreateTask(reader.ReadLine());
        RunIterations(1);
        reader.FeedData(B("chunk1"));
        reader.FeedData(B("chunk2"));
        reader.FeedData(B("chunk3\n"));
        Assert.Throws<InvalidDataException>(() => Loop.RunUntilComplete(task));
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void ReadLine_LimitIsStrict_SevenBytesPlusNewlineFitLimitSeven()
    {
        var reader = new AsyncStreamReader(limit: 7);
        reader.FeedData(B("1234567\n12345678\n"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadLine())), Is.EqualTo("1234567\n"));
        Assert.Throws<InvalidDataException>(() => Loop.RunUntilComplete(reader.ReadLine()));
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void ReadLine_AfterSetException_Throws() // test_readline_exception
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("line\n"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadLine())), Is.EqualTo("line\n"));
        reader.SetException(new InvalidOperationException("boom"));
        Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(reader.ReadLine()));
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void ReadUntil_EmptySeparatorOrNone_Throws() // test_readuntil_separator
    {
        var reader = new AsyncStreamReader();
        var e = Assert.Throws<ArgumentException>(() => reader.ReadUntil(ReadOnlyMemory<byte>.Empty))!;
        Assert.That(e.Message, Does.Contain("at least one-byte"));
        e = Assert.Throws<ArgumentException>(() => reader.ReadUntil(Array.Empty<ReadOnlyMemory<byte>>()))!;
        Assert.That(e.Message, Does.Contain("at least one element"));
    }

    [Test]
    public void ReadUntil_MultiByteSeparator_ReturnsThroughTheSeparator() // test_readuntil_multi_chunks_1
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("QWEaa"));
        reader.FeedData(B("XYaa"));
        reader.FeedData(B("a"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadUntil(B("aaa")))), Is.EqualTo("QWEaaXYaaa"));
        reader.FeedData(B("XYaaa"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadUntil(B("aaa")))), Is.EqualTo("XYaaa"));
        reader.FeedData(B("XYZaaa"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadUntil(B("aaa")))), Is.EqualTo("XYZaaa"));
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void ReadUntil_SeparatorSplitAcrossChunks_IsFound() // test_readuntil_multi_chunks
    {
        var reader = new AsyncStreamReader();
        var task = Loop.CreateTask(reader.ReadUntil(B("aaa")));
        RunIterations(1);
        reader.FeedData(B("XYa"));
        RunIterations(1);
        reader.FeedData(B("a"));
        RunIterations(1);
        Assert.That(task.Done, Is.False);
        reader.FeedData(B("aZ"));
        Assert.That(S(Loop.RunUntilComplete(task)), Is.EqualTo("XYaaa"));
        Assert.That(reader.BufferedCount, Is.EqualTo(1));
    }

    [Test]
    public void ReadUntil_MultipleSeparators_FirstEndPositionWins() // test_readuntil_multi_separator
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("ABCDEFG"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadUntil(B("DEF"), B("BCDE")))), Is.EqualTo("ABCDE"));
        Assert.That(S(ReadAllBuffered(reader)), Is.EqualTo("FG"));
    }

    [Test]
    public void ReadUntil_EofBeforeSeparator_ThrowsIncompleteWithAllDataAndClears() // test_readuntil_eof
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("some dataAA"));
        reader.FeedEof();
        var e = Assert.Throws<IncompleteReadError>(() => Loop.RunUntilComplete(reader.ReadUntil(B("AAA"))))!;
        Assert.That(S(e.Partial), Is.EqualTo("some dataAA"));
        Assert.That(e.Expected, Is.Null);
        Assert.That(e.Message, Is.EqualTo("11 bytes read on a total of undefined expected bytes"));
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void ReadUntil_SeparatorBeyondLimit_ThrowsWithConsumedAndKeepsTheData() // test_readuntil_limit_found_sep
    {
        var reader = new AsyncStreamReader(limit: 3);
        reader.FeedData(B("some dataAA"));
        var e = Assert.Throws<LimitOverrunError>(() => Loop.RunUntilComplete(reader.ReadUntil(B("AAA"))))!;
        Assert.That(e.Message, Does.Contain("not found"));
        Assert.That(reader.BufferedCount, Is.EqualTo(11));

        reader.FeedData(B("A"));
        e = Assert.Throws<LimitOverrunError>(() => Loop.RunUntilComplete(reader.ReadUntil(B("AAA"))))!;
        Assert.That(e.Message, Does.Contain("is found"));
        Assert.That(e.Consumed, Is.EqualTo(9));
        Assert.That(reader.BufferedCount, Is.EqualTo(12));
    }

    [Test]
    public void ReadUntil_LimitOverrun_CallerRecoversByConsumingAndSearchingAgain()
    {
        var reader = new AsyncStreamReader(limit: 7);
        reader.FeedData(B("0123456789abc\nrest"));
        var e = Assert.Throws<LimitOverrunError>(() => Loop.RunUntilComplete(reader.ReadUntil(B("\n"))))!;
        Assert.That(e.Consumed, Is.EqualTo(13));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadExactly(e.Consumed))), Is.EqualTo("0123456789abc"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadUntil(B("\n")))), Is.EqualTo("\n"));
    }

    [Test]
    public void ReadExactly_ReturnsExactlyN_AcrossChunks() // test_readexactly
    {
        var reader = new AsyncStreamReader();
        int n = 2 * 16;
        var task = Loop.CreateTask(reader.ReadExactly(n));
        RunIterations(1);
        reader.FeedData(B("chunk1chunk2chunk3chunk4chunk5chunk6"[..20]));
        RunIterations(1);
        Assert.That(task.Done, Is.False);
        reader.FeedData(B("chunk4chunk5chunk6"));
        Assert.That(S(Loop.RunUntilComplete(task)), Is.EqualTo("chunk1chunk2chunk3chunk4chunk5"[..20] + "chunk4chunk5"));
        Assert.That(reader.BufferedCount, Is.EqualTo(6));
    }

    [Test]
    public void ReadExactly_IsNotBoundByTheLimit() // test_readexactly_limit
    {
        var reader = new AsyncStreamReader(limit: 3);
        reader.FeedData(B("chunk"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadExactly(5))), Is.EqualTo("chunk"));
    }

    [Test]
    public void ReadExactly_ZeroOrLess() // test_readexactly_zero_or_less
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("data"));
        Assert.That(Loop.RunUntilComplete(reader.ReadExactly(0)), Is.Empty);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Loop.RunUntilComplete(reader.ReadExactly(-1)))!;
        Assert.That(e.Message, Does.Contain("less than zero"));
        Assert.That(reader.BufferedCount, Is.EqualTo(4));
    }

    [Test]
    public void ReadExactly_EofEarly_ThrowsIncompleteWithThePartialBytes() // test_readexactly_eof
    {
        var reader = new AsyncStreamReader();
        var data = B("chunk-of-18-bytes!");
        var task = Loop.CreateTask(reader.ReadExactly(2 * data.Length));
        RunIterations(1);
        reader.FeedData(data);
        reader.FeedEof();
        var e = Assert.Throws<IncompleteReadError>(() => Loop.RunUntilComplete(task))!;
        Assert.That(e.Partial, Is.EqualTo(data));
        Assert.That(e.Expected, Is.EqualTo(36));
        Assert.That(e.Message, Is.EqualTo("18 bytes read on a total of 36 expected bytes"));
        Assert.That(e, Is.InstanceOf<EndOfStreamException>());
        Assert.That(reader.BufferedCount, Is.Zero);
    }

    [Test]
    public void ReadExactly_AfterSetException_Throws() // test_readexactly_exception
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("line\n"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadExactly(2))), Is.EqualTo("li"));
        reader.SetException(new InvalidOperationException("boom"));
        Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(reader.ReadExactly(2)));
    }

    [Test]
    public void AtEof_OnlyWhenEofFedAndBufferEmpty() // test_at_eof
    {
        var reader = new AsyncStreamReader();
        Assert.That(reader.AtEof, Is.False);
        reader.FeedData(B("some data\n"));
        Assert.That(reader.AtEof, Is.False);
        Loop.RunUntilComplete(reader.ReadLine());
        Assert.That(reader.AtEof, Is.False);
        reader.FeedData(B("some data\n"));
        reader.FeedEof();
        Loop.RunUntilComplete(reader.ReadLine());
        Assert.That(reader.AtEof, Is.True);
    }

    [Test]
    public void SetException_WakesAWaitingReaderWithIt() // test_exception_waiter
    {
        var reader = new AsyncStreamReader();
        async Coroutine<string> ReadLine() => S(await reader.ReadLine());
        var task = Loop.CreateTask(ReadLine());
        RunIterations(1);
        reader.SetException(new InvalidOperationException("boom"));
        var e = Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(task))!;
        Assert.That(e.Message, Is.EqualTo("boom"));
    }

    [Test]
    public void SetException_AfterTheWaitingReaderWasCancelled_BreaksNothing() // test_exception_cancel
    {
        var reader = new AsyncStreamReader();
        var task = Loop.CreateTask(reader.ReadLine());
        RunIterations(1);
        task.Cancel();
        RunIterations(2);
        Assert.That(task.Cancelled, Is.True);
        reader.SetException(new InvalidOperationException("boom"));
        RunIterations(1);
        Assert.That(Reports, Is.Empty);
        Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(reader.Read(1)));
    }

    [Test]
    public void CancelledRead_LetsTheNextReadWait()
    {
        var reader = new AsyncStreamReader();
        var first = Loop.CreateTask(reader.Read(10));
        RunIterations(1);
        first.Cancel();
        RunIterations(2);
        var second = Loop.CreateTask(reader.Read(10));
        RunIterations(1);
        reader.FeedData(B("abc"));
        Assert.That(S(Loop.RunUntilComplete(second)), Is.EqualTo("abc"));
    }

    [Test]
    public void TwoConcurrentReaders_TheSecondThrows()
    {
        var reader = new AsyncStreamReader();
        var first = Loop.CreateTask(reader.Read(10));
        var second = Loop.CreateTask(reader.ReadLine());
        RunIterations(1);
        Assert.That(second.Done, Is.True);
        var e = Assert.Throws<InvalidOperationException>(() => second.Result())!;
        Assert.That(e.Message, Is.EqualTo("ReadLine() called while another coroutine is already waiting for incoming data."));
        reader.FeedData(B("x"));
        Assert.That(S(Loop.RunUntilComplete(first)), Is.EqualTo("x"));
    }

    [Test]
    public void Feed_AboveTwiceTheLimit_PausesTheTransport_AndReadingToTheLimitResumesIt()
    {
        var reader = new AsyncStreamReader(limit: 10);
        var transport = new RecordingReadTransport();
        reader.SetTransport(transport);
        reader.FeedData(new byte[20]);
        Assert.That(transport.Calls, Is.Empty, "exactly 2 x limit does not pause");
        reader.FeedData(new byte[1]);
        Assert.That(transport.Calls, Is.EqualTo(new[] { "pause" }));
        reader.FeedData(new byte[5]);
        Assert.That(transport.Calls, Is.EqualTo(new[] { "pause" }), "paused once");
        Loop.RunUntilComplete(reader.Read(15));
        Assert.That(transport.Calls, Is.EqualTo(new[] { "pause" }), "11 bytes left is still above the limit");
        Loop.RunUntilComplete(reader.Read(1));
        Assert.That(transport.Calls, Is.EqualTo(new[] { "pause", "resume" }), "10 bytes left: resumed");
    }

    [Test]
    public void WaitingForMoreThanTheBuffer_ResumesAPausedTransport()
    {
        var reader = new AsyncStreamReader(limit: 4);
        var transport = new RecordingReadTransport();
        reader.SetTransport(transport);
        reader.FeedData(new byte[9]);
        var task = Loop.CreateTask(reader.ReadExactly(20));
        RunIterations(1);
        Assert.That(transport.Calls, Is.EqualTo(new[] { "pause", "resume" }));
        reader.FeedData(new byte[11]);
        Assert.That(Loop.RunUntilComplete(task).Length, Is.EqualTo(20));
    }

    [Test]
    public void ReadAsync_CopiesIntoCallerMemory()
    {
        var reader = new AsyncStreamReader();
        var destination = new byte[4];
        var task = Loop.CreateTask(reader.ReadAsync(destination).AsCoroutine());
        RunIterations(1);
        reader.FeedData(B("abcdef"));
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(4));
        Assert.That(S(destination), Is.EqualTo("abcd"));
        Assert.That(Loop.RunUntilComplete(reader.ReadAsync(destination).AsCoroutine()), Is.EqualTo(2));
        Assert.That(S(destination[..2]), Is.EqualTo("ef"));
        reader.FeedEof();
        Assert.That(Loop.RunUntilComplete(reader.ReadAsync(destination).AsCoroutine()), Is.Zero);
    }

    [Test]
    public void ReadAsync_WithDataBuffered_CompletesWithoutSuspending()
    {
        var reader = new AsyncStreamReader();
        var destination = new byte[8];
        Assert.That(reader.ReadAsync(destination).GetAwaiter().IsCompleted, Is.False, "nothing buffered: the read must wait");
        reader.FeedData(B("abc"));
        var awaiter = reader.ReadAsync(destination).GetAwaiter();
        Assert.That(awaiter.IsCompleted, Is.True);
        Assert.That(awaiter.GetResult(), Is.EqualTo(3));
        Assert.That(S(destination[..3]), Is.EqualTo("abc"));
    }

    [Test]
    public void ReadAsync_OfBufferedData_AllocatesNothing()
    {
        const int Reads = 1000;
        var reader = new AsyncStreamReader();
        reader.FeedData(new byte[Reads * 10]);
        async Coroutine<long> Consume()
        {
            var destination = new byte[10];
            long total = await reader.ReadAsync(destination);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 1; i < Reads; i++)
                total += await reader.ReadAsync(destination);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(total, Is.EqualTo(Reads * 10L));
            return allocated;
        }
        // With data buffered the await does not suspend: no frame, no future (the old coroutine allocated both).
        Assert.That(Loop.RunUntilComplete(Consume()), Is.Zero);
    }

    [Test]
    public void ReadAsync_WokenByData_ThenAnError_ReturnsTheDataFirst()
    {
        var reader = new AsyncStreamReader();
        var destination = new byte[8];
        var task = Loop.CreateTask(reader.ReadAsync(destination).AsCoroutine());
        RunIterations(1);
        reader.FeedData(B("ab"));
        reader.SetException(new IOException("reset"));
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(2));
        Assert.Throws<IOException>(() => Loop.RunUntilComplete(reader.ReadAsync(destination).AsCoroutine()));
    }

    [Test]
    public void ReadAsync_CancelledWhileWaiting_LeavesTheDataForTheNextRead()
    {
        var reader = new AsyncStreamReader();
        var destination = new byte[8];
        var first = Loop.CreateTask(reader.ReadAsync(destination).AsCoroutine());
        RunIterations(1);
        first.Cancel();
        RunIterations(2);
        Assert.That(first.Cancelled, Is.True);
        Assert.That(reader.ToString(), Does.Not.Contain("waiter"));
        var second = Loop.CreateTask(reader.ReadAsync(destination).AsCoroutine());
        RunIterations(1);
        reader.FeedData(B("xyz"));
        Assert.That(Loop.RunUntilComplete(second), Is.EqualTo(3));
        Assert.That(S(destination[..3]), Is.EqualTo("xyz"));
    }

    /// <summary>A ReadAsync into a new array of <paramref name="size"/> bytes, waiting on a reader fed by a stream protocol.</summary>
    private (AsyncStreamReader Reader, StreamReaderProtocol Protocol, byte[] Destination, CoroutineTask<int> Read) StartWaitingRead(int size)
    {
        var reader = new AsyncStreamReader();
        var protocol = new StreamReaderProtocol(reader, loop: Loop);
        var destination = new byte[size];
        var read = Loop.CreateTask(reader.ReadAsync(destination).AsCoroutine());
        RunIterations(1);
        return (reader, protocol, destination, read);
    }

    [Test]
    public void ReadAsync_Waiting_TheTransportReceivesIntoItsMemory_WithoutACopy()
    {
        var (reader, protocol, destination, task) = StartWaitingRead(64 * 1024);

        var memory = protocol.GetBuffer(-1);
        Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(memory, out var lent), Is.True);
        Assert.That(lent.Array, Is.SameAs(destination), "the waiting read's memory is lent to the transport");
        B("hello").CopyTo(memory.Span);
        protocol.BufferUpdated(5);

        Assert.That(reader.BufferedCount, Is.Zero, "nothing went through the reader's buffer");
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(5));
        Assert.That(S(destination[..5]), Is.EqualTo("hello"));
    }

    [Test]
    public void ReadAsync_Waiting_WithSmallMemory_IsFedThroughTheBuffer()
    {
        var (reader, protocol, destination, task) = StartWaitingRead(8);

        var memory = protocol.GetBuffer(-1);
        Assert.That(memory.Length, Is.GreaterThanOrEqualTo(16 * 1024), "a first receive is offered the reader's own buffer");
        B("0123456789").CopyTo(memory.Span);
        protocol.BufferUpdated(10);

        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(8));
        Assert.That(S(destination), Is.EqualTo("01234567"));
        Assert.That(reader.BufferedCount, Is.EqualTo(2));
    }

    [Test]
    public void ReadAsync_CancelledAfterBytesArrivedInItsMemory_LeavesThemForTheNextRead_InOrder()
    {
        var (reader, protocol, destination, first) = StartWaitingRead(32 * 1024);
        var memory = protocol.GetBuffer(-1);
        B("abc").CopyTo(memory.Span);
        protocol.BufferUpdated(3);            // into the waiting read's memory; the read is woken
        memory = protocol.GetBuffer(-1);
        B("def").CopyTo(memory.Span);
        protocol.BufferUpdated(3);            // the read is not waiting any more: into the buffer

        first.Cancel();                       // before the woken read runs (asyncio: the data stays buffered)
        RunIterations(2);

        Assert.That(first.Cancelled, Is.True);
        var other = new byte[16];
        Assert.That(Loop.RunUntilComplete(reader.ReadAsync(other).AsCoroutine()), Is.EqualTo(6));
        Assert.That(S(other[..6]), Is.EqualTo("abcdef"));
    }

    [Test]
    public void ReadAsync_WokenByBytesInItsMemory_ThenTheEnd_ReturnsTheBytesThenZero()
    {
        var (reader, protocol, destination, task) = StartWaitingRead(32 * 1024);
        B("xy").CopyTo(protocol.GetBuffer(-1).Span);
        protocol.BufferUpdated(2);
        protocol.EofReceived();

        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(2));
        Assert.That(S(destination[..2]), Is.EqualTo("xy"));
        Assert.That(Loop.RunUntilComplete(reader.ReadAsync(destination).AsCoroutine()), Is.Zero);
    }

    [Test]
    public void ReadExactlyAsync_FillsTheMemory_OrThrowsIncompleteWithThePartialBytes()
    {
        var reader = new AsyncStreamReader();
        var destination = new byte[6];
        var task = Loop.CreateTask(reader.ReadExactlyAsync(destination));
        RunIterations(1);
        reader.FeedData(B("abc"));
        RunIterations(2);
        Assert.That(task.Done, Is.False);
        reader.FeedData(B("defg"));
        Loop.RunUntilComplete(task);
        Assert.That(S(destination), Is.EqualTo("abcdef"));
        reader.FeedEof();
        var e = Assert.Throws<IncompleteReadError>(() => Loop.RunUntilComplete(reader.ReadExactlyAsync(destination)))!;
        Assert.That(S(e.Partial), Is.EqualTo("g"));
        Assert.That(e.Expected, Is.EqualTo(6));
    }

    [Test]
    public void AwaitForeach_IteratesLinesUntilEof() // test_async_iter (asyncio's "async for line in reader")
    {
        var reader = new AsyncStreamReader();
        reader.FeedData(B("line1\nline2\nlast"));
        reader.FeedEof();
        async Coroutine<List<string>> Collect()
        {
            var lines = new List<string>();
            await foreach (var line in reader)
                lines.Add(S(line));
            return lines;
        }
        Assert.That(Loop.RunUntilComplete(Collect()), Is.EqualTo(new[] { "line1\n", "line2\n", "last" }));
    }

    [Test]
    public void LargeData_ThroughTheBuffer_IsByteExact()
    {
        var reader = new AsyncStreamReader(limit: 1024);
        var data = new byte[200_000];
        new Random(7).NextBytes(data);
        async Coroutine<byte[]> ReadAll() => await reader.Read(-1);
        var task = Loop.CreateTask(ReadAll());
        for (int offset = 0; offset < data.Length; offset += 3001)
        {
            reader.FeedData(data.AsSpan(offset, Math.Min(3001, data.Length - offset)));
            RunIterations(1);
        }
        reader.FeedEof();
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(data));
    }

    private static byte[] ReadAllBuffered(AsyncStreamReader reader) =>
        EventLoop.Current.RunUntilComplete(reader.ReadExactly(reader.BufferedCount));

    private sealed class RecordingReadTransport : IReadTransport
    {
        public List<string> Calls { get; } = [];
        public bool IsReading { get; private set; } = true;
        public bool IsClosing => false;
        public void PauseReading() { Calls.Add("pause"); IsReading = false; }
        public void ResumeReading() { Calls.Add("resume"); IsReading = true; }
        public void Close() { }
        public BaseProtocol GetProtocol() => throw new NotSupportedException();
        public void SetProtocol(BaseProtocol protocol) { }
        public object? GetExtraInfo(string name, object? defaultValue = null) => defaultValue;
    }
}
