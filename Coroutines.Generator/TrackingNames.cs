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

    /// <summary>
    /// The calls of <c>[Coroutine]</c> methods read from each file, one item per file: an edit reads only the edited
    /// file again unless it changed a declaration.
    /// </summary>
    public const string InterceptionReads = nameof(InterceptionReads);

    /// <summary>Calls of <c>[Coroutine]</c> methods, one per call site, that an interceptor redirects to the generated machine.</summary>
    public const string InterceptedCalls = nameof(InterceptedCalls);

    /// <summary>The redirected calls grouped by the file that holds them.</summary>
    public const string InterceptorFiles = nameof(InterceptorFiles);

    /// <summary>The generated source text of each file's interceptors.</summary>
    public const string InterceptorSources = nameof(InterceptorSources);
}
