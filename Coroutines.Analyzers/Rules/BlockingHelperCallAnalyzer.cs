using System.Collections.Immutable;
using Coroutines.Analyzers.Blocking;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO007 (Info): a coroutine calls a synchronous local function that makes a blocking call (one that CORO001–CORO004
/// would report in the coroutine itself). The helper runs on the loop thread, so it blocks the loop just the same, but
/// the blocking rules cannot offer their fix inside it (<c>await</c> does not compile in a sync function), so this rule
/// reports the call site instead, with its own message. Only the helper's own body is inspected
/// (depth 1), and lambdas inside it are skipped.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingHelperCallAnalyzer : CoroutineAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.BlockingHelperCall);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        var classifier = BlockingCallClassifier.For(symbols);
        start.RegisterOperationAction(c => Analyze(c, symbols, classifier), OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, CoroutineSymbols symbols, BlockingCallClassifier classifier)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var helper = invocation.TargetMethod;
        if (helper.MethodKind != MethodKind.LocalFunction || helper.IsAsync
            || !CoroutineRegion.TryFind(invocation, context.ContainingSymbol, symbols, out var region)
            || CoroutineRegion.IsWhereAwaitIsIllegal(invocation.Syntax)
            || FindLocalFunction(invocation, helper) is not { } declaration
            || FirstBlockingCall(declaration, classifier) is not { } blocking)
            return;
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(FixProperties.Fix, FixProperties.NoFix)
            .Add(FixProperties.OfferExecutor, "true");
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockingHelperCall, invocation.Syntax.GetLocation(), properties,
            helper.Name, blocking));
    }

    /// <summary>The local function's declaration, which lives in the same operation tree as its caller.</summary>
    private static ILocalFunctionOperation? FindLocalFunction(IOperation operation, IMethodSymbol helper)
    {
        var root = operation;
        while (root.Parent is not null)
            root = root.Parent;
        foreach (var descendant in root.Descendants())
        {
            if (descendant is ILocalFunctionOperation local && SymbolEqualityComparer.Default.Equals(local.Symbol, helper.OriginalDefinition))
                return local;
        }
        return null;
    }

    private static string? FirstBlockingCall(ILocalFunctionOperation helper, BlockingCallClassifier classifier)
    {
        foreach (var descendant in helper.Descendants())
        {
            if (descendant is not (IInvocationOperation or IPropertyReferenceOperation or IObjectCreationOperation) || IsInNestedFunction(descendant, helper))
                continue;
            var call = classifier.Classify(descendant);
            if (call.Category is BlockingCategory.SyncWait or BlockingCategory.Sleep or BlockingCategory.Io or BlockingCategory.Synchronization)
                return call.Display;
        }
        return null;
    }

    private static bool IsInNestedFunction(IOperation operation, IOperation helper)
    {
        for (var current = operation.Parent; current is not null && current != helper; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }
        return false;
    }
}
