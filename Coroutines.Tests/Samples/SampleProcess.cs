using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Coroutines.Tests.Analyzers.Infrastructure;

namespace Coroutines.Tests.Samples;

/// <summary>
/// A built sample (samples/NAME, same configuration as the tests; the test project references it so it is built
/// first) run as a child process with its output captured. Disposing kills it if it is still running, so a failed
/// test leaves nothing behind.
/// </summary>
public sealed partial class SampleProcess : IDisposable
{
    /// <summary>How long anything a test waits for may take before the test fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(string sample, IEnumerable<string> arguments)
    {
        string configuration = typeof(SampleProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string dll = Path.Combine(RuleIndex.RepositoryRoot, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"The {sample} sample is not built ({dll}).", dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (_errors)
                    _errors.AppendLine(e.Data);
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Standard output so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Standard error so far.</summary>
    public string Errors
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    /// <summary>Starts samples/<paramref name="sample"/> with <paramref name="arguments"/>.</summary>
    public static SampleProcess Start(string sample, params string[] arguments) => new(sample, arguments);

    /// <summary>Waits for the "listening on 127.0.0.1:PORT" line and returns the port.</summary>
    public int WaitListening()
    {
        var listening = _listening.Task;
        if (!listening.Wait(Patience))
            Assert.Fail($"no 'listening on' line within {Patience.TotalSeconds} s; output: {Output} errors: {Errors}");
        return listening.Result;
    }

    /// <summary>Sends SIGTERM, as <c>kill PID</c> does.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, SigTerm) != 0)
            Assert.Fail($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to end and returns its exit code; fails the test when it does not end in time.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(Patience))
            Assert.Fail($"the process did not exit within {Patience.TotalSeconds} s; output: {Output} errors: {Errors}");
        _process.WaitForExit();   // drains the redirected output
        _listening.TrySetException(new InvalidOperationException($"exited with {_process.ExitCode} before listening; errors: {Errors}"));
        return _process.ExitCode;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException($"the output ended before a 'listening on' line; errors: {Errors}"));
            return;
        }
        lock (_output)
            _output.AppendLine(line);
        var match = ListeningLine().Match(line);
        if (match.Success)
            _listening.TrySetResult(int.Parse(match.Groups[1].Value));
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [GeneratedRegex(@"^listening on 127\.0\.0\.1:(\d+)$")]
    private static partial Regex ListeningLine();
}
