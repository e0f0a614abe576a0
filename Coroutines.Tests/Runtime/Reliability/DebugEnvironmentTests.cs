namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>Debug mode can be switched on from the environment, as asyncio's <c>PYTHONASYNCIODEBUG</c>.</summary>
[NonParallelizable]
public class DebugEnvironmentTests
{
    private static bool DebugOfANewLoopWith(string? value)
    {
        var before = Environment.GetEnvironmentVariable(EventLoop.DebugEnvironmentVariable);
        Environment.SetEnvironmentVariable(EventLoop.DebugEnvironmentVariable, value);
        try
        {
            using var loop = EventLoop.New();
            return loop.Debug;
        }
        finally
        {
            Environment.SetEnvironmentVariable(EventLoop.DebugEnvironmentVariable, before);
        }
    }

    [Test]
    public void CoroutinesDebugSetToOneSwitchesDebugModeOn() => Assert.That(DebugOfANewLoopWith("1"), Is.True);

    [Test]
    public void WithoutCoroutinesDebugANewLoopIsNotInDebugMode() => Assert.That(DebugOfANewLoopWith(null), Is.False);
}
