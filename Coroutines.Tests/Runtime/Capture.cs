namespace Coroutines.Tests.Runtime;

/// <summary>Runs an action and captures what it threw or wrote, for tests that assert on either.</summary>
public static class Capture
{
    /// <summary>The exception <paramref name="action"/> threw, or null (for calls made inside loop callbacks).</summary>
    public static Exception? Exception(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>What <paramref name="action"/> wrote to <see cref="Console.Error"/>.</summary>
    public static string StandardError(Action action)
    {
        var previous = Console.Error;
        var writer = new StringWriter();
        Console.SetError(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetError(previous);
        }
        return writer.ToString();
    }

    /// <summary>Collects garbage and runs pending finalizers twice, so objects freed by finalizers go too.</summary>
    public static void FullGarbageCollection()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
