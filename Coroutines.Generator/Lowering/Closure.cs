using System.Collections.Generic;
using System.Globalization;
using Coroutines.Generator.Model;
using Coroutines.Generator.Parsing;

namespace Coroutines.Generator.Lowering;

/// <summary>The captured variables of one scope that can be entered more than once.</summary>
internal sealed class Closure
{
    public Closure(int number, MovedLocal current, string copyName, string description, int line)
    {
        Number = number;
        Current = current;
        CopyName = copyName;
        Description = description;
        Line = line;
    }

    public int Number { get; }

    /// <summary>The machine's current instance (a field when it lives across an await).</summary>
    public MovedLocal Current { get; }

    /// <summary>The C# local a lambda captures: a copy of <see cref="Current"/> made when the lambda is created.</summary>
    public string CopyName { get; }

    /// <summary><see cref="CopyName"/> as code, a part the capture binding finds by closure.</summary>
    public CodeText Copy => CodeText.CapturedCopy(CopyName, Number);

    public string ClassName => "__Closure" + Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>What one instance stands for, for the class comment.</summary>
    public string Description { get; }

    public int Line { get; }

    public List<MovedLocal> Variables { get; } = new();
}
