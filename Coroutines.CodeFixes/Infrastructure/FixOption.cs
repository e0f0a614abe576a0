namespace Coroutines.CodeFixes.Infrastructure;

/// <summary>One fix a diagnostic offers: the title shown in the light bulb and its stable equivalence key.</summary>
public readonly struct FixOption
{
    /// <summary>Creates a fix option.</summary>
    public FixOption(string title, string equivalenceKey)
    {
        Title = title;
        EquivalenceKey = equivalenceKey;
    }

    /// <summary>The light-bulb title.</summary>
    public string Title { get; }

    /// <summary>Stable across versions: Fix All groups diagnostics by it.</summary>
    public string EquivalenceKey { get; }
}
