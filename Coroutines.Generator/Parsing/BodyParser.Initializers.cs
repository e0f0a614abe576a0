using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// Object and collection initializers that await, lowered as the compiler's LocalRewriter does: the object is
// constructed into a temporary (arguments first), then each member assignment, indexer assignment or Add call runs
// on it in source order, each evaluating its own operands in order.
internal sealed partial class BodyParser
{
    /// <summary><c>new C(args) { X = await a }</c> → <c>t = new C(args); t.X = ...;</c>: the constructor runs before the initializer's awaits.</summary>
    private CodeText SpillObjectCreation(BaseObjectCreationExpressionSyntax creation, List<StatementSpec> list)
    {
        var initializer = creation.Initializer!;
        var temp = NewTemp(TypeOf(creation), creation, TempRole.Created);
        var arguments = creation.ArgumentList?.Arguments.Select(a => a.Expression).ToList() ?? new List<ExpressionSyntax>();
        var overrides = SpillOperands(arguments, list);
        CodeText constructor = Render(TextSpan.FromBounds(creation.SpanStart, initializer.SpanStart), overrides).TrimEnd();
        if (creation.ArgumentList is null)
            constructor = CodeText.Of($"{constructor}()");
        list.Add(new TextStatement(CodeText.Of($"{temp.Slot} = {constructor};"), LineOf(creation)));
        SpillInitializer(temp.Slot, initializer, list);
        return temp.Slot;
    }

    /// <summary>
    /// The elements of <paramref name="initializer"/> applied to <paramref name="root"/> one statement each, in order.
    /// Inside nested initializers (<c>Inner = { X = ... }</c>) the <paramref name="path"/> of members from the root is
    /// read again for every element, before the element's operands, as the compiler does; when the element awaits,
    /// that read is kept in a temporary (up to the last member of reference type, so struct members are updated in place).
    /// </summary>
    private void SpillInitializer(CodeText root, InitializerExpressionSyntax initializer, List<StatementSpec> list, IReadOnlyList<(string Member, ITypeSymbol? Type)>? path = null)
    {
        path ??= System.Array.Empty<(string, ITypeSymbol?)>();
        bool collection = initializer.IsKind(SyntaxKind.CollectionInitializerExpression);
        foreach (var element in initializer.Expressions)
        {
            CodeText target = CodeText.Of($"{root}{string.Concat(path.Select(p => "." + p.Member))}");
            bool leaf = element is not AssignmentExpressionSyntax { Right: InitializerExpressionSyntax };
            int lastReference = -1;
            for (int i = 0; i < path.Count; i++)
            {
                if (path[i].Type is { IsReferenceType: true })
                    lastReference = i;
            }
            if (leaf && lastReference >= 0 && HasAwait(element))
            {
                var receiver = NewTemp(path[lastReference].Type, initializer, TempRole.Receiver);
                list.Add(new TextStatement(CodeText.Of($"{receiver.Slot} = {root}{string.Concat(path.Take(lastReference + 1).Select(p => "." + p.Member))};"), LineOf(element)));
                target = CodeText.Of($"{receiver.Slot}{string.Concat(path.Skip(lastReference + 1).Select(p => "." + p.Member))}");
            }
            switch (element)
            {
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax member, Right: InitializerExpressionSyntax nested } when !collection:
                    // Inner = { X = ... }: the nested initializer works on the member's current value.
                    SpillInitializer(root, nested, list, path.Concat(new[] { (member.Identifier.Text, TypeOf(member)) }).ToList());
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax member } assignment when !collection:
                    list.Add(new TextStatement(CodeText.Of($"{target}.{member.Identifier.Text} = {Spill(assignment.Right, list)};"), LineOf(element)));
                    break;
                case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax index, Right: not InitializerExpressionSyntax } assignment when !collection:
                {
                    // [k] = v: the indexes, then the value, then the indexer's setter.
                    var operands = index.ArgumentList.Arguments.Select(a => a.Expression).Concat(new[] { assignment.Right }).ToList();
                    list.Add(new TextStatement(CodeText.Of($"{target}{Render(assignment, SpillOperands(operands, list))};"), LineOf(element)));
                    break;
                }
                case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression } complex when collection:
                {
                    // { k, v }: Add(k, v) with its arguments evaluated in order.
                    var overrides = SpillOperands(complex.Expressions.ToList(), list);
                    var arguments = CodeText.Join(", ", complex.Expressions.Select(e => overrides.TryGetValue(e.Span, out var text) ? text : Render(e)));
                    list.Add(new TextStatement(CodeText.Of($"{target}.Add({arguments});"), LineOf(element)));
                    break;
                }
                case not (InitializerExpressionSyntax or AssignmentExpressionSyntax) when collection:
                    list.Add(new TextStatement(CodeText.Of($"{target}.Add({Spill(element, list)});"), LineOf(element)));
                    break;
                default:
                    throw new NotLoweredException($"An await in an initializer element of kind {element.Kind()}", element);
            }
        }
    }

    /// <summary>
    /// <c>r with { A = a, B = await b, C = c }</c> → <c>t = r with { A = a }; (await b); t.B = ..; t.C = c;</c>: the clone
    /// is made before the first await, as the compiler makes it, and each member is set before the next member's
    /// awaits. Init-only members can only be set by a <c>with</c>, so then the clone is repeated after each await
    /// (<c>t = t with { B = .., C = c }</c>); that is unobservable only when the copy constructors are the compiler's
    /// (a struct, or a sealed record without a user-defined copy constructor).
    /// </summary>
    private CodeText SpillWith(WithExpressionSyntax with, List<StatementSpec> list)
    {
        var type = TypeOf(with);
        var members = new List<(string Name, ExpressionSyntax Value)>();
        bool settable = true;
        foreach (var element in with.Initializer.Expressions)
        {
            if (element is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax member } assignment)
                throw new NotLoweredException($"An await in a with expression element of kind {element.Kind()}", element);
            members.Add((member.Identifier.Text, assignment.Right));
            settable &= _model.GetSymbolInfo(member, _ct).Symbol is IPropertySymbol { SetMethod.IsInitOnly: false } or IFieldSymbol { IsReadOnly: false };
        }
        if (type is { IsReferenceType: true } && !settable && !(type.IsSealed && !HasUserCopyConstructor(type)))
            throw new NotLoweredException($"An await in a with expression that sets init-only members of '{type.ToDisplayString()}', a record that is not sealed or has a user-defined copy constructor (lowering clones it again, which could be observed)", with);
        var temp = NewTemp(type, with, TempRole.Copy);
        CodeText source = Spill(with.Expression, list);
        if (NeedsParentheses(with.Expression) && !IsSlot(source))
            source = CodeText.Of($"({source})");
        var group = new List<CodeText>();
        void Flush()
        {
            list.Add(new TextStatement(CodeText.Of($"{temp.Slot} = {source} with {{ {CodeText.Join(", ", group)} }};"), LineOf(with)));
            source = temp.Slot;
            group.Clear();
        }
        foreach (var (name, value) in members)
        {
            if (HasAwait(value) && (group.Count > 0 || !source.Equals(temp.Slot)))
                Flush();   // the clone, and the members before, are done before this member's awaits
            if (settable && source.Equals(temp.Slot))
                list.Add(new TextStatement(CodeText.Of($"{temp.Slot}.{name} = {Spill(value, list)};"), LineOf(value)));
            else
                group.Add(CodeText.Of($"{name} = {Spill(value, list)}"));
        }
        if (group.Count > 0 || !source.Equals(temp.Slot))
            Flush();
        return temp.Slot;
    }

    private static bool HasUserCopyConstructor(ITypeSymbol type)
    {
        for (var current = type as INamedTypeSymbol; current is { IsRecord: true }; current = current.BaseType)
        {
            var copy = current;
            if (current.InstanceConstructors.Any(c => c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, copy) && !c.IsImplicitlyDeclared))
                return true;
        }
        return false;
    }
}
