namespace Coroutines;

/// <summary>When <see cref="Loop.Wait{TFuture}(IEnumerable{TFuture}, double?, ReturnWhen)"/> returns.</summary>
public enum ReturnWhen
{
    /// <summary>When every future is done (the default).</summary>
    AllCompleted,

    /// <summary>When any future is done; several can be done if they finished in the same iteration.</summary>
    FirstCompleted,

    /// <summary>When any future fails with an exception (a cancellation does not count); otherwise when all are done.</summary>
    FirstException,
}

/// <summary>The futures that were done, and those still pending, when <c>Loop.Wait</c> returned.</summary>
/// <typeparam name="TFuture">The future type.</typeparam>
/// <param name="Done">The finished futures.</param>
/// <param name="Pending">The futures still running; they are not cancelled.</param>
public sealed record WaitResult<TFuture>(IReadOnlySet<TFuture> Done, IReadOnlySet<TFuture> Pending) where TFuture : Future;
