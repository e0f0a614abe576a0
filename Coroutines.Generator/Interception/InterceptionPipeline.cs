using System;
using System.Collections.Immutable;
using System.Linq;
using Coroutines.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Interception;

/// <summary>
/// The second pipeline of the generator: every call of a <c>[Coroutine]</c> method → an interceptor that runs the
/// method's generated state machine instead of the compiler's lowering of the method. Files are read one by one: an
/// edit reads again only the edited file, unless it changed a declaration other files' calls may bind to (see
/// <see cref="BindingKey"/>), and regenerates only the interceptors of files whose calls changed.
/// </summary>
internal static class InterceptionPipeline
{
    /// <param name="context">The generator's context.</param>
    /// <param name="entries">
    /// The generated entry points, as the hint name of the file that declares each and the coroutine's name: a call is
    /// redirected only to an entry point that exists.
    /// </param>
    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<(string HintName, string MethodName)> entries)
    {
        IncrementalValueProvider<EquatableArray<string>> generatedEntries = entries
            .Select(static (entry, _) => entry.HintName)
            .Collect()
            .Select(static (keys, _) => keys.Distinct().OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray());

        // One item per file; a file's tree is the same object until the file is edited.
        IncrementalValuesProvider<SyntaxTree> trees = context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees.ToImmutableArray());

        IncrementalValueProvider<BindingKey> key = trees
            .Select(static (tree, ct) => DeclarationShape.Of(tree, ct))
            .Collect()
            .Combine(entries.Select(static (entry, _) => entry.MethodName).Collect())
            .Combine(context.CompilationProvider.Select(static (compilation, _) =>
                (Options: compilation.Options, compilation.AssemblyName, References: compilation.References.ToImmutableArray(), ReferencedNames: CoroutineNameIndex.InReferencesOf(compilation))))
            .Select(static (input, _) => new BindingKey(
                input.Left.Left.ToEquatableArray(),
                input.Left.Right.Concat(input.Right.ReferencedNames).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray(),
                input.Right.References,
                input.Right.Options,
                input.Right.AssemblyName));

        IncrementalValuesProvider<EquatableArray<InterceptedCall>> callsByFile = trees
            .Combine(key)
            .Combine(context.CompilationProvider)
            .Select(static (input, _) => new FileToRead(input.Left.Left, input.Left.Right, input.Right))
            .Select(static (file, ct) => CallSiteReader.ReadFile(file, ct))
            .WithTrackingName(TrackingNames.InterceptionReads);

        IncrementalValuesProvider<InterceptedCall> calls = callsByFile
            .SelectMany(static (fileCalls, _) => fileCalls)
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
