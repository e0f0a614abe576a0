using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Analyzers;

/// <summary>
/// The shape every rule shares: no analysis of generated code, concurrent execution, and the framework symbols
/// resolved once per compilation. Projects that do not reference Coroutines.Runtime register nothing.
/// </summary>
public abstract class CoroutineAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CoroutineSymbols.For(start.Compilation) is { } symbols)
                OnCompilationStart(start, symbols);
        });
    }

    /// <summary>Registers the rule's actions for a compilation that references the runtime.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols);
}
