using Coroutines.Analyzers.Blocking;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO001: <c>Wait()</c>, <c>.Result</c>, <c>GetAwaiter().GetResult()</c>, <c>WaitAll</c> and running the loop from inside
/// a coroutine. Completed-task idioms are exempt: reading a task that an earlier <c>await</c> of the region already awaited
/// (directly, through <c>WhenAll(ts)</c>/<c>Gather(ts)</c>, or as an element of an awaited collection), and reads guarded by
/// an <c>IsCompleted</c>/<c>Done</c> test. The "already awaited" exemption ends where the variable may hold another task:
/// an assignment to it, or passing it by <c>ref</c>/<c>out</c>, between the await and the read (or anywhere in a loop
/// that repeats the read without repeating the await).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncWaitAnalyzer : BlockingCallAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SyncWaitAnalyzer() : base(DiagnosticDescriptors.SyncWait, BlockingCategory.SyncWait) { }

    private protected override bool IsExempt(IOperation operation, CoroutineRegion region, CoroutineSymbols symbols)
    {
        var receiver = operation switch
        {
            IInvocationOperation { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter } => getAwaiter.Instance,
            IInvocationOperation invocation => invocation.Instance,
            IPropertyReferenceOperation property => property.Instance,
            _ => null,
        };
        if (ReferencedSymbol(receiver) is not { } target)
            return false;
        var collection = IterationCollection(operation, target);
        if (IsGuardedByCompletionCheck(operation, region, target))
            return true;
        foreach (var descendant in region.Body.Descendants())
        {
            if (descendant is not IAwaitOperation awaitOperation
                || awaitOperation.Syntax.SpanStart >= operation.Syntax.SpanStart
                || region.IsInNestedFunction(awaitOperation))
                continue;
            foreach (var part in awaitOperation.Operation.DescendantsAndSelf())
            {
                var referenced = ReferencedSymbol(part);
                if (referenced is not null && (SymbolEqualityComparer.Default.Equals(referenced, target) || SymbolEqualityComparer.Default.Equals(referenced, collection))
                    && !IsReboundBetween(awaitOperation, operation, region, referenced))
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether <paramref name="variable"/> may hold another task when <paramref name="read"/> runs than the one
    /// <paramref name="awaited"/> awaited: it is written (assigned, deconstructed into, passed by ref/out) after the await
    /// and before the read, or after the await inside a loop that contains the read but not the await.
    /// </summary>
    private static bool IsReboundBetween(IAwaitOperation awaited, IOperation read, CoroutineRegion region, ISymbol variable)
    {
        var awaitEnd = awaited.Syntax.Span.End;
        foreach (var descendant in region.Body.Descendants())
        {
            if (descendant.Syntax.SpanStart < awaitEnd || !IsWriteOf(descendant, variable))
                continue;
            if (descendant.Syntax.SpanStart < read.Syntax.SpanStart || InLoopRepeatingReadOnly(descendant, read, awaited))
                return true;
        }
        return false;
    }

    private static bool IsWriteOf(IOperation operation, ISymbol variable)
    {
        if (!SymbolEqualityComparer.Default.Equals(ReferencedSymbol(operation), variable) || operation is IConversionOperation)
            return false;
        var child = operation;
        var parent = operation.Parent;
        // A deconstruction target sits in a tuple: (t, x) = ...
        while (parent is ITupleOperation)
        {
            child = parent;
            parent = parent.Parent;
        }
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == child,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            _ => false,
        };
    }

    private static bool InLoopRepeatingReadOnly(IOperation write, IOperation read, IOperation awaited)
    {
        for (var loop = write.Parent; loop is not null; loop = loop.Parent)
        {
            if (loop is ILoopOperation && Contains(loop, read) && !Contains(loop, awaited))
                return true;
        }
        return false;
    }

    private static bool Contains(IOperation outer, IOperation inner) => outer.Syntax.Span.Contains(inner.Syntax.Span);

    private static ISymbol? ReferencedSymbol(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };
    }

    /// <summary>For a foreach iteration variable, the collection it iterates (awaiting the collection completes each element).</summary>
    private static ISymbol? IterationCollection(IOperation operation, ISymbol target)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && target is ILocalSymbol local && loop.Locals.Contains(local))
                return ReferencedSymbol(loop.Collection);
        }
        return null;
    }

    private static bool IsGuardedByCompletionCheck(IOperation operation, CoroutineRegion region, ISymbol target)
    {
        for (var current = operation.Parent; current is not null && current != region.Body; current = current.Parent)
        {
            if (current is not IConditionalOperation conditional)
                continue;
            foreach (var part in conditional.Condition.DescendantsAndSelf())
            {
                if (part is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Done" } check
                    && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(check.Instance), target))
                    return true;
            }
        }
        return false;
    }
}
