using Coroutines;

namespace Coroutines.Tests.Runtime;

/// <summary>
/// A frame keeps its awaiter in one field: a parent coroutine (resumed inline) or a foreign continuation.
/// This pins the parent kind and that the field is cleared once used.
/// </summary>
public class CoroutineAwaiterFieldTests : LoopTestBase
{
    [Test]
    public void AChildCoroutine_ResumesItsParentInline_AndReportsItAsItsAwaiterWhileSuspended()
    {
        Coroutine<int>? child = null;
        Coroutine? awaiterSeen = null;
        async Coroutine<int> Child()
        {
            await Coroutines.Loop.Yield();
            awaiterSeen = child!.Awaiter;
            return 7;
        }

        child = Child();

        async Coroutine<int> Parent() => await child + 1;

        var parent = Parent();
        Assert.That(Loop.RunUntilComplete(parent), Is.EqualTo(8));
        Assert.That(awaiterSeen, Is.SameAs(parent));
        Assert.That(child!.Awaiter, Is.Null, "the link is dropped once the parent resumed");
    }
}
