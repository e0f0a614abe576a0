using System.Globalization;
using System.Text;

namespace Coroutines.Benchmarks.Harness;

/// <summary>
/// One measured run of one workload by one implementation, printed as the single machine-readable line that
/// every peer program (Python, Node) prints too, so benchmarks/run-peers.py can put them side by side.
/// </summary>
/// <param name="Workload">The workload name shared by all peers (for example <c>callbacks-batch</c>).</param>
/// <param name="Impl">Which implementation ran it (for example <c>coroutines</c>, <c>queue-action</c>).</param>
/// <param name="Operations">How many operations the run counted (callbacks, resumes, switches, timers, tasks).</param>
/// <param name="NsPerOp">The headline cost per operation in nanoseconds.</param>
/// <param name="BytesPerOp">Managed bytes per operation; for spawn-and-park, bytes retained per parked task.</param>
public sealed record Report(string Workload, string Impl, long Operations, double NsPerOp, double BytesPerOp)
{
    private readonly List<KeyValuePair<string, string>> _extras = new();

    /// <summary>Extra named figures (phase costs, overshoot, order check) appended to the line.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extras => _extras;

    /// <summary>Adds a named number to the line.</summary>
    public Report With(string key, double value)
    {
        _extras.Add(new(key, Format(value)));
        return this;
    }

    /// <summary>Adds a named word to the line.</summary>
    public Report With(string key, string value)
    {
        _extras.Add(new(key, value));
        return this;
    }

    /// <summary>The line: <c>RESULT workload=W impl=I ops=N ns_per_op=X bytes_per_op=Y [key=value ...]</c>.</summary>
    public string ToLine()
    {
        var line = new StringBuilder("RESULT");
        line.Append(" workload=").Append(Workload)
            .Append(" impl=").Append(Impl)
            .Append(" ops=").Append(Operations.ToString(CultureInfo.InvariantCulture))
            .Append(" ns_per_op=").Append(Format(NsPerOp))
            .Append(" bytes_per_op=").Append(Format(BytesPerOp));
        foreach (var (key, value) in _extras)
            line.Append(' ').Append(key).Append('=').Append(value);
        return line.ToString();
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
