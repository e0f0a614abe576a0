using System.Collections.Immutable;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO016: a coroutine created inside a <c>using</c>, <c>try…finally</c> or <c>lock</c> scope and returned, or stored
/// where it outlives the scope (a field, a property, an array element, a variable declared outside the scope) without
/// being awaited inside it. Coroutines are cold: its body runs when someone awaits it, after the resource was disposed,
/// the <c>finally</c> ran or the lock was released. A task made from it (<c>Loop.CreateTask</c>) starts on a later
/// iteration of the loop, equally too late. A store is fine when the scope awaits the stored value before it ends.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CoroutineOutlivesScopeAnalyzer : CoroutineAnalyzer
{
    /// <summary>The fix kind: make the function async and await the returned coroutine inside the scope.</summary>
    public const string ReturnAwaitFix = "ReturnAwait";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.CoroutineOutlivesScope);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        start.RegisterOperationAction(c => AnalyzeReturn(c, symbols), OperationKind.Return);
        start.RegisterOperationAction(c => AnalyzeStore(c, symbols), OperationKind.SimpleAssignment);
    }

    private static void AnalyzeReturn(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var returned = (IReturnOperation)context.Operation;
        if (returned.ReturnedValue is not { } value || returned.IsImplicit)
            return;
        value = Unwrap(value);
        if (CreatedAt(value, symbols) is not { } created)
            return;
        foreach (var scope in ProtectedScope.Around(returned))
        {
            if (!scope.Span.Contains(created))
                continue;
            var fix = !scope.IsLock && !IsInAsyncFunction(returned, context.ContainingSymbol) ? ReturnAwaitFix : FixProperties.NoFix;
            Report(context, value, scope, fix);
            return;
        }
    }

    private static void AnalyzeStore(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        var value = Unwrap(assignment.Value);
        if (CreatedAt(value, symbols) is not { } created)
            return;
        ISymbol? holder;
        int? holderDeclared = null;
        switch (assignment.Target)
        {
            case ILocalReferenceOperation local:
                holder = local.Local;
                holderDeclared = DeclarationStart(local.Local);
                break;
            case IParameterReferenceOperation parameter:
                holder = parameter.Parameter;
                break;
            case IFieldReferenceOperation field:
                holder = field.Field;
                break;
            case IPropertyReferenceOperation { Arguments.IsEmpty: true } property:
                holder = property.Property;
                break;
            case IPropertyReferenceOperation:
            case IArrayElementReferenceOperation:
                holder = null;
                break;
            default:
                return;
        }
        foreach (var scope in ProtectedScope.Around(assignment))
        {
            if (!scope.Span.Contains(created))
                continue;
            // A variable declared inside the scope ends with it; only a later return or store lets the coroutine escape.
            if (holderDeclared is { } declared && scope.Span.Contains(declared))
                return;
            if (holder is not null && IsAwaitedLaterInScope(assignment, holder, scope))
                return;
            Report(context, value, scope, FixProperties.NoFix);
            return;
        }
    }

    /// <summary>
    /// Where the coroutine (or the task made from it) behind <paramref name="value"/> was created: the creating call
    /// itself, or the declaration of a local initialized with one.
    /// </summary>
    private static int? CreatedAt(IOperation value, CoroutineSymbols symbols)
    {
        if (IsCreation(value, symbols))
            return value.Syntax.SpanStart;
        if (value is not ILocalReferenceOperation { Local: var local } || value.SemanticModel is not { } model)
            return null;
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (model.GetOperation(reference.GetSyntax()) is IVariableDeclaratorOperation { Initializer.Value: { } initializer }
                && IsCreation(Unwrap(initializer), symbols))
                return reference.Span.Start;
        }
        return null;
    }

    private static bool IsCreation(IOperation value, CoroutineSymbols symbols)
    {
        // flag ? First() : Second(), cached ?? Create(): either branch may create the coroutine here.
        if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
            return IsCreation(Unwrap(conditional.WhenTrue), symbols) || IsCreation(Unwrap(whenFalse), symbols);
        if (value is ICoalesceOperation coalesce)
            return IsCreation(Unwrap(coalesce.WhenNull), symbols);
        if (value is not (IInvocationOperation or IObjectCreationOperation))
            return false;
        if (symbols.IsCoroutineType(value.Type))
            return true;
        // Loop.CreateTask(coroutine), loop.CreateTask(...), Loop.EnsureFuture(coroutine): the task starts on a later turn.
        return value is IInvocationOperation { TargetMethod: { Name: "CreateTask" or "CreateEagerTask" or "EnsureFuture" } method } invocation
            && (CoroutineSymbols.Is(method.ContainingType, symbols.Loop) || CoroutineSymbols.Is(method.ContainingType, symbols.EventLoop))
            && invocation.Arguments.Length > 0 && symbols.IsCoroutineType(Unwrap(invocation.Arguments[0].Value).Type);
    }

    private static bool IsAwaitedLaterInScope(IOperation store, ISymbol holder, ProtectedScope scope)
    {
        foreach (var descendant in scope.Container.Descendants())
        {
            if (descendant is not IAwaitOperation awaited || awaited.Syntax.SpanStart < store.Syntax.Span.End
                || !scope.Span.Contains(awaited.Syntax.Span) || !SameFunction(awaited, store))
                continue;
            foreach (var part in awaited.Operation.DescendantsAndSelf())
            {
                var referenced = Unwrap(part) switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => (ISymbol)parameter.Parameter,
                    IFieldReferenceOperation field => field.Field,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                };
                if (SymbolEqualityComparer.Default.Equals(referenced, holder))
                    return true;
            }
        }
        return false;
    }

    private static bool SameFunction(IOperation first, IOperation second) => NearestFunction(first) == NearestFunction(second);

    private static IOperation? NearestFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return current;
        }
        return null;
    }

    private static bool IsInAsyncFunction(IOperation operation, ISymbol containingSymbol) => NearestFunction(operation) switch
    {
        IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
        ILocalFunctionOperation local => local.Symbol.IsAsync,
        _ => containingSymbol is IMethodSymbol { IsAsync: true },
    };

    private static int? DeclarationStart(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.Length > 0 ? local.DeclaringSyntaxReferences[0].Span.Start : null;

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation;
    }

    private static void Report(OperationAnalysisContext context, IOperation value, ProtectedScope scope, string fix)
    {
        var name = value switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            IConditionalOperation or ICoalesceOperation => value.Syntax.ToString(),
            ILocalReferenceOperation local => local.Local.Name,
            _ => value.Type?.Name ?? "coroutine",
        };
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Fix, fix);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CoroutineOutlivesScope, value.Syntax.GetLocation(), properties, name, scope.Kind));
    }
}
