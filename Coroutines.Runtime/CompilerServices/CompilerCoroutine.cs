using System.Runtime.CompilerServices;

namespace Coroutines.CompilerServices;

/// <summary>The coroutine object of a compiler-lowered <c>async Coroutine</c> method: it holds the boxed state machine.</summary>
internal sealed class CompilerCoroutine<TStateMachine> : Coroutine where TStateMachine : IAsyncStateMachine
{
    public TStateMachine StateMachine = default!;

    public override string Name => StateMachineNames.MethodNameOf(typeof(TStateMachine));

    protected internal override void MoveNext() => StateMachine.MoveNext();
}

/// <summary>The coroutine object of a compiler-lowered <c>async Coroutine&lt;T&gt;</c> method.</summary>
internal sealed class CompilerCoroutine<T, TStateMachine> : Coroutine<T> where TStateMachine : IAsyncStateMachine
{
    public TStateMachine StateMachine = default!;

    public override string Name => StateMachineNames.MethodNameOf(typeof(TStateMachine));

    protected internal override void MoveNext() => StateMachine.MoveNext();
}

internal static class StateMachineNames
{
    /// <summary>The compiler names state machines <c>&lt;Method&gt;d__N</c>; this recovers <c>Method</c>.</summary>
    public static string MethodNameOf(Type stateMachine)
    {
        var name = stateMachine.Name;
        int open = name.IndexOf('<'), close = name.IndexOf('>');
        var method = open >= 0 && close > open ? name.Substring(open + 1, close - open - 1) : name;
        return stateMachine.DeclaringType is { } declaring ? $"{declaring.Name}.{method}" : method;
    }
}
