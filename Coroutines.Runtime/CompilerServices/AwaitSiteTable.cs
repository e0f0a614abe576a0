namespace Coroutines.CompilerServices;

/// <summary>Reads a generated machine's static await-site table; shared by both machine base classes.</summary>
internal static class AwaitSiteTable
{
    /// <summary>
    /// The site a machine waits at, or null while it is not suspended (created, running or completed): the
    /// resume state is only meaningful between a suspension and the next resume.
    /// </summary>
    public static AwaitSite? Lookup(AwaitSite[] sites, int id, CoroutineState state) =>
        state == CoroutineState.Suspended && (uint)id < (uint)sites.Length ? sites[id] : null;
}
