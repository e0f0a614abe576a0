using Microsoft.Extensions.Logging;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: the exception handler, the default handler and the report contexts.</summary>
public class ExceptionHandlerTests : LoopTestBase
{
    private ListLogger _logger = null!;

    [SetUp]
    public void UseLogger()
    {
        _logger = new ListLogger();
        Loop.Logger = _logger;
    }

    [Test]
    public void GetExceptionHandler_ReturnsTheCustomHandlerOrNullForTheDefault()
    {
        Action<EventLoop, ExceptionContext> handler = (_, _) => { };
        Loop.SetExceptionHandler(handler);
        Assert.That(Loop.GetExceptionHandler(), Is.SameAs(handler));

        Loop.SetExceptionHandler(null);
        Assert.That(Loop.GetExceptionHandler(), Is.Null);
    }

    [Test]
    public void CustomHandler_ReceivesTheLoopAndTheContext()
    {
        EventLoop? seenLoop = null;
        ExceptionContext? seen = null;
        Loop.SetExceptionHandler((loop, context) => (seenLoop, seen) = (loop, context));
        var context = new ExceptionContext("something happened");

        Loop.CallExceptionHandler(context);

        Assert.That(seenLoop, Is.SameAs(Loop));
        Assert.That(seen, Is.SameAs(context));
    }

    [Test]
    public void DefaultHandler_LogsAtErrorWithTheException()
    {
        Loop.SetExceptionHandler(null);
        var boom = new InvalidOperationException("boom");
        Loop.CallSoon(() => throw boom);

        RunIterations(1);

        Assert.That(_logger.Entries, Has.Count.EqualTo(1));
        Assert.That(_logger.Entries[0].Level, Is.EqualTo(LogLevel.Error));
        Assert.That(_logger.Entries[0].Exception, Is.SameAs(boom));
        Assert.That(_logger.Entries[0].Message, Does.StartWith("Exception in callback"));
    }

    [Test]
    public void DefaultHandler_WithoutLogger_WritesToStandardError()
    {
        Loop.SetExceptionHandler(null);
        Loop.Logger = null;
        var text = Capture.StandardError(() => Loop.CallExceptionHandler(new ExceptionContext("written to stderr")));

        Assert.That(text, Does.Contain("written to stderr"));
    }

    [Test]
    public void CustomHandlerThatThrows_IsReportedToTheDefaultHandlerWithTheOriginalContext()
    {
        var broken = new InvalidOperationException("handler bug");
        Loop.SetExceptionHandler((_, _) => throw broken);

        Assert.DoesNotThrow(() => Loop.CallExceptionHandler(new ExceptionContext("original report")));

        Assert.That(_logger.Entries, Has.Count.EqualTo(1));
        Assert.That(_logger.Entries[0].Message, Does.StartWith("Unhandled error in exception handler"));
        Assert.That(_logger.Entries[0].Message, Does.Contain("original report"), "the original context is included");
        Assert.That(_logger.Entries[0].Exception, Is.SameAs(broken));
    }

    [Test]
    public void DefaultHandlerThatThrows_IsReportedToStandardError()
    {
        Loop.SetExceptionHandler(null);
        _logger.FailWith = new InvalidOperationException("logger broken");

        var text = Capture.StandardError(() => Loop.CallExceptionHandler(new ExceptionContext("report")));

        Assert.That(text, Does.Contain("Exception in default exception handler"));
        Assert.That(text, Does.Contain("logger broken"));
    }

    [Test]
    public void BothHandlersThrowing_IsReportedToStandardError()
    {
        Loop.SetExceptionHandler((_, _) => throw new InvalidOperationException("custom broken"));
        _logger.FailWith = new InvalidOperationException("logger broken");

        var text = Capture.StandardError(() => Loop.CallExceptionHandler(new ExceptionContext("report")));

        Assert.That(text, Does.Contain(
            "Exception in default exception handler while handling an unexpected error in custom exception handler"));
    }

    [Test]
    public void CallExceptionHandler_NullContext_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Loop.CallExceptionHandler(null!));
        Assert.Throws<ArgumentNullException>(() => Loop.DefaultExceptionHandler(null!));
    }

    [Test]
    public void ContextFormat_ListsTheMessageThenOneSortedLinePerKey()
    {
        var future = Loop.CreateFuture<int>();
        var context = new ExceptionContext("message first")
        {
            Future = future,
            Callback = "<Handle f()>",
            Extra = new Dictionary<string, object?> { ["transport"] = "T", ["protocol"] = "P" },
        };

        var lines = context.Format().Split('\n');

        Assert.That(lines, Is.EqualTo(new[]
        {
            "message first",
            $"future: {future}",
            "handle: <Handle f()>",
            "protocol: P",
            "transport: T",
        }));
    }

    [Test]
    public void CallbackRaised_ContextHasMessageExceptionAndHandle()
    {
        var boom = new FormatException();
        Loop.CallSoon(() => throw boom);

        RunIterations(1);

        var report = Reports.Single();
        Assert.That(report.Message, Does.StartWith("Exception in callback"));
        Assert.That(report.Exception, Is.SameAs(boom));
        Assert.That(report.Callback, Is.Not.Null);
        Assert.That(report.Future, Is.Null);
    }

    [Test]
    public void RunShutdown_LeftoverTaskRaisingWhileCancelled_IsReportedWithTaskAndException()
    {
        var reports = new List<ExceptionContext>();
        static async Coroutine Stubborn()
        {
            try
            {
                await Coroutines.Loop.Sleep(3600);
            }
            catch (CancelledError)
            {
                throw new InvalidOperationException("failed while cancelled");
            }
        }
        async Coroutine Main()
        {
            EventLoop.Running.SetExceptionHandler((_, c) => reports.Add(c));
            _ = Coroutines.Loop.CreateTask(Stubborn(), name: "stubborn");
            await Coroutines.Loop.Yield();
        }

        EventLoop.Run(Main(), new EventLoopOptions { VirtualTime = true });

        var report = reports.Single();
        Assert.That(report.Message, Does.Match("EventLoop.Run.*shutdown"));
        Assert.That(report.Task!.Name, Is.EqualTo("stubborn"));
        Assert.That(report.Exception, Is.TypeOf<InvalidOperationException>());
    }
}
