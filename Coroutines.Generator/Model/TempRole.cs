namespace Coroutines.Generator.Model;

/// <summary>What a temporary of the lowered body holds; its name says it (see <see cref="TempRoles.NameOf"/>).</summary>
internal enum TempRole
{
    /// <summary>The value of an await whose result feeds a larger expression.</summary>
    Awaited,
    /// <summary>The receiver of a member or element access, read before an argument awaits.</summary>
    Receiver,
    /// <summary>An argument, read before a later argument awaits.</summary>
    Argument,
    /// <summary>An index of an element access, read before a later operand awaits.</summary>
    Index,
    /// <summary>The left operand of a binary operator whose right operand awaits.</summary>
    Left,
    /// <summary>Any other operand read before a later one awaits.</summary>
    Operand,
    /// <summary>The current value of a compound-assignment target (<c>x += await y</c> reads x first).</summary>
    Value,
    /// <summary>The result of <c>&amp;&amp;</c> or <c>||</c>, or a condition evaluated ahead of its branch.</summary>
    Condition,
    /// <summary>The result of <c>??</c>.</summary>
    Coalesced,
    /// <summary>The result of <c>?:</c>.</summary>
    Conditional,
    /// <summary>The result of <c>?.</c> or <c>?[]</c>.</summary>
    AccessResult,
    /// <summary>An object under construction whose initializer awaits.</summary>
    Created,
    /// <summary>The copy a <c>with</c> expression makes.</summary>
    Copy,
    /// <summary>The value a switch statement or expression tests.</summary>
    SwitchValue,
    /// <summary>The result of a switch expression.</summary>
    SwitchResult,
    /// <summary>Whether a switch expression arm whose <c>when</c> awaits matched.</summary>
    ArmMatched,
    /// <summary>The resource of <c>using (expression)</c>.</summary>
    Resource,
    /// <summary>The array a foreach walks.</summary>
    Array,
    /// <summary>The enumerator a foreach walks.</summary>
    Enumerator,
    /// <summary>The result of an <c>await foreach</c>'s <c>MoveNextAsync</c>.</summary>
    HasNext,
    /// <summary>An awaiter obtained inside a block that copies captured variables, awaited after it.</summary>
    PendingAwaiter,
}

internal static class TempRoles
{
    /// <summary>The temporary's name without its leading underscores: the role in camel case.</summary>
    public static string NameOf(TempRole role)
    {
        string name = role.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
