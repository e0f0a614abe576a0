namespace Coroutines;

/// <summary>Where a coroutine frame is in its life.</summary>
public enum CoroutineState : byte
{
    /// <summary>Created and not started: coroutines are cold until awaited or scheduled.</summary>
    Created,
    /// <summary>Its body is executing.</summary>
    Running,
    /// <summary>Suspended at an <c>await</c>.</summary>
    Suspended,
    /// <summary>Returned or threw.</summary>
    Completed,
}
