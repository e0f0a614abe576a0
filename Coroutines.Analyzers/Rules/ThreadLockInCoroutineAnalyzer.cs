using System.Collections.Immutable;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO030: a <c>lock</c> statement in a coroutine (it excludes nothing: every coroutine runs on the loop thread and
/// Monitor is re-entrant), and a thread lock acquired in a coroutine and held across an <c>await</c> (it blocks the loop
/// when contended, and thread-affine locks throw when released after the await on another owner).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadLockInCoroutineAnalyzer : CoroutineAnalyzer
{
    /// <summary>Property set on lock-statement diagnostics whose lock field the fixer may retype to AsyncLock.</summary>
    public const string LockStatementKind = "LockStatement";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ThreadLockInCoroutine);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        start.RegisterOperationAction(c => AnalyzeLock(c, symbols), OperationKind.Lock);
        start.RegisterOperationAction(c => AnalyzeAcquire(c, symbols), OperationKind.Invocation);
    }

    private static void AnalyzeLock(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var lockOperation = (ILockOperation)context.Operation;
        if (!CoroutineRegion.TryFind(lockOperation, context.ContainingSymbol, symbols, out _))
            return;
        var location = lockOperation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.LockStatementSyntax syntax
            ? syntax.LockKeyword.GetLocation()
            : lockOperation.Syntax.GetLocation();
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Fix, LockStatementKind);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ThreadLockInCoroutine, location, properties,
            "lock", "gives no mutual exclusion between coroutines, which all run on the loop thread"));
    }

    private static void AnalyzeAcquire(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!LockAcrossAwait.IsAcquire(invocation)
            || !CoroutineRegion.TryFind(invocation, context.ContainingSymbol, symbols, out var region)
            || !LockAcrossAwait.IsHeldAcrossAwait(invocation, region))
            return;
        var name = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ThreadLockInCoroutine, invocation.Syntax.GetLocation(),
            name, "is held across 'await'"));
    }
}
