using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// Closures: C# gives every entry into a scope its own variables, so a lambda created in one iteration of a loop keeps
// that iteration's variables. A moved local is one field (or one MoveNext local) for the whole run, which would
// share it across iterations. So the captured variables of a scope that can be entered again (a loop body, or a
// for loop inside another loop) move into a small class, allocated on every entry into the scope, as Roslyn's
// display classes are. The machine holds the current instance (__closureN); the body reads __closureN.x, and a
// lambda reads __capturedN.x, where __capturedN is a C# local copied from __closureN in a block around the
// statement that creates it, so each lambda keeps the instance of the iteration it was created in. A local
// function declared in the lowered code takes the instance as an extra first parameter instead.
internal sealed partial class BodyParser
{
    /// <summary>Decides which moved locals go into closures and which local functions take closure parameters.</summary>
    private void PlanClosures() => _closures = ClosurePlanner.Plan(_model, _syntax, _body, _awaits, _locals, LineOf, _ct);

    // ---- rendering ----

    /// <summary>A closure variable inside a lambda or local function is read through the copy the function captured.</summary>
    private CodeText AccessOf(MovedLocal local, SyntaxNode use)
    {
        if (local.Closure is not { } closure || !IsInsideFunction(use))
            return local.Prototype is not null && IsInsideFunction(use) ? AnonymousTypeHelpers.Retyped(local, CodeText.Slot(local.Id), insideFunction: true) : local.Slot;
        // A catch filter or a case label of lowered code is emitted inside a line the copy's block cannot enclose.
        var unboundable = use.Ancestors().FirstOrDefault(a =>
            a is CatchFilterClauseSyntax { Parent.Parent: TryStatementSyntax tryStatement } && HasAwait(tryStatement)
            || a is SwitchLabelSyntax { Parent.Parent: SwitchStatementSyntax switchStatement } && IsLoweredSwitch(switchStatement));
        if (unboundable is not null)
            throw new NotLoweredException($"A lambda capturing '{local.Origin}', a variable of a loop that awaits, inside a {(unboundable is CatchFilterClauseSyntax ? "catch filter" : "case label")} of code that awaits", use);
        return AnonymousTypeHelpers.Retyped(local, CodeText.Of($"{closure.Copy}.{local.FieldName}"), insideFunction: true);
    }

    private bool IsInsideFunction(SyntaxNode node) =>
        node.Ancestors().TakeWhile(a => a != _body).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

    /// <summary>Adds the closure parameters to local functions that take them, and the closure arguments to their calls.</summary>
    private void EditClosureUse(SyntaxNode node)
    {
        if (!_closures.HasClosureFunctions)
            return;
        switch (node)
        {
            case LocalFunctionStatementSyntax function when _model.GetDeclaredSymbol(function, _ct) is { } symbol && _closures.ParametersOf(symbol) is { } closures:
                string parameters = string.Join(", ", closures.Select(c => $"{c.ClassName} {c.CopyName}"));
                AddEdit(function.ParameterList.OpenParenToken.Span, "(" + parameters + (function.ParameterList.Parameters.Count > 0 ? ", " : ""));
                break;
            case InvocationExpressionSyntax { Expression: SimpleNameSyntax callee } call when ClosuresOfFunction(callee) is { } needed:
                var arguments = CodeText.Join(", ", needed.Select(c => IsInsideFunction(call) ? c.Copy : c.Current.Slot));
                AddEdit(call.ArgumentList.OpenParenToken.Span, CodeText.Of($"({arguments}{(call.ArgumentList.Arguments.Count > 0 ? ", " : "")}"));
                break;
            case SimpleNameSyntax name when name.Parent is not InvocationExpressionSyntax && !IsInsideNameof(name) && ClosuresOfFunction(name) is { } needed:
                AddEdit(name.Span, DelegateOf(name, needed));
                break;
        }
    }

    /// <summary>
    /// A local function converted to a delegate binds the closures of the iteration it is converted in, as C# does:
    /// the conversion becomes a lambda passing the copies (bound around the statement) to the function.
    /// </summary>
    private CodeText DelegateOf(SimpleNameSyntax name, IReadOnlyList<Closure> closures)
    {
        var invoke = (_model.GetTypeInfo(name, _ct).ConvertedType as INamedTypeSymbol)?.DelegateInvokeMethod;
        if (invoke is null || invoke.Parameters.Any(p => p.RefKind != RefKind.None) || name is GenericNameSyntax)
            throw new NotLoweredException($"The local function '{name.Identifier.ValueText}', which captures variables of a loop that awaits, converted to a delegate that is not a plain non-generic delegate type", name);
        var parameters = invoke.Parameters.Select((_, i) => "__arg" + (i + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        var arguments = CodeText.Join(", ", closures.Select(c => c.Copy).Concat(parameters.Select(CodeText.Verbatim)));
        return CodeText.Of($"(({Type(invoke.ContainingType)})(({string.Join(", ", parameters)}) => {name.Identifier.Text}({arguments})))");
    }

    private static bool IsInsideNameof(SyntaxNode node) =>
        node.Ancestors().Any(a => a is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } });

    private IReadOnlyList<Closure>? ClosuresOfFunction(SimpleNameSyntax name) =>
        _model.GetSymbolInfo(name, _ct).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } method
            ? _closures.ParametersOf(method.OriginalDefinition) : null;

    private TextStatement ParseLocalFunction(LocalFunctionStatementSyntax function)
    {
        var statement = new TextStatement(Render(function), LineOf(function));
        if (_model.GetDeclaredSymbol(function, _ct) is { } symbol && _closures.ParametersOf(symbol) is not null)
            _closures.AddClosureFunctionText(statement.Text);
        return statement;
    }

    /// <summary><c>__closureN = new __ClosureN();</c> at the entry of a scope whose captured variables live in a closure.</summary>
    private void AllocateClosure(SyntaxNode scope, List<StatementSpec> list)
    {
        if (_closures.OfScope(scope) is { } closure)
            list.Add(new TextStatement(CodeText.Of($"{closure.Current.Slot} = new {closure.ClassName}(); // new variables for {closure.Description}"), closure.Line));
    }

    private EquatableArray<ClosureSpec> ClosureSpecs() =>
        _closures.Closures.Select(c => new ClosureSpec(
            c.ClassName,
            c.Description,
            c.Variables.Select(v => new LocalSpec(v.FieldName, v.Type, v.HoldsReferences, Hoisted: true, v.Origin)).ToEquatableArray())).ToEquatableArray();
}
