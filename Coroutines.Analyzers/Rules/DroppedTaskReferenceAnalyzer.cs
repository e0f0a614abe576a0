using System.Collections.Immutable;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO011: the task returned by <c>Loop.CreateTask</c>/<c>Loop.EnsureFuture</c>/<c>loop.CreateTask</c> is dropped (expression
/// statement or discard). Nobody can await, cancel or observe it (asyncio's RUF006/ASYNC300 problem).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DroppedTaskReferenceAnalyzer : CoroutineAnalyzer
{
    /// <summary>The fix kind: keep the task in a tracked set that forgets it when it completes.</summary>
    public const string TrackTaskFix = "TrackTask";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DroppedTaskReference);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        if (symbols.Loop is null && symbols.EventLoop is null)
            return;
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.ExpressionStatement);
    }

    private static void Analyze(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var value = ((IExpressionStatementOperation)context.Operation).Operation;
        if (value is ISimpleAssignmentOperation { Target: IDiscardOperation } discard)
            value = discard.Value;
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value is not IInvocationOperation { TargetMethod: { Name: "CreateTask" or "EnsureFuture" } method } invocation
            || !(CoroutineSymbols.Is(method.ContainingType, symbols.Loop) || CoroutineSymbols.Is(method.ContainingType, symbols.EventLoop)))
            return;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Fix, TrackTaskFix);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DroppedTaskReference, invocation.Syntax.GetLocation(), properties,
            method.ContainingType.Name + "." + method.Name));
    }
}
