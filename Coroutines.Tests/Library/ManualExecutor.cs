namespace Coroutines.Tests.Library;

/// <summary>Runs submitted work only when the test says so, so races with the loop are deterministic.</summary>
internal sealed class ManualExecutor : IExecutor
{
    public readonly Queue<Action> Submitted = new();

    public void Execute(Action work) => Submitted.Enqueue(work);

    public void RunAll()
    {
        while (Submitted.Count > 0)
            Submitted.Dequeue()();
    }
}
