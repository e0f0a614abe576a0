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
    /// <summary>
    /// Recovers the coroutine's method name from the compiler's state-machine type name: <c>&lt;M&gt;d__N</c> gives
    /// <c>M</c>, a local function <c>&lt;&lt;Outer&gt;g__Inner|1_0&gt;d</c> gives <c>Outer.Inner</c>, a lambda
    /// <c>&lt;&lt;Outer&gt;b__0_0&gt;d</c> gives <c>Outer.&lt;lambda&gt;</c>. The declaring type is prefixed,
    /// skipping the compiler's closure classes.
    /// </summary>
    public static string MethodNameOf(Type stateMachine)
    {
        var method = MethodName(stateMachine.Name);
        var declaring = stateMachine.DeclaringType;
        while (declaring is not null && declaring.Name.StartsWith('<'))
            declaring = declaring.DeclaringType;   // a display class (<>c__DisplayClass3_0) is not a user type
        return declaring is not null ? $"{declaring.Name}.{method}" : method;
    }

    private static string MethodName(string name)
    {
        int close = MatchingClose(name);
        if (close < 0)
            return name;
        var inner = name.Substring(1, close - 1);
        if (!inner.StartsWith('<'))
            return inner;
        int outerEnd = inner.IndexOf('>');
        if (outerEnd < 0)
            return inner;
        var outer = inner.Substring(1, outerEnd - 1);
        var rest = inner.Substring(outerEnd + 1);
        if (!rest.StartsWith("g__", StringComparison.Ordinal))
            return $"{outer}.<lambda>";
        var local = rest.Substring(3);
        int bar = local.IndexOf('|');
        return $"{outer}.{(bar >= 0 ? local.Substring(0, bar) : local)}";
    }

    /// <summary>The index of the '&gt;' closing the name's leading '&lt;', or -1.</summary>
    private static int MatchingClose(string name)
    {
        if (name.Length == 0 || name[0] != '<')
            return -1;
        int depth = 0;
        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] == '<') depth++;
            else if (name[i] == '>' && --depth == 0) return i;
        }
        return -1;
    }
}
