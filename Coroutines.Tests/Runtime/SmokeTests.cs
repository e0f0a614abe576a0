using Coroutines;

namespace Coroutines.Tests.Runtime;

public class SmokeTests : LoopTestBase
{
    [Test]
    public void RunUntilComplete_ReturnsTheCoroutinesResult()
    {
        static async Coroutine<int> Answer()
        {
            await Coroutines.Loop.Sleep(1.5);
            return 42;
        }

        Assert.That(Loop.RunUntilComplete(Answer()), Is.EqualTo(42));
        Assert.That(Loop.Time(), Is.EqualTo(1.5));
    }
}
