using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// base access: the machine is a separate class, and C# only lets the type itself make a non-virtual call to a base
// member. So for each base member the body uses, the coroutine's partial type gets a private accessor that makes
// the call (`private R __MCoroutine_base_Name(...) => base.Name(...);`), and the body calls it through __this.
internal sealed partial class BodyParser
{
    /// <summary>The accessor members to add to the coroutine's type, one per base member (and overload) and primary constructor parameter the body uses.</summary>
    public IReadOnlyList<string> BaseAccessors => _accessors.Declarations;

    private void EditBaseAccess(BaseExpressionSyntax node)
    {
        switch (node.Parent)
        {
            case MemberAccessExpressionSyntax access when access.Expression == node:
            {
                var symbol = CalleeSymbolOf(access);
                string accessor = symbol switch
                {
                    IMethodSymbol { MethodKind: MethodKind.Ordinary, ReturnsByRef: false, ReturnsByRefReadonly: false } method => MethodAccessor(method),
                    IPropertySymbol { IsIndexer: false, ReturnsByRef: false, ReturnsByRefReadonly: false } property => PropertyAccessor(property.Name, property.Type, property.GetMethod is { } get && IsAccessible(get), property.SetMethod is { IsInitOnly: false } set && IsAccessible(set)),
                    IFieldSymbol field => PropertyAccessor(field.Name, field.Type, canRead: true, canWrite: !field.IsReadOnly && !field.IsConst),
                    _ => throw new NotLoweredException($"'base.{access.Name}' ({symbol?.Kind.ToString().ToLowerInvariant() ?? "unbound"}): only base methods, properties, indexers and fields are lowered", access),
                };
                AddEdit(TextSpan.FromBounds(node.SpanStart, access.Name.Identifier.Span.End), "__this." + accessor);
                return;
            }
            case ElementAccessExpressionSyntax element when element.Expression == node:
            {
                if (_model.GetSymbolInfo(element, _ct).Symbol is not IPropertySymbol { IsIndexer: true, GetMethod: not null, ReturnsByRef: false } indexer || IsWritten(element))
                    throw new NotLoweredException("A base indexer that is assigned or passed by reference (only reading 'base[...]' is lowered)", element);
                string name = AccessorName("get_Item");
                string parameters = ParameterList(indexer.Parameters);
                string arguments = string.Join(", ", indexer.Parameters.Select(Argument));
                _accessors.Declare(name + "(" + parameters + ")", $"""
                    /// <summary>Reads <c>base[...]</c> for the generated state machine of <c>{_method.Name}</c>, which cannot call it itself.</summary>
                    private {Type(indexer.Type)} {name}({parameters}) => base[{arguments}];
                    """);
                AddEdit(TextSpan.FromBounds(node.SpanStart, element.ArgumentList.OpenBracketToken.Span.End), $"__this.{name}(");
                AddEdit(element.ArgumentList.CloseBracketToken.Span, ")");
                return;
            }
            default:
                throw new NotLoweredException("A 'base' expression that is not a member access", node);
        }
    }

    private string MethodAccessor(IMethodSymbol method)
    {
        var definition = method.ConstructedFrom;
        string name = AccessorName(definition.Name);
        string typeParameters = definition.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", definition.TypeParameters.Select(t => t.Name)) + ">";
        string parameters = ParameterList(definition.Parameters);
        string arguments = string.Join(", ", definition.Parameters.Select(Argument));
        string constraints = string.Concat(definition.TypeParameters.Select(Constraint).Where(c => c.Length > 0).Select(c => " " + c));
        _accessors.Declare($"{name}{typeParameters}({parameters})", $"""
            /// <summary>Calls <c>base.{definition.Name}</c> for the generated state machine of <c>{_method.Name}</c>, which cannot make a non-virtual call itself.</summary>
            private {(definition.ReturnsVoid ? "void" : Type(definition.ReturnType))} {name}{typeParameters}({parameters}){constraints} => base.{definition.Name}{typeParameters}({arguments});
            """);
        return name;
    }

    private string PropertyAccessor(string member, ITypeSymbol type, bool canRead, bool canWrite)
    {
        string name = AccessorName(member);
        var accessors = new List<string>();
        if (canRead)
            accessors.Add($"get => base.{member};");
        if (canWrite)
            accessors.Add($"set => base.{member} = value;");
        _accessors.Declare(name, $$"""
            /// <summary>Reaches <c>base.{{member}}</c> for the generated state machine of <c>{{_method.Name}}</c>, which cannot reach it itself.</summary>
            private {{Type(type)}} {{name}} { {{string.Join(" ", accessors)}} }
            """);
        return name;
    }

    private string AccessorName(string member) => "__" + Shared.CoroutineNames.MachineOf(_method) + "_base_" + member;

    private bool IsAccessible(ISymbol symbol) => _model.IsAccessible(_syntax.SpanStart, symbol);

    private static bool IsWritten(ExpressionSyntax expression) => expression.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == expression,
        PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => expression.Parent.IsKind(SyntaxKind.PreIncrementExpression) || expression.Parent.IsKind(SyntaxKind.PreDecrementExpression)
            || expression.Parent.IsKind(SyntaxKind.PostIncrementExpression) || expression.Parent.IsKind(SyntaxKind.PostDecrementExpression),
        ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
        RefExpressionSyntax => true,
        _ => false,
    };

    private static string Type(ITypeSymbol type) => CoroutineGenerator.Parser.TypeText(type);

    private static string ParameterList(IEnumerable<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p => Modifier(p) + (p.IsParams ? "params " : "") + Type(p.Type) + " " + CoroutineGenerator.Parser.EscapedName(p.Name) + DefaultValue(p)));

    private static string Argument(IParameterSymbol parameter) => Modifier(parameter) + CoroutineGenerator.Parser.EscapedName(parameter.Name);

    private static string Modifier(IParameterSymbol parameter) => parameter.RefKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        _ => "",
    };

    /// <summary>The same default as the base member, so calls that leave the argument out bind the same way.</summary>
    private static string DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
            return "";
        object? value = parameter.ExplicitDefaultValue;
        if (value is null)
            return " = default";
        string literal = value switch
        {
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            System.IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "default",
        };
        bool plainLiteral = value is string or char or bool or int or double && parameter.Type.TypeKind != TypeKind.Enum;
        return plainLiteral ? " = " + literal : $" = ({Type(parameter.Type)})({literal})";
    }

    private static string Constraint(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
            parts.Add("class");
        if (parameter.HasUnmanagedTypeConstraint)
            parts.Add("unmanaged");
        else if (parameter.HasValueTypeConstraint)
            parts.Add("struct");
        if (parameter.HasNotNullConstraint)
            parts.Add("notnull");
        parts.AddRange(parameter.ConstraintTypes.Select(Type));
        if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint)
            parts.Add("new()");
        return parts.Count == 0 ? "" : $"where {parameter.Name} : {string.Join(", ", parts)}";
    }
}
