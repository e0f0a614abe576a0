using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>The output of the parse step: the spec (null when nothing can be generated) and the diagnostics.</summary>
internal sealed record CoroutineParseResult(CoroutineMethodSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
