using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// What jumps resolve to while a body is parsed: the ids of statements (loops, switches, try statements, labels),
/// the enclosing break/continue targets, the labels gotos name, and the catch clauses a rethrow belongs to.
/// </summary>
internal sealed class JumpTargets
{
    private readonly List<(int Id, bool IsLoop)> _targets = new();
    private readonly Dictionary<SyntaxNode, int> _labelIds = new();
    private int _nextId;

    /// <summary>The catch clauses being parsed, innermost last: the try statement's id and the clause's index.</summary>
    public List<(int TryId, int CatchIndex)> Catches { get; } = new();

    /// <summary>LabeledStatementSyntax (a user label) or SwitchSectionSyntax (the target of goto case/default) → label id.</summary>
    public IReadOnlyDictionary<SyntaxNode, int> LabelIds => _labelIds;

    /// <summary>A new id for a statement of the IR.</summary>
    public int NewId() => ++_nextId;

    /// <summary>The label id of <paramref name="target"/>, given on first use.</summary>
    public int LabelIdOf(SyntaxNode target)
    {
        if (!_labelIds.TryGetValue(target, out int id))
            _labelIds[target] = id = NewId();
        return id;
    }

    /// <summary>Parses with statement <paramref name="id"/> as the innermost break (and, for a loop, continue) target.</summary>
    public T WithTarget<T>(int id, bool isLoop, System.Func<T> parse)
    {
        _targets.Add((id, isLoop));
        try
        {
            return parse();
        }
        finally
        {
            _targets.RemoveAt(_targets.Count - 1);
        }
    }

    /// <summary>The id of the statement a break (<paramref name="loops"/> false) or continue (true) leaves.</summary>
    public int TargetOf(StatementSyntax jump, bool loops)
    {
        for (int i = _targets.Count - 1; i >= 0; i--)
        {
            if (!loops || _targets[i].IsLoop)
                return _targets[i].Id;
        }
        throw new NotLoweredException($"A {jump.Kind()} without an enclosing loop", jump);
    }
}
