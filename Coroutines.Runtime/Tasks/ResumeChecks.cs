namespace Coroutines;

/// <summary>
/// How many tasks of the process are armed: their next resume may have to throw at the awaiter (a cancellation to
/// deliver, a rejected await, a cancel scope around the await). Almost always zero, which lets every runtime
/// awaiter's <c>GetResult</c> return after reading one static, instead of looking up the running loop (a
/// thread-static) and calling into its current task on every resume.
/// </summary>
/// <remarks>
/// A task arms and disarms itself on its loop's thread, and its own awaiters read the count on that thread, so
/// they always see their task's contribution. Other loops' tasks only make the count larger, which costs the slow
/// path and never a missed throw. A task abandoned while armed (its loop closed under it) keeps the count above
/// zero, which again only costs time.
/// </remarks>
internal static class ResumeChecks
{
    private static int s_armed;

    /// <summary>Whether any task may have something to throw at its next resume.</summary>
    public static bool AnyArmed => Volatile.Read(ref s_armed) != 0;

    public static void Arm() => Interlocked.Increment(ref s_armed);

    public static void Disarm() => Interlocked.Decrement(ref s_armed);
}
