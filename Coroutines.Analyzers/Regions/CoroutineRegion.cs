using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Regions;

/// <summary>
/// The nearest enclosing function of an operation, and whether it is a coroutine region: a <c>[Coroutine]</c> method, or an
/// async method, local function or lambda returning <c>Coroutine</c>/<c>Coroutine&lt;T&gt;</c>. The nearest function
/// decides: a sync lambda or local function inside a coroutine is not a region, and neither is any lambda
/// handed to an off-loop API such as <c>RunInExecutor</c> or <c>Task.Run</c>. Code under <c>nameof</c> never runs.
/// </summary>
internal readonly struct CoroutineRegion
{
    private CoroutineRegion(IMethodSymbol function, IOperation body)
    {
        Function = function;
        Body = body;
    }

    /// <summary>The coroutine function (method, local function or lambda symbol).</summary>
    public IMethodSymbol Function { get; }

    /// <summary>The operation of the function's body (the lambda/local-function operation or the member's root).</summary>
    public IOperation Body { get; }

    /// <summary>Finds the coroutine region that contains <paramref name="operation"/>, if any.</summary>
    public static bool TryFind(IOperation operation, ISymbol containingSymbol, CoroutineSymbols symbols, out CoroutineRegion region)
    {
        region = default;
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case INameOfOperation:
                case ITypeOfOperation:
                    return false;
                case IAnonymousFunctionOperation lambda:
                    if (RunsOffLoop(lambda, symbols) || !IsCoroutineFunction(lambda.Symbol, symbols))
                        return false;
                    region = new CoroutineRegion(lambda.Symbol, lambda);
                    return true;
                case ILocalFunctionOperation localFunction:
                    if (!IsCoroutineFunction(localFunction.Symbol, symbols))
                        return false;
                    region = new CoroutineRegion(localFunction.Symbol, localFunction);
                    return true;
            }
            if (current.Parent is null)
                break;
            current = current.Parent;
        }
        if (containingSymbol is not IMethodSymbol method || !IsCoroutineFunction(method, symbols))
            return false;
        region = new CoroutineRegion(method, current);
        return true;
    }

    /// <summary>
    /// Whether <c>await</c> compiles at <paramref name="operation"/>: its nearest function is async and it is not inside a
    /// lock, unsafe or fixed block or a query clause.
    /// </summary>
    public static bool CanAwaitAt(IOperation operation, ISymbol containingSymbol)
    {
        if (IsWhereAwaitIsIllegal(operation.Syntax))
            return false;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol.IsAsync;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol.IsAsync;
            }
        }
        return containingSymbol is IMethodSymbol { IsAsync: true };
    }

    /// <summary>Whether <paramref name="method"/> is a coroutine: <c>[Coroutine]</c>, or async and returning a coroutine type.</summary>
    public static bool IsCoroutineFunction(IMethodSymbol method, CoroutineSymbols symbols) =>
        symbols.HasCoroutineAttribute(method) || (method.IsAsync && symbols.IsCoroutineType(method.ReturnType));

    /// <summary>Whether the function is an async function, where inserting <c>await</c> compiles.</summary>
    public bool CanAwait => Function.IsAsync;

    /// <summary>
    /// Whether <paramref name="node"/> sits in a <c>lock</c>, <c>unsafe</c> or <c>fixed</c> block or a query clause of its
    /// function, where <c>await</c> is illegal and the blocking rules stay silent.
    /// </summary>
    public static bool IsWhereAwaitIsIllegal(SyntaxNode node) => AwaitPlacement.IsIllegalAt(node);

    private static bool RunsOffLoop(IAnonymousFunctionOperation lambda, CoroutineSymbols symbols)
    {
        for (var current = lambda.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IDelegateCreationOperation:
                case IConversionOperation:
                case IArgumentOperation:
                    continue;
                case IInvocationOperation invocation:
                    return symbols.OffLoop.RunsOffLoop(invocation.TargetMethod);
                case IObjectCreationOperation creation:
                    return symbols.OffLoop.RunsOffLoop(creation.Constructor);
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Whether <paramref name="operation"/> is inside a nested function of the region (lambda or local function).</summary>
    public bool IsInNestedFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null && current != Body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }
        return false;
    }

    /// <summary>Whether any <c>await</c> (or <c>await foreach</c>/<c>await using</c>) of the region itself (not of nested functions) lies inside <paramref name="root"/>.</summary>
    public bool ContainsAwait(IOperation root)
    {
        foreach (var descendant in root.DescendantsAndSelf())
        {
            var awaits = descendant is IAwaitOperation
                || descendant is IForEachLoopOperation { IsAsynchronous: true }
                || descendant is IUsingOperation { IsAsynchronous: true }
                || descendant is IUsingDeclarationOperation { IsAsynchronous: true };
            if (awaits && !IsInNestedFunction(descendant))
                return true;
        }
        return false;
    }
}
