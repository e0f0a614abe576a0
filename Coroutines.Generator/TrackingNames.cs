namespace Coroutines.Generator;

/// <summary>The names of the pipeline steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>Attributed methods parsed into specs and diagnostics.</summary>
    public const string ParseResults = nameof(ParseResults);

    /// <summary>The specs of the methods that can be generated.</summary>
    public const string Specs = nameof(Specs);

    /// <summary>The generated source text of each coroutine.</summary>
    public const string GeneratedSources = nameof(GeneratedSources);

    /// <summary>The diagnostics of each method.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
