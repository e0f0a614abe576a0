using System.Collections.Immutable;

namespace Coroutines.Analyzers.Blocking;

/// <summary>The classification of one call: its rule, how to name it in the message, and the fix data.</summary>
internal readonly struct BlockingCall
{
    public BlockingCall(BlockingCategory category, string display, string replacement, ImmutableDictionary<string, string?> properties)
    {
        Category = category;
        Display = display;
        Replacement = replacement;
        Properties = properties;
    }

    public BlockingCategory Category { get; }

    /// <summary>The call as the message names it (<c>Thread.Sleep</c>, <c>Task.Result</c>, <c>new FileStream</c>).</summary>
    public string Display { get; }

    /// <summary>The replacement as the message names it (<c>Loop.Sleep(...)</c>, <c>await File.ReadAllTextAsync(...)</c>).</summary>
    public string Replacement { get; }

    /// <summary>The fix data (<see cref="FixProperties"/>).</summary>
    public ImmutableDictionary<string, string?> Properties { get; }
}
