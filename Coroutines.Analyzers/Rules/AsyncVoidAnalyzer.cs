using System.Collections.Immutable;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO012: <c>async void</c> methods, local functions and lambdas in a project that uses the event loop. They are not
/// tasks of the loop: nobody can await or cancel them, and an exception escapes to the thread's synchronization context
/// instead of the loop's exception handler. The fix (methods and local functions only) returns <c>Coroutine</c>; it is not
/// offered for overrides, interface implementations and event-handler signatures, whose return type is fixed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidAnalyzer : CoroutineAnalyzer
{
    /// <summary>The fix kind: change the return type to Coroutine.</summary>
    public const string ReturnCoroutineFix = "ReturnCoroutine";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AsyncVoid);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        start.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
        start.RegisterOperationAction(AnalyzeLocalFunction, OperationKind.LocalFunction);
        start.RegisterOperationAction(AnalyzeLambda, OperationKind.AnonymousFunction);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!method.IsAsync || !method.ReturnsVoid || method.MethodKind != MethodKind.Ordinary)
            return;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration)
                Report(context.ReportDiagnostic, declaration.Identifier.GetLocation(), method.Name, CanChangeReturnType(method));
        }
    }

    private static void AnalyzeLocalFunction(OperationAnalysisContext context)
    {
        var localFunction = (ILocalFunctionOperation)context.Operation;
        if (localFunction.Symbol is { IsAsync: true, ReturnsVoid: true } symbol && localFunction.Syntax is LocalFunctionStatementSyntax syntax)
            Report(context.ReportDiagnostic, syntax.Identifier.GetLocation(), symbol.Name, fixable: true);
    }

    private static void AnalyzeLambda(OperationAnalysisContext context)
    {
        var lambda = (IAnonymousFunctionOperation)context.Operation;
        if (lambda.Symbol is { IsAsync: true, ReturnsVoid: true } && lambda.Syntax is AnonymousFunctionExpressionSyntax syntax)
            Report(context.ReportDiagnostic, syntax.AsyncKeyword.GetLocation(), "async lambda", fixable: false);
    }

    private static void Report(System.Action<Diagnostic> report, Location location, string name, bool fixable)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Fix, fixable ? ReturnCoroutineFix : FixProperties.NoFix);
        report(Diagnostic.Create(DiagnosticDescriptors.AsyncVoid, location, properties, name));
    }

    private static bool CanChangeReturnType(IMethodSymbol method)
    {
        if (method.IsOverride || !method.ExplicitInterfaceImplementations.IsEmpty)
            return false;
        // Event-handler shape (object sender, XxxEventArgs e): subscribed as a delegate, so its return type is fixed.
        if (method.Parameters.Length == 2 && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
            && method.Parameters[1].Type.Name.EndsWith("EventArgs", System.StringComparison.Ordinal))
            return false;
        foreach (var member in method.ContainingType.AllInterfaces)
        {
            foreach (var interfaceMember in member.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(interfaceMember), method))
                    return false;
            }
        }
        return true;
    }
}
