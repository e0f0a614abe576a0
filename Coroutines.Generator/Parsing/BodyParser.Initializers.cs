using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// Object and collection initializers that await, lowered as the compiler's LocalRewriter does: the object is
// constructed into a temporary (arguments first), then each member assignment, indexer assignment or Add call runs
// on it in source order, each evaluating its own operands in order. Described here as a BoundInitialization, whose
// statements the spilling pass emits.
internal sealed partial class BodyParser
{
    /// <summary><c>new C(args) { X = await a }</c> → <c>t = new C(args); t.X = ...;</c>: the constructor runs before the initializer's awaits.</summary>
    private BoundInitialization BindObjectCreation(BaseObjectCreationExpressionSyntax creation)
    {
        var initializer = creation.Initializer!;
        var temp = TempFor(TypeOf(creation), creation, TempRole.Created);
        int id = NewSpillId();
        var arguments = creation.ArgumentList?.Arguments.Select(a => a.Expression).ToList() ?? new List<ExpressionSyntax>();
        var (holes, operands) = BindOperands(arguments);
        CodeText constructor = Render(TextSpan.FromBounds(creation.SpanStart, initializer.SpanStart), holes).TrimEnd();
        if (creation.ArgumentList is null)
            constructor = CodeText.Of($"{constructor}()");
        var steps = new List<BoundStep> { new(new BoundComposite(CodeText.Of($"{CodeText.SpillResult(id)} = {constructor};"), operands), LineOf(creation)) };
        BindInitializer(CodeText.SpillResult(id), initializer, steps);
        return new BoundInitialization(temp, id, steps.ToEquatableArray());
    }

    /// <summary>
    /// The elements of <paramref name="initializer"/> applied to <paramref name="root"/> one statement each, in order.
    /// Inside nested initializers (<c>Inner = { X = ... }</c>) the <paramref name="path"/> of members from the root is
    /// read again for every element, before the element's operands, as the compiler does; when the element awaits,
    /// that read is kept in a temporary (up to the last member of reference type, so struct members are updated in place).
    /// </summary>
    private void BindInitializer(CodeText root, InitializerExpressionSyntax initializer, List<BoundStep> steps, IReadOnlyList<(string Member, ITypeSymbol? Type)>? path = null)
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
                var receiver = TempFor(path[lastReference].Type, initializer, TempRole.Receiver);
                int receiverId = NewSpillId();
                var read = CodeText.Of($"{root}{string.Concat(path.Take(lastReference + 1).Select(p => "." + p.Member))}");
                steps.Add(new BoundStep(new BoundComposite(read, EquatableArray<BoundExpression>.Empty), LineOf(element), receiver, receiverId));
                target = CodeText.Of($"{CodeText.SpillResult(receiverId)}{string.Concat(path.Skip(lastReference + 1).Select(p => "." + p.Member))}");
            }
            switch (element)
            {
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax member, Right: InitializerExpressionSyntax nested } when !collection:
                    // Inner = { X = ... }: the nested initializer works on the member's current value.
                    BindInitializer(root, nested, steps, path.Concat(new[] { (member.Identifier.Text, TypeOf(member)) }).ToList());
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax member } assignment when !collection:
                    steps.Add(Step(CodeText.Of($"{target}.{member.Identifier.Text} = {CodeText.Hole(0)};"), LineOf(element), Bind(assignment.Right)));
                    break;
                case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax index, Right: not InitializerExpressionSyntax } assignment when !collection:
                {
                    // [k] = v: the indexes, then the value, then the indexer's setter.
                    var (holes, operands) = BindOperands(index.ArgumentList.Arguments.Select(a => a.Expression).Concat(new[] { assignment.Right }).ToList());
                    steps.Add(new BoundStep(new BoundComposite(CodeText.Of($"{target}{Render(assignment, holes)};"), operands), LineOf(element)));
                    break;
                }
                case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression } complex when collection:
                {
                    // { k, v }: Add(k, v) with its arguments evaluated in order.
                    var (holes, operands) = BindOperands(complex.Expressions.ToList());
                    var arguments = CodeText.Join(", ", complex.Expressions.Select(e => holes.TryGetValue(e.Span, out var hole) ? hole : Render(e)));
                    steps.Add(new BoundStep(new BoundComposite(CodeText.Of($"{target}.Add({arguments});"), operands), LineOf(element)));
                    break;
                }
                case not (InitializerExpressionSyntax or AssignmentExpressionSyntax) when collection:
                    steps.Add(Step(CodeText.Of($"{target}.Add({CodeText.Hole(0)});"), LineOf(element), Bind(element)));
                    break;
                default:
                    throw new NotLoweredException($"An await in an initializer element of kind {element.Kind()}", element);
            }
        }
    }

    private static BoundStep Step(CodeText template, int line, params BoundExpression[] operands) =>
        new(new BoundComposite(template, operands.ToEquatableArray()), line);

    /// <summary>
    /// <c>r with { A = a, B = await b, C = c }</c> → <c>t = r with { A = a }; (await b); t.B = ..; t.C = c;</c>: the clone
    /// is made before the first await, as the compiler makes it, and each member is set before the next member's
    /// awaits. Init-only members can only be set by a <c>with</c>, so then the clone is repeated after each await
    /// (<c>t = t with { B = .., C = c }</c>); that is unobservable only when the copy constructors are the compiler's
    /// (a struct, or a sealed record without a user-defined copy constructor).
    /// </summary>
    private BoundInitialization BindWith(WithExpressionSyntax with)
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
        var temp = TempFor(type, with, TempRole.Copy);
        int id = NewSpillId();
        CodeText copy = CodeText.SpillResult(id);
        var steps = new List<BoundStep>();
        // Until the first clone, the source is the first operand of the clone's statement.
        var source = Bind(with.Expression);
        var operands = new List<BoundExpression> { source };
        CodeText sourceText = NeedsParentheses(with.Expression) && !source.ValueIsSlot ? CodeText.Of($"({CodeText.Hole(0)})") : CodeText.Hole(0);
        bool cloned = false;
        var group = new List<CodeText>();
        void Flush()
        {
            steps.Add(new BoundStep(new BoundComposite(CodeText.Of($"{copy} = {sourceText} with {{ {CodeText.Join(", ", group)} }};"), operands.ToEquatableArray()), LineOf(with)));
            sourceText = copy;
            cloned = true;
            operands = new List<BoundExpression>();
            group.Clear();
        }
        foreach (var (name, value) in members)
        {
            if (HasAwait(value) && (group.Count > 0 || !cloned))
                Flush();   // the clone, and the members before, are done before this member's awaits
            if (settable && cloned)
            {
                steps.Add(Step(CodeText.Of($"{copy}.{name} = {CodeText.Hole(0)};"), LineOf(value), Bind(value)));
            }
            else
            {
                group.Add(CodeText.Of($"{name} = {CodeText.Hole(operands.Count)}"));
                operands.Add(Bind(value));
            }
        }
        if (group.Count > 0 || !cloned)
            Flush();
        return new BoundInitialization(temp, id, steps.ToEquatableArray());
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
