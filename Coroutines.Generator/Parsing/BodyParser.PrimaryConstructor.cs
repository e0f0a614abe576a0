using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// Primary constructor parameters: C# lets only the type's own members use them (CS9105 in a nested type, which the
// machine is). So, as for base members, the coroutine's partial type gets a private property per parameter the body
// uses (`private int __MCoroutine_primary_start { get => start; set => start = value; }`) and the body goes through
// __this. The property reads and writes the captured parameter itself, so the machine sees the same variable the
// compiler's lowering does: the instance's for a class, the copy the machine holds for a struct.
internal sealed partial class BodyParser
{
    private string PrimaryConstructorParameterAccessor(IParameterSymbol parameter, SimpleNameSyntax use)
    {
        if (use.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None) || use.Parent is RefExpressionSyntax)
            throw new NotLoweredException($"The primary constructor parameter '{parameter.Name}' passed or taken by reference", use);
        if (MayMutateThroughReceiver(parameter, use))
            throw new NotLoweredException($"The primary constructor parameter '{parameter.Name}' of mutable struct type used as the receiver of a member that may change it", use.Parent!);
        string name = "__" + Shared.CoroutineNames.MachineOf(_method) + "_primary_" + parameter.Name;
        if (_accessors.Contains(name))
            return name;
        string escaped = CoroutineGenerator.Parser.EscapedName(parameter.Name);
        string accessors = $"get => {escaped};" + (IsWrittenInBody(parameter) ? $" set => {escaped} = value;" : "");
        _accessors.Declare(name, $$"""
            /// <summary>Reaches the primary constructor parameter <c>{{parameter.Name}}</c> for the generated state machine of <c>{{_method.Name}}</c>, which cannot name it itself.</summary>
            private {{Type(parameter.Type)}} {{name}} { {{accessors}} }
            """);
        return name;
    }

    /// <summary>Whether the body assigns the parameter anywhere (then its accessor needs a setter).</summary>
    private bool IsWrittenInBody(IParameterSymbol parameter) =>
        _body.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n =>
            n.Identifier.ValueText == parameter.Name
            && (IsWritten(n) || IsDeconstructionTarget(n))
            && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n, _ct).Symbol, parameter));

    /// <summary>Whether <paramref name="name"/> is an element of a tuple that is assigned (<c>(a, b) = ...</c>).</summary>
    private static bool IsDeconstructionTarget(ExpressionSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax tuple })
            node = tuple;
        return node != name && node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node;
    }

    /// <summary>
    /// Whether <paramref name="use"/> is the receiver of a member that may change a struct value: through the property
    /// it would change a copy, where the compiler's lowering changes the captured parameter.
    /// </summary>
    private bool MayMutateThroughReceiver(IParameterSymbol parameter, SimpleNameSyntax use)
    {
        if (parameter.Type is not { IsValueType: true, IsReadOnly: false } || use.Parent is not MemberAccessExpressionSyntax access || access.Expression != use)
            return false;
        return _model.GetSymbolInfo(access, _ct).Symbol switch
        {
            IMethodSymbol method => !method.IsReadOnly,
            IPropertySymbol property => IsWritten(access) || IsDeconstructionTarget(access) || property.GetMethod is not { IsReadOnly: true },
            _ => true,
        };
    }
}
