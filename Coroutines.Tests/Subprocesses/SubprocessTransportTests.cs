using System.Security.Cryptography;
using Coroutines.Subprocesses;
using Coroutines.Tests.Io;

namespace Coroutines.Tests.Subprocesses;

/// <summary>
/// Child processes on the epoll backend (asyncio semantics 5.2 and 5.4; CPython test_subprocess and
/// test_events::test_subprocess_*): real children started with posix_spawn, pipes and exit watched by the selector.
/// </summary>
[TestFixture(IoBackend.Epoll)]
public class SubprocessTransportTests(IoBackend backend) : IoTestBase(backend)
{
    private T Run<T>(Coroutine<T> coroutine) => Loop.RunUntilComplete(Coroutines.Loop.WaitFor(coroutine, 20));

    private (ISubprocessTransport Transport, SubprocessRecorder Protocol) Exec(string program, string[] args,
        SubprocessStdio stdin = default, SubprocessStdio stdout = default, SubprocessStdio stderr = default,
        IReadOnlyDictionary<string, string>? env = null, string? cwd = null) =>
        Run(Loop.SubprocessExec(() => new SubprocessRecorder(Loop), program, args, stdin, stdout, stderr, env, cwd));

    private (ISubprocessTransport Transport, SubprocessRecorder Protocol) Shell(string command,
        SubprocessStdio stdin = default, SubprocessStdio stdout = default, SubprocessStdio stderr = default) =>
        Run(Loop.SubprocessShell(() => new SubprocessRecorder(Loop), command, stdin, stdout, stderr));

    private void Finish(SubprocessRecorder protocol)
    {
        RunUntilSet(protocol.Lost, 20);
        Assert.That(Reports, Is.Empty, () => string.Join("\n", Reports.Select(r => r.Format())));
    }

    private static IWriteTransport Stdin(ISubprocessTransport transport) => (IWriteTransport)transport.GetPipeTransport(0)!;

    /// <summary>
    /// The pipes, pidfds, sockets and /dev/null descriptors this process holds: what a child can leak. Files the runtime
    /// maps meanwhile (an assembly loaded by another part of the test run) are not counted.
    /// </summary>
    private static int OpenDescriptorCount() => OpenDescriptors().Length;

    private static string[] OpenDescriptors() =>
        Directory.GetFiles("/proc/self/fd")
            .Select(f => (Fd: f, Target: new FileInfo(f).LinkTarget ?? ""))
            .Where(d => d.Target.StartsWith("pipe:") || d.Target.StartsWith("anon_inode:") || d.Target.StartsWith("socket:") || d.Target == "/dev/null")
            .Select(d => $"{d.Fd} -> {d.Target}")
            .ToArray();

    /// <summary>Whether <paramref name="pid"/> is still a child of this process (running or a zombie).</summary>
    private static bool IsStillOurChild(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(afterName[1]) == Environment.ProcessId;   // field 4, ppid
        }
        catch (IOException)
        {
            return false;   // gone: reaped
        }
    }

    [Test]
    public void StdoutAndStderr_ArriveSeparately_WithTheExitCode_InAsyncioOrder()
    {
        var (transport, protocol) = Shell("printf out; printf err >&2; exit 3");
        Assert.That(protocol.Events, Is.EqualTo(new[] { "made" }), "ConnectionMade has run when SubprocessShell returns");
        Assert.That(transport.Pid, Is.GreaterThan(0));
        Finish(protocol);
        Assert.That(protocol.StdoutText, Is.EqualTo("out"));
        Assert.That(protocol.StderrText, Is.EqualTo("err"));
        Assert.That(transport.ReturnCode, Is.EqualTo(3));
        Assert.That(protocol.Events, Does.Contain("pcl0").And.Contain("pcl1").And.Contain("pcl2").And.Contain("exited"));
        Assert.That(protocol.Events[^1], Is.EqualTo("lost"));
        Assert.That(protocol.PipeErrors.Values, Is.All.Null);
    }

    [Test]
    public void StderrToStdout_MergesBothIntoFd1_AndLeavesNoStderrPipe()
    {
        // CPython test_events::test_subprocess_stderr_redirect_to_stdout.
        var (transport, protocol) = Shell("printf a; printf b >&2; printf c", stderr: SubprocessStdio.Stdout);
        Assert.That(transport.GetPipeTransport(2), Is.Null);
        Finish(protocol);
        Assert.That(protocol.StdoutText, Is.EqualTo("abc"));
        Assert.That(protocol.Stderr.Length, Is.Zero);
    }

    [TestCase("exit 0", 0)]
    [TestCase("exit 7", 7)]
    [TestCase("exit 255", 255)]
    [TestCase("kill -TERM $$", -15)]
    public void ReturnCode_IsTheExitCode_OrMinusTheSignal(string command, int expected)
    {
        // CPython test_events::test_subprocess_exitcode (7) and the negative codes of killed children.
        var (transport, protocol) = Shell(command);
        Assert.That(transport.ReturnCode, Is.Null.Or.EqualTo(expected));
        Finish(protocol);
        Assert.That(transport.ReturnCode, Is.EqualTo(expected));
    }

    [Test]
    public void KillTerminateAndSendSignal_GiveMinusThatSignal()
    {
        // CPython test_events::test_subprocess_kill (-SIGKILL), ::test_subprocess_terminate (-SIGTERM), ::test_subprocess_send_signal (-SIGHUP).
        var killed = Exec("/bin/cat", []);
        var terminated = Exec("/bin/cat", []);
        var hungUp = Exec("/bin/cat", []);
        Assert.That(killed.Transport.ReturnCode, Is.Null);
        killed.Transport.Kill();
        terminated.Transport.Terminate();
        hungUp.Transport.SendSignal(1);
        Finish(killed.Protocol);
        Finish(terminated.Protocol);
        Finish(hungUp.Protocol);
        Assert.That(killed.Transport.ReturnCode, Is.EqualTo(-9));
        Assert.That(terminated.Transport.ReturnCode, Is.EqualTo(-15));
        Assert.That(hungUp.Transport.ReturnCode, Is.EqualTo(-1));
    }

    [Test]
    public void Signals_AfterTheChildExited_Throw()
    {
        // CPython test_subprocess::SubprocessTransportTests::test_proc_exited: ProcessLookupError.
        var (transport, protocol) = Shell("exit 0");
        Finish(protocol);
        Assert.Throws<InvalidOperationException>(() => transport.Kill());
        Assert.Throws<InvalidOperationException>(() => transport.Terminate());
        Assert.Throws<InvalidOperationException>(() => transport.SendSignal(1));
    }

    [Test]
    public void TenMebibytes_ThroughCat_BothWays_ByteExact()
    {
        var input = new byte[10 * 1024 * 1024];
        new Random(11).NextBytes(input);
        var (transport, protocol) = Exec("/bin/cat", []);
        var stdin = Stdin(transport);
        stdin.Write(input);            // what the pipe does not take waits in the transport
        Assert.That(stdin.GetWriteBufferSize(), Is.GreaterThan(0));
        stdin.WriteEof();              // flushed first, then the pipe closes
        Finish(protocol);
        Assert.That(protocol.Stdout.Length, Is.EqualTo(input.Length));
        Assert.That(SHA256.HashData(protocol.Stdout.ToArray()), Is.EqualTo(SHA256.HashData(input)));
        Assert.That(transport.ReturnCode, Is.Zero);
    }

    [Test]
    public void AChildKilledMidOutput_DeliversWhatItWrote_AndReportsMinusSigkill()
    {
        // The child writes a line, then waits forever; it is killed as soon as the line arrives.
        var (transport, protocol) = Shell("printf 'first line\\n'; exec cat");
        protocol.OnData = (_, _) =>
        {
            if (transport.ReturnCode is null)
                transport.Kill();
        };
        Finish(protocol);
        Assert.That(protocol.StdoutText, Is.EqualTo("first line\n"));
        Assert.That(transport.ReturnCode, Is.EqualTo(-9));
    }

    [Test]
    public void TheParentsPipeEnds_AreNonBlocking_AndTheChildsStayBlocking()
    {
        // asyncio's _UnixReadPipeTransport/_UnixWritePipeTransport set O_NONBLOCK on the loop's ends; the child inherits
        // ordinary blocking descriptors (cat reading a non-blocking stdin would fail with EAGAIN).
        var (transport, protocol) = Shell("cat /proc/self/fdinfo/0 /proc/self/fdinfo/1 >&2; cat", stderr: SubprocessStdio.Pipe);
        foreach (var fd in new[] { 0, 1, 2 })
        {
            var pipe = (Coroutines.Pipes.PipeTransportBase)transport.GetPipeTransport(fd)!;
            int flags = Coroutines.Native.PosixNative.Fcntl(pipe.Fd, Coroutines.Native.PosixNative.F_GETFL, 0);
            Assert.That(flags & Coroutines.Native.PosixNative.O_NONBLOCK, Is.Not.Zero, $"the loop's end of pipe {fd}");
        }
        Stdin(transport).Write("abc\n"u8);
        Stdin(transport).WriteEof();
        Finish(protocol);
        Assert.That(protocol.StdoutText, Is.EqualTo("abc\n"));
        // fdinfo's flags are octal; O_NONBLOCK is 04000.
        var childFlags = protocol.StderrText.Split('\n').Where(l => l.StartsWith("flags:")).Select(l => Convert.ToInt32(l[6..].Trim(), 8)).ToArray();
        Assert.That(childFlags, Has.Length.EqualTo(2));
        Assert.That(childFlags.Select(f => f & Coroutines.Native.PosixNative.O_NONBLOCK), Is.All.Zero, "the child's stdin and stdout");
    }

    [Test]
    public void StdinEof_EndsCat_WithItsInputEchoed()
    {
        var (transport, protocol) = Exec("/bin/cat", []);
        Stdin(transport).Write("abc\n"u8);
        Stdin(transport).WriteEof();
        Finish(protocol);
        Assert.That(protocol.StdoutText, Is.EqualTo("abc\n"));
        Assert.That(transport.ReturnCode, Is.Zero);
    }

    [Test]
    public void AChildThatClosesStdoutButKeepsRunning_LosesPipe1First_AndConnectionLostWaitsForItsExit()
    {
        var (transport, protocol) = Shell("exec 1>&-; read line; exit 5");
        var pipe1 = (IReadTransport)transport.GetPipeTransport(1)!;
        RunUntilSet(protocol.When("pcl1"), 20);
        Assert.That(pipe1.IsClosing, Is.True);
        Assert.That(transport.ReturnCode, Is.Null, "the child still runs");
        Assert.That(protocol.Lost.Done, Is.False);
        Stdin(transport).Write("go\n"u8);
        Finish(protocol);
        Assert.That(transport.ReturnCode, Is.EqualTo(5));
        Assert.That(protocol.Events.IndexOf("pcl1"), Is.LessThan(protocol.Events.IndexOf("exited")));
    }

    [Test]
    public void TwoHundredConcurrentChildren_LeaveNoDescriptorAndNoZombie()
    {
        int before = OpenDescriptorCount();
        var beforeList = OpenDescriptors();
        var children = new List<(ISubprocessTransport Transport, SubprocessRecorder Protocol)>();
        for (int i = 0; i < 200; i++)
            children.Add(Exec("/bin/echo", [$"child {i}"]));
        foreach (var (_, protocol) in children)
            Finish(protocol);
        for (int i = 0; i < children.Count; i++)
        {
            Assert.That(children[i].Protocol.StdoutText, Is.EqualTo($"child {i}\n"));
            Assert.That(children[i].Transport.ReturnCode, Is.Zero);
            Assert.That(IsStillOurChild(children[i].Transport.Pid), Is.False, $"child {children[i].Transport.Pid} is a zombie");
        }
        Assert.That(OpenDescriptorCount(), Is.EqualTo(before), () => string.Join("\n", OpenDescriptors().Except(beforeList)));
    }

    [Test]
    public void EnvironmentAndWorkingDirectory_AreTheChildsOwn()
    {
        var directory = Directory.CreateTempSubdirectory("coro-cwd-");
        try
        {
            var env = new Dictionary<string, string> { ["CORO_TEST"] = "hello world", ["PATH"] = "/usr/bin:/bin" };
            var (_, protocol) = Exec("sh", ["-c", "printf '%s|%s|' \"$CORO_TEST\" \"$HOME\"; pwd -P"], env: env, cwd: directory.FullName);
            Finish(protocol);
            var realPath = new DirectoryInfo(directory.FullName).ResolveLinkTarget(true)?.FullName ?? directory.FullName;
            Assert.That(protocol.StdoutText, Is.EqualTo($"hello world||{realPath}\n"), "only the given variables, and the given directory");
        }
        finally
        {
            directory.Delete();
        }
    }

    [Test]
    public void TheEnvironment_IsInheritedByDefault()
    {
        Environment.SetEnvironmentVariable("CORO_INHERITED", "from the parent");
        try
        {
            var (_, protocol) = Shell("printf '%s' \"$CORO_INHERITED\"");
            Finish(protocol);
            Assert.That(protocol.StdoutText, Is.EqualTo("from the parent"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CORO_INHERITED", null);
        }
    }

    [Test]
    public void TheInheritedEnvironment_IsReadAtEachSpawn_AsAsyncioPassesOsEnvironAtCallTime()
    {
        // Each child sees the parent's environment as it is when that child is spawned: set, changed, then removed.
        try
        {
            var seen = new List<string>();
            foreach (var value in new[] { "first", "sécond=2 ✓", null })
            {
                Environment.SetEnvironmentVariable("CORO_CHANGING", value);
                var (_, protocol) = Shell("printf '[%s]' \"${CORO_CHANGING-unset}\"");
                Finish(protocol);
                seen.Add(protocol.StdoutText);
            }
            Assert.That(seen, Is.EqualTo(new[] { "[first]", "[sécond=2 ✓]", "[unset]" }), "UTF-8, '=' inside the value, and removal all reach the child");
        }
        finally
        {
            Environment.SetEnvironmentVariable("CORO_CHANGING", null);
        }
    }

    [Test]
    public void TheInheritedEnvironmentBlock_IsReusedWhileUnchanged_AndEncodedAgainAfterEachChange()
    {
        // The loop runs on this thread, so its spawns use this thread's cached block.
        try
        {
            string SpawnAndRead()
            {
                var (_, protocol) = Shell("printf '[%s]' \"${CORO_CACHED-unset}\"");
                Finish(protocol);
                return protocol.StdoutText;
            }
            Assert.That(SpawnAndRead(), Is.EqualTo("[unset]"));
            int encodings = InheritedEnvironment.EncodingsOnThisThread;
            Assert.That(SpawnAndRead(), Is.EqualTo("[unset]"));
            Assert.That(InheritedEnvironment.EncodingsOnThisThread, Is.EqualTo(encodings), "an unchanged environment is not encoded again");

            Environment.SetEnvironmentVariable("CORO_CACHED", "set after the first spawn");
            Assert.That(SpawnAndRead(), Is.EqualTo("[set after the first spawn]"));
            Assert.That(InheritedEnvironment.EncodingsOnThisThread, Is.EqualTo(encodings + 1));

            Environment.SetEnvironmentVariable("CORO_CACHED", "same length, new value!!!");
            Assert.That(SpawnAndRead(), Is.EqualTo("[same length, new value!!!]"), "a changed value of the same variable is seen");

            Environment.SetEnvironmentVariable("CORO_CACHED", null);
            Assert.That(SpawnAndRead(), Is.EqualTo("[unset]"), "a removed variable is gone");
            Assert.That(InheritedEnvironment.EncodingsOnThisThread, Is.EqualTo(encodings + 3));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CORO_CACHED", null);
        }
    }

    [Test]
    public void ManyAndLongArguments_ReachTheChildIntact()
    {
        // Arguments are laid out in one native block per spawn, sized by a first pass: many, long and non-ASCII ones
        // must all arrive whole (2,000 arguments, 200 KiB in all).
        var args = Enumerable.Range(0, 2000).Select(i => i % 100 == 0 ? new string((char)('a' + i / 100 % 26), 10_000) : $"arg {i} ✓").ToArray();
        var (_, protocol) = Exec("/bin/sh", ["-c", "printf '%s\\n' \"$@\"", "sh", .. args]);
        Finish(protocol);
        Assert.That(protocol.StdoutText.Split('\n')[..^1], Is.EqualTo(args));
    }

    [Test]
    public void AGivenEnvironment_IsTheWholeEnvironment_EncodedAsUtf8()
    {
        var env = new Dictionary<string, string> { ["CORO_A"] = "ünïcode", ["CORO_EMPTY"] = "", ["CORO_EQ"] = "a=b=c" };
        var (_, protocol) = Exec("/usr/bin/env", [], env: env);
        Finish(protocol);
        Assert.That(protocol.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(),
            Is.EqualTo(new[] { "CORO_A=ünïcode", "CORO_EMPTY=", "CORO_EQ=a=b=c" }));
    }

    [Test]
    public void AMissingProgram_ThrowsFileNotFound_AndLeaksNothing()
    {
        int before = OpenDescriptorCount();
        // A path is not checked before the spawn: posix_spawn's ENOENT (after the pipes were made) is the check.
        var e = Assert.Throws<FileNotFoundException>(() => Exec("/no/such/program", []));
        Assert.That(e!.Message, Does.Contain("'/no/such/program' does not exist"));
        var onPath = Assert.Throws<FileNotFoundException>(() => Exec("no-such-program-coro", []));
        Assert.That(onPath!.FileName, Is.EqualTo("no-such-program-coro"));
        Assert.Throws<DirectoryNotFoundException>(() => Exec("/bin/echo", [], cwd: "/no/such/directory"));
        Assert.That(OpenDescriptorCount(), Is.EqualTo(before));
    }

    [Test]
    public void AScriptWhoseInterpreterIsMissing_ThrowsFileNotFound_NamingTheInterpreter_AndLeaksNothing()
    {
        var script = Path.Combine(Path.GetTempPath(), $"coro-no-interpreter-{Guid.NewGuid():N}");
        File.WriteAllText(script, "#!/no/such/interpreter\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            int before = OpenDescriptorCount();
            var e = Assert.Throws<FileNotFoundException>(() => Exec(script, []));
            Assert.That(e!.Message, Does.Contain("or its interpreter does not exist"));
            Assert.That(OpenDescriptorCount(), Is.EqualTo(before));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Test]
    public void BadArguments_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => Exec("", []));
        Assert.Throws<ArgumentException>(() => Exec("/bin/echo", [], stdin: SubprocessStdio.Stdout));
        Assert.Throws<ArgumentException>(() => Exec("/bin/echo", [], stdout: SubprocessStdio.Stdout));
        Assert.Throws<ArgumentException>(() => Exec("/bin/echo", ["nul\0inside"]));
        Assert.Throws<ArgumentException>(() => Exec("/bin/echo", [], env: new Dictionary<string, string> { ["A=B"] = "c" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubprocessStdio.FromFileDescriptor(-1));
    }

    [Test]
    public void PipeTransports_AreAWriterForStdinAndReadersForStdoutAndStderr_OrNullWhenNotPiped()
    {
        // CPython test_events::test_subprocess_close_after_finish: get_pipe_transport returns None for streams not piped.
        var piped = Exec("/bin/cat", []);
        Assert.That(piped.Transport.GetPipeTransport(0), Is.InstanceOf<IWriteTransport>());
        Assert.That(piped.Transport.GetPipeTransport(1), Is.InstanceOf<IReadTransport>());
        Assert.That(piped.Transport.GetPipeTransport(2), Is.InstanceOf<IReadTransport>());
        Assert.Throws<ArgumentOutOfRangeException>(() => piped.Transport.GetPipeTransport(3));
        Stdin(piped.Transport).WriteEof();
        Finish(piped.Protocol);

        var quiet = Exec("/bin/echo", ["x"], stdin: SubprocessStdio.DevNull, stdout: SubprocessStdio.DevNull, stderr: SubprocessStdio.DevNull);
        Assert.That(new[] { 0, 1, 2 }.Select(quiet.Transport.GetPipeTransport), Is.All.Null);
        Finish(quiet.Protocol);
        Assert.That(quiet.Transport.ReturnCode, Is.Zero);
        Assert.That(quiet.Protocol.Events, Is.EqualTo(new[] { "made", "exited", "lost" }));
    }

    [Test]
    public void DevNullStdin_ReadsEndOfFileAtOnce()
    {
        var (transport, protocol) = Exec("/bin/cat", [], stdin: SubprocessStdio.DevNull);
        Finish(protocol);
        Assert.That(protocol.Stdout.Length, Is.Zero);
        Assert.That(transport.ReturnCode, Is.Zero);
    }

    [Test]
    public void StdoutToAFileDescriptor_WritesTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write))
            {
                var (_, protocol) = Exec("/bin/echo", ["into the file"], stdout: SubprocessStdio.FromHandle(file));
                Finish(protocol);
            }
            Assert.That(File.ReadAllText(path), Is.EqualTo("into the file\n"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Close_KillsARunningChild_ButNotAFinishedOne()
    {
        // CPython test_subprocess::test_close_kill_running and ::test_close_dont_kill_finished.
        var running = Exec("/bin/cat", []);
        running.Transport.Close();
        Assert.That(running.Transport.IsClosing, Is.True);
        Finish(running.Protocol);
        Assert.That(running.Transport.ReturnCode, Is.EqualTo(-9));

        var finished = Shell("exit 2");
        RunUntilSet(finished.Protocol.Exited, 20);
        finished.Transport.Close();
        Finish(finished.Protocol);
        Assert.That(finished.Transport.ReturnCode, Is.EqualTo(2));
    }

    [Test]
    public void ClosingTheStdoutPipe_GivesPipeConnectionLost_AndTheChildDiesOfSigpipe()
    {
        // CPython test_events::test_subprocess_close_client_stream. The child gets SIGPIPE's default action although the
        // .NET runtime ignores SIGPIPE in this process: the spawn resets signal dispositions.
        var (transport, protocol) = Shell("while :; do echo y; done");
        protocol.OnData = (_, _) => transport.GetPipeTransport(1)!.Close();
        Finish(protocol);
        Assert.That(protocol.Events, Does.Contain("pcl1"));
        Assert.That(protocol.PipeErrors[1], Is.Null);
        Assert.That(transport.ReturnCode, Is.EqualTo(-13));
    }

    [Test]
    public void ClosingTheLoop_KillsAndReapsRunningChildren_AndClosesTheirPipes()
    {
        int before = OpenDescriptorCount();
        var loop = EventLoop.New(new EventLoopOptions { IoBackend = Backend });
        var pids = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            var started = loop.RunUntilComplete(Coroutines.Loop.WaitFor(loop.SubprocessExec(() => new SubprocessRecorder(loop), "/bin/cat", []), 20));
            pids.Add(started.Transport.Pid);
        }
        Assert.That(pids.All(IsStillOurChild), Is.True);
        Assert.That(OpenDescriptorCount(), Is.GreaterThan(before + 3 * 4 - 1), "each child holds a pidfd and three pipe ends");
        loop.Close();
        Assert.That(pids.Where(IsStillOurChild), Is.Empty, "every child was killed and reaped");
        Assert.That(OpenDescriptorCount(), Is.EqualTo(before), "pipes, pidfds and the loop's own descriptors are closed");
    }

    [Test]
    public void ExtraInfo_Subprocess_IsTheTransport()
    {
        var (transport, protocol) = Shell("exit 0");
        Assert.That(transport.GetExtraInfo("subprocess"), Is.SameAs(transport));
        Assert.That(transport.GetExtraInfo("pipe", "none"), Is.EqualTo("none"));
        Finish(protocol);
    }

    [Test]
    public void UnicodeArguments_ReachTheChildAsUtf8()
    {
        var (_, protocol) = Exec("/bin/echo", ["héllo wörld ✓"]);
        Finish(protocol);
        Assert.That(protocol.StdoutText, Is.EqualTo("héllo wörld ✓\n"));
    }
}

/// <summary>The portable backend watches sockets only, so it refuses subprocesses clearly.</summary>
[TestFixture(IoBackend.Portable)]
public class SubprocessOnThePortableBackendTests(IoBackend backend) : IoTestBase(backend)
{
    [Test]
    public void SubprocessExec_ThrowsPlatformNotSupported_NamingTheBackend()
    {
        var e = Assert.Throws<PlatformNotSupportedException>(() =>
            Loop.RunUntilComplete(Loop.SubprocessExec(() => new SubprocessRecorder(Loop), "/bin/echo", ["x"])));
        Assert.That(e!.Message, Does.Contain("IoBackend.Epoll"));
    }
}
