using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;

namespace Coroutines;

/// <summary>
/// Rethrows an exception that climbs a task's await chain, one frame at a time. Each rethrow keeps the trace so far
/// and appends the frame it passes through, which makes the trace read like a synchronous one; but each rethrow
/// also copies the trace, so a chain of N frames would cost O(N²). After <see cref="FullTraceLevels"/> frames the
/// trace stops growing: every further frame rethrows from the trace as it was then, plus its own frames.
/// </summary>
internal sealed class FailureClimb
{
    /// <summary>How many frames of a climb the trace records in full.</summary>
    public const int FullTraceLevels = 64;

    private System.Exception? _error;
    private int _levels;
    private ExceptionDispatchInfo? _frozen;

    [DoesNotReturn]
    [StackTraceHidden]
    public void Rethrow(System.Exception error)
    {
        if (!ReferenceEquals(error, _error))
        {
            _error = error;
            _levels = 0;
            _frozen = null;
        }
        if (++_levels <= FullTraceLevels)
            ExceptionDispatchInfo.Throw(error);
        (_frozen ??= ExceptionDispatchInfo.Capture(error)).Throw();
    }

    /// <summary>Forgets the climbing exception, so a finished task holds no reference to it.</summary>
    public void Clear()
    {
        _error = null;
        _frozen = null;
    }
}
