namespace Coroutines;

/// <summary>
/// A scope bound at entry to the task that runs it: a <see cref="CancelScope"/>, a <see cref="TimeoutScope"/>, a
/// <see cref="TaskGroup"/>. A scope entered by a frame running inline (see <see cref="DeferredSuspension"/>) is
/// entered in the step of the task that started the frame; if the frame's chain becomes a task of its own, the scope
/// moves with it.
/// </summary>
internal interface ITaskBoundScope
{
    /// <summary>Rebinds the scope, entered and not exited, from <paramref name="from"/> to <paramref name="to"/>, which goes on running its body.</summary>
    void MoveTo(ITaskDriver from, ITaskDriver to);
}
