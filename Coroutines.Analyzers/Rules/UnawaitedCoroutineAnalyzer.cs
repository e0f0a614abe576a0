using System.Collections.Immutable;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO010: a coroutine object created and then dropped: used as an expression statement (also through <c>?.</c>),
/// assigned to a discard (unlike VSTHRD110, <c>_ =</c> does not save a cold coroutine), or stored in a local that is never
/// read. Coroutines are cold, so the body never runs. Applies everywhere, not only in coroutine regions.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnawaitedCoroutineAnalyzer : CoroutineAnalyzer
{
    /// <summary>The fix kind: prefix the call with <c>await</c>.</summary>
    public const string AddAwaitFix = "AddAwait";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnawaitedCoroutine);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        start.RegisterOperationAction(c => AnalyzeStatement(c, symbols), OperationKind.ExpressionStatement);
        start.RegisterOperationAction(c => AnalyzeDeclarator(c, symbols), OperationKind.VariableDeclarator);
    }

    private static void AnalyzeStatement(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var value = ((IExpressionStatementOperation)context.Operation).Operation;
        if (value is ISimpleAssignmentOperation { Target: IDiscardOperation } discard)
            value = discard.Value;
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value is IConditionalAccessOperation conditional)
            value = conditional.WhenNotNull;
        if (value is IInvocationOperation or IObjectCreationOperation && symbols.IsCoroutineType(value.Type))
            Report(context, value, statementForm: true);
    }

    private static void AnalyzeDeclarator(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var declarator = (IVariableDeclaratorOperation)context.Operation;
        var value = declarator.Initializer?.Value;
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value is not (IInvocationOperation or IObjectCreationOperation) || !symbols.IsCoroutineType(value.Type)
            || declarator.Symbol.IsUsing)
            return;
        var root = (IOperation)declarator;
        while (root.Parent is not null)
            root = root.Parent;
        foreach (var descendant in root.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                return;
        }
        Report(context, value, statementForm: false);
    }

    private static void Report(OperationAnalysisContext context, IOperation value, bool statementForm)
    {
        var name = value switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            _ => value.Type?.Name ?? "coroutine",
        };
        var properties = ImmutableDictionary<string, string?>.Empty.Add(
            FixProperties.Fix,
            statementForm && CoroutineRegion.CanAwaitAt(value, context.ContainingSymbol) ? AddAwaitFix : FixProperties.NoFix);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnawaitedCoroutine, value.Syntax.GetLocation(), properties, name));
    }
}
