using System.Security.Cryptography;
using System.Text;
using Coroutines.Tests.Io;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Subprocesses;

/// <summary>
/// The stream-level child process (asyncio's asyncio.subprocess.Process; CPython test_subprocess cases named below):
/// stdin as an AsyncStreamWriter, stdout and stderr as AsyncStreamReaders, Wait and Communicate.
/// </summary>
[TestFixture(IoBackend.Epoll)]
public class AsyncProcessTests(IoBackend backend) : IoTestBase(backend)
{
    private T Run<T>(Coroutine<T> coroutine) => Loop.RunUntilComplete(Co.WaitFor(coroutine, 30));

    [Test]
    public void Communicate_FeedsStdinAndCollectsStdout()
    {
        // CPython test_subprocess::test_communicate: cat gives back what it got, return code 0.
        async Coroutine<(byte[]? Out, byte[]? Err, int Code)> Body()
        {
            var process = await Co.CreateSubprocessExec("/bin/cat");
            var (stdout, stderr) = await process.Communicate("some data"u8.ToArray());
            return (stdout, stderr, await process.Wait());
        }
        var (output, error, code) = Run(Body());
        Assert.That(output, Is.EqualTo("some data"u8.ToArray()));
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.Zero);
    }

    [Test]
    public void Communicate_TenMebibytesEachWay_DoesNotDeadlock()
    {
        var input = new byte[10 * 1024 * 1024];
        new Random(13).NextBytes(input);
        async Coroutine<byte[]?> Body()
        {
            var process = await Co.CreateSubprocessShell("cat; cat /dev/null >&2");
            var (stdout, _) = await process.Communicate(input);
            return stdout;
        }
        var output = Run(Body());
        Assert.That(output!.Length, Is.EqualTo(input.Length));
        Assert.That(SHA256.HashData(output), Is.EqualTo(SHA256.HashData(input)));
    }

    [Test]
    public void Stdout_ReadsLineByLine_WhileTheChildRuns_ThenEndOfFile()
    {
        async Coroutine<List<string>> Body()
        {
            var process = await Co.CreateSubprocessShell("printf 'one\\ntwo\\n'; read x; printf \"$x\\n\"", stderr: SubprocessStdio.DevNull);
            var lines = new List<string>();
            lines.Add(Encoding.UTF8.GetString(await process.Stdout!.ReadLine()));
            lines.Add(Encoding.UTF8.GetString(await process.Stdout.ReadLine()));
            process.Stdin!.Write("three\n"u8);   // the child is still running: it waits for this line
            await process.Stdin.Drain();
            lines.Add(Encoding.UTF8.GetString(await process.Stdout.ReadLine()));
            lines.Add(Encoding.UTF8.GetString(await process.Stdout.ReadLine()));
            lines.Add($"exit {await process.Wait()}");
            Assert.That(process.Stderr, Is.Null);
            return lines;
        }
        Assert.That(Run(Body()), Is.EqualTo(new[] { "one\n", "two\n", "three\n", "", "exit 0" }));
    }

    [Test]
    public void ConcurrentWaits_AllGetTheReturnCode()
    {
        // CPython test_subprocess::test_subprocess_concurrent_wait.
        async Coroutine<int[]> Body()
        {
            var process = await Co.CreateSubprocessShell("exit 7", stdin: SubprocessStdio.DevNull);
            return await Co.Gather(process.Wait(), process.Wait(), process.Wait());
        }
        Assert.That(Run(Body()), Is.EqualTo(new[] { 7, 7, 7 }));
    }

    [Test]
    public void ACancelledWait_LeavesTheChildRunning()
    {
        // CPython test_subprocess::test_cancel_process_wait.
        async Coroutine<(bool Cancelled, int? CodeAfterCancel, int Code)> Body()
        {
            var process = await Co.CreateSubprocessExec("/bin/cat");
            var waiting = EventLoop.Running.CreateTask(process.Wait());
            await Co.Yield();
            waiting.Cancel();
            bool cancelled;
            try
            {
                await waiting;
                cancelled = false;
            }
            catch (CancelledError)
            {
                cancelled = true;
            }
            var codeAfterCancel = process.ReturnCode;
            process.Stdin!.Close();   // now cat ends
            return (cancelled, codeAfterCancel, await process.Wait());
        }
        var (cancelled, codeAfterCancel, code) = Run(Body());
        Assert.That(cancelled, Is.True);
        Assert.That(codeAfterCancel, Is.Null, "the child was still running");
        Assert.That(code, Is.Zero);
    }

    [Test]
    public void Kill_EndsTheChild_WithMinusSigkill_AndSignalsAfterExitThrow()
    {
        async Coroutine<(int Code, bool Threw)> Body()
        {
            var process = await Co.CreateSubprocessExec("/bin/cat");
            process.Kill();
            int code = await process.Wait();
            bool threw = false;
            try
            {
                process.Terminate();
            }
            catch (InvalidOperationException)
            {
                threw = true;
            }
            return (code, threw);
        }
        Assert.That(Run(Body()), Is.EqualTo((-9, true)));
    }

    [Test]
    public void StreamsThatAreNotPipes_AreNull_AndCommunicateSkipsThem()
    {
        async Coroutine<(byte[]? Out, byte[]? Err, bool NoStdin)> Body()
        {
            var process = await Co.CreateSubprocessExec("/bin/echo", ["quiet"], stdin: SubprocessStdio.DevNull, stdout: SubprocessStdio.DevNull);
            var (stdout, stderr) = await process.Communicate();
            return (stdout, stderr, process.Stdin is null);
        }
        var (output, error, noStdin) = Run(Body());
        Assert.That(output, Is.Null);
        Assert.That(error, Is.Empty);
        Assert.That(noStdin, Is.True);
    }

    [Test]
    public void Communicate_WithInputButNoStdinPipe_Throws()
    {
        async Coroutine<bool> Body()
        {
            var process = await Co.CreateSubprocessExec("/bin/echo", ["x"], stdin: SubprocessStdio.DevNull);
            try
            {
                await process.Communicate("input"u8.ToArray());
                return false;
            }
            catch (InvalidOperationException)
            {
                await process.Wait();
                return true;
            }
        }
        Assert.That(Run(Body()), Is.True);
    }

    [Test]
    public void ANonPositiveLimit_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(Co.CreateSubprocessExec("/bin/echo", limit: 0)));
    }
}
