using Coroutines.Benchmarks.Workloads;

namespace Coroutines.Benchmarks.Harness;

/// <summary>Every workload implementation quick mode can run, by workload and implementation name.</summary>
public static class WorkloadCatalog
{
    /// <summary>Creates fresh instances of every implementation.</summary>
    public static IReadOnlyList<Workload> Create() =>
    [
        .. CallbackWorkloads.All(),
        .. ResumeWorkloads.All(),
        .. PingPongWorkloads.All(),
        .. TimerWorkloads.All(),
        .. ParkWorkloads.All(),
        .. GatherWorkloads.All(),
        .. BurstWorkloads.All(),
        .. QueueWorkloads.All(),
        .. LockWorkloads.All(),
        .. GeneratedResumeWorkloads.All(),
        .. AllocPerCallWorkloads.All(),
        .. AwaitChildWorkloads.All(),
        .. GeneratedParkWorkloads.All(),
        .. GeneratorThroughputWorkloads.All(),
        .. GeneratorShapeWorkloads.All(),
        .. InterceptionWorkloads.All(),
        .. IoWorkloads.All(),
        .. IoBusyPollWorkloads.All(),
    ];
}
