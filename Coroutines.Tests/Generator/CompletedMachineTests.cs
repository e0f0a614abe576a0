using System.Runtime.CompilerServices;
using Coroutines.Tests.Runtime;

namespace Coroutines.Tests.Generator;

/// <summary>
/// A generated machine that has finished drops what its fields referenced (hoisted locals, parameters, awaiters),
/// so a completed coroutine that its task or caller still holds keeps no garbage alive.
/// </summary>
public partial class CompletedMachineTests : LoopTestBase
{
    private const int LargeSize = 1 << 20;

    [Coroutine]
    private static async Coroutine<int> HoldAcrossAwait(Action<WeakReference> track)
    {
        var buffer = new byte[LargeSize];
        track(new WeakReference(buffer));
        await Coroutines.Loop.Yield();
        return buffer.Length;
    }

    [Coroutine]
    private static async Coroutine AwaitFailingFuture(Future<byte[]> future)
    {
        await future;
    }

    [Test]
    public void ACompletedMachineNoLongerReferencesAHoistedLocal()
    {
        WeakReference? buffer = null;
        var coroutine = HoldAcrossAwaitAsync(reference => buffer = reference);

        Assert.That(Loop.RunUntilComplete(coroutine), Is.EqualTo(LargeSize));

        CollectEverything();
        Assert.That(buffer!.IsAlive, Is.False, "the byte[] held in the hoisted local 'buffer' survived the machine's completion");
        GC.KeepAlive(coroutine);
    }

    [Test]
    public void AFailedMachineNoLongerReferencesTheAwaiterWhoseGetResultThrew()
    {
        var (coroutine, future) = StartAwaitingAFutureThatFails();

        Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(coroutine));

        CollectEverything();
        Assert.That(future.IsAlive, Is.False, "the failed future survived in the machine's awaiter field (or its parameter)");
        GC.KeepAlive(coroutine);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private (Coroutine Coroutine, WeakReference Future) StartAwaitingAFutureThatFails()
    {
        var future = new Future<byte[]>(Loop);
        Loop.CallSoon(() => future.SetException(new InvalidOperationException("the awaited future failed")));
        return (AwaitFailingFutureAsync(future), new WeakReference(future));
    }

    private static void CollectEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
