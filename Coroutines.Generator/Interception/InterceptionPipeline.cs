using System;
using System.Collections.Immutable;
using System.Linq;
using Coroutines.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Interception;

/// <summary>
/// The second pipeline of the generator: every call of a <c>[Coroutine]</c> method → an interceptor that runs the
/// method's generated state machine instead of the compiler's lowering of the method. Each call site is its own
/// model, so an edit re-reads only the calls of the edited file.
/// </summary>
internal static class InterceptionPipeline
{
    /// <param name="context">The generator's context.</param>
    /// <param name="entryKeys">The hint names of the generated files that declare entry points: a call is redirected only to an entry point that exists.</param>
    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<string> entryKeys)
    {
        IncrementalValueProvider<EquatableArray<string>> generatedEntries = entryKeys
            .Collect()
            .Select(static (keys, _) => keys.Distinct().OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray());

        IncrementalValuesProvider<InterceptedCall> calls = context.SyntaxProvider
            .CreateSyntaxProvider(CallSiteReader.IsCandidate, CallSiteReader.Read)
            .Where(static call => call is not null)
            .Select(static (call, _) => call!)
            .WithTrackingName(TrackingNames.InterceptedCalls);

        IncrementalValuesProvider<InterceptorFile> files = calls
            .Combine(generatedEntries)
            .Where(static pair => pair.Left.EntryKey is null || Contains(pair.Right, pair.Left.EntryKey))
            .Select(static (pair, _) => pair.Left)
            .Collect()
            .SelectMany(static (all, _) => InterceptorFile.ByFile(all))
            .WithTrackingName(TrackingNames.InterceptorFiles);

        IncrementalValuesProvider<(string HintName, string Source)> sources = files
            .Select(static (file, _) => (file.HintName, InterceptorEmitter.Emit(file)))
            .WithTrackingName(TrackingNames.InterceptorSources);

        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Source));
    }

    private static bool Contains(EquatableArray<string> sorted, string key)
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            int order = string.CompareOrdinal(sorted[middle], key);
            if (order == 0)
                return true;
            if (order < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return false;
    }
}
