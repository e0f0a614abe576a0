using Coroutines.Diagnostics;

namespace Coroutines;

public sealed partial class EventLoop
{
    private UnobservedTaskFailures? _unobservedFailures;

    /// <summary>Tracks failed tasks nobody observes; see <see cref="UnobservedTaskFailures"/> for the rule.</summary>
    internal UnobservedTaskFailures UnobservedFailures => _unobservedFailures ??= new UnobservedTaskFailures(this);

    private void ReportUnobservedFailures() => _unobservedFailures?.ReportAll();
}
