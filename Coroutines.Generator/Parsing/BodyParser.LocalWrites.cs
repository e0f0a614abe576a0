using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// A local read as an operand before a later await is a moved local: re-reading it after the await is free, but only
// equivalent when nothing evaluated in between assigns it (C# fixes the value when the operand is evaluated; Roslyn's
// spiller stores every local). So a local is stored only when something evaluated after it, up to the last await of
// its expression, could write it, or when a lambda, a local function or a ref alias could write it at any time.
internal sealed partial class BodyParser
{
    /// <summary>Locals a lambda or local function writes, or that a ref alias refers to: they may change during any await.</summary>
    private HashSet<ISymbol>? _indirectlyWrittenLocals;

    /// <summary>
    /// Whether <paramref name="operand"/> is a local of the body that could be assigned after it is read and before the
    /// last await of its expression (then it is kept in a temporary like any other operand).
    /// </summary>
    private bool MayBeAssignedBeforeLaterAwait(ExpressionSyntax operand)
    {
        if (WithoutSuppressions(operand) is not IdentifierNameSyntax name || _model.GetSymbolInfo(name, _ct).Symbol is not ILocalSymbol local)
            return false;
        if (LocalsWrittenIndirectly().Contains(local))
            return true;
        SyntaxNode root = name;
        while (root != _body && root is not StatementSyntax && root.Parent is not null)
            root = root.Parent;
        // Nested statements run after the expression; lambdas and local functions are covered by the set above.
        var nodes = new List<SyntaxNode>();
        int lastAwaitEnd = -1;
        foreach (var node in root.DescendantNodes(n => n == root || n is not (StatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is AwaitExpressionSyntax)
                lastAwaitEnd = System.Math.Max(lastAwaitEnd, node.Span.End);
            else if (node is IdentifierNameSyntax use && use.SpanStart >= operand.Span.End && use.Identifier.ValueText == name.Identifier.ValueText)
                nodes.Add(use);
        }
        foreach (var use in nodes)
        {
            if (use.SpanStart < lastAwaitEnd && IsWrite((IdentifierNameSyntax)use, local.Type)
                && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(use, _ct).Symbol, local))
                return true;
        }
        return false;
    }

    private HashSet<ISymbol> LocalsWrittenIndirectly()
    {
        if (_indirectlyWrittenLocals is { } known)
            return known;
        var found = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        bool hasRefAlias = false;
        var passedByRef = new List<IdentifierNameSyntax>();
        foreach (var node in _body.DescendantNodes())
        {
            if (node is RefExpressionSyntax)
                hasRefAlias = true;
            if (node is not IdentifierNameSyntax use)
                continue;
            var outer = Outermost(use);
            if (outer.Parent is ArgumentSyntax argument && argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword))
                passedByRef.Add(use);
            // the syntax first: most names are only read, and few are inside a lambda
            bool aliased = outer.Parent is RefExpressionSyntax;
            if (!aliased && !(IsWrite(use, type: null) && IsInsideFunction(use)))
                continue;
            if (_model.GetSymbolInfo(use, _ct).Symbol is ILocalSymbol local && (aliased || IsWrite(use, local.Type)))
                found.Add(local);
        }
        // `ref int r = ref Pick(ref x);` aliases x through a ref return.
        if (hasRefAlias)
        {
            foreach (var use in passedByRef)
            {
                if (_model.GetSymbolInfo(use, _ct).Symbol is ILocalSymbol local)
                    found.Add(local);
            }
        }
        return _indirectlyWrittenLocals = found;
    }

    /// <summary><paramref name="use"/> with the parentheses and <c>!</c> around it.</summary>
    private static SyntaxNode Outermost(SyntaxNode use)
    {
        var outer = use;
        while (outer.Parent is ParenthesizedExpressionSyntax || outer.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            outer = outer.Parent;
        return outer;
    }

    /// <summary>
    /// Whether the variable named by <paramref name="use"/> (of <paramref name="type"/>) may be written there: assigned
    /// (also as a deconstruction target), incremented, passed by <c>ref</c>/<c>out</c>, aliased by a ref, or, for a
    /// mutable struct, used as a receiver (a method or field write changes the variable itself). Without
    /// <paramref name="type"/>, any receiver may be written.
    /// </summary>
    private static bool IsWrite(IdentifierNameSyntax use, ITypeSymbol? type)
    {
        var outer = Outermost(use);
        switch (outer.Parent)
        {
            case AssignmentExpressionSyntax assignment when assignment.Left == outer:
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
            case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
            case RefExpressionSyntax:
                return true;
            case ArgumentSyntax argument when argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword):
                return true;
            case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                return IsDeconstructionTarget(tuple);
            case MemberAccessExpressionSyntax access when access.Expression == outer:
            case ElementAccessExpressionSyntax element when element.Expression == outer:
                return type is null || IsMutableStruct(type);
            default:
                return false;
        }
    }

    private static bool IsDeconstructionTarget(TupleExpressionSyntax tuple)
    {
        SyntaxNode outer = tuple;
        while (outer.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax parent })
            outer = parent;
        return outer.Parent is AssignmentExpressionSyntax assignment && assignment.Left == outer;
    }

    private static bool IsMutableStruct(ITypeSymbol type) =>
        type.IsValueType && type.SpecialType == SpecialType.None && type.TypeKind != TypeKind.Enum
        && type is not INamedTypeSymbol { IsReadOnly: true } && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
}
