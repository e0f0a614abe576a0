using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Plans closures (the stage after the locals are collected, before the body is rendered): C# gives every entry into a
/// scope its own variables, so the moved locals that lambdas capture in a scope that can be entered again (a loop body,
/// or a for loop inside another loop) move into a class allocated on every entry. In: the body, its await regions and
/// its moved locals. Out: a <see cref="ClosurePlan"/>; each closure's current instance becomes a new moved local, and
/// each captured local knows its closure (<see cref="MovedLocal.Closure"/>).
/// </summary>
internal sealed class ClosurePlanner
{
    private readonly SemanticModel _model;
    private readonly MethodDeclarationSyntax _syntax;
    private readonly SyntaxNode _body;
    private readonly AwaitRegions _awaits;
    private readonly LocalTable _locals;
    private readonly System.Func<SyntaxNode, int> _lineOf;
    private readonly CancellationToken _ct;
    private readonly bool _hasGoto;
    private readonly Dictionary<SyntaxNode, Closure> _closures = new();
    private readonly List<Closure> _closureList = new();
    private readonly Dictionary<ISymbol, List<Closure>> _functions = new(SymbolEqualityComparer.Default);

    private ClosurePlanner(SemanticModel model, MethodDeclarationSyntax syntax, SyntaxNode body, AwaitRegions awaits, LocalTable locals, System.Func<SyntaxNode, int> lineOf, CancellationToken ct)
    {
        _model = model;
        _syntax = syntax;
        _body = body;
        _awaits = awaits;
        _locals = locals;
        _lineOf = lineOf;
        _ct = ct;
        // A goto can enter any scope again (a backward jump), as a loop does.
        _hasGoto = body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<GotoStatementSyntax>().Any();
    }

    /// <summary>Plans the closures of <paramref name="body"/>, whose locals are in <paramref name="locals"/>; <paramref name="lineOf"/> gives a node's source line.</summary>
    public static ClosurePlan Plan(SemanticModel model, MethodDeclarationSyntax syntax, SyntaxNode body, AwaitRegions awaits, LocalTable locals, System.Func<SyntaxNode, int> lineOf, CancellationToken ct) =>
        new ClosurePlanner(model, syntax, body, awaits, locals, lineOf, ct).Run();

    /// <summary>Decides which moved locals go into closures and which local functions take closure parameters.</summary>
    private ClosurePlan Run()
    {
        var functions = _body.DescendantNodes().Where(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax).ToList();
        var captured = new List<(MovedLocal Local, SyntaxNode Use)>();
        var seen = new HashSet<MovedLocal>();
        int outermostEnd = -1;
        foreach (var function in functions)
        {
            // Only the outermost functions are walked: a nested one's names are theirs, and walking each function's
            // names would bind those of n nested lambdas n times over.
            if (function.SpanStart < outermostEnd)
                continue;
            outermostEnd = function.Span.End;
            foreach (var name in function.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (_model.GetSymbolInfo(name, _ct).Symbol is ILocalSymbol local && _locals.Moved.TryGetValue(local, out var moved) && seen.Add(moved))
                    captured.Add((moved, name));
            }
        }
        foreach (var (local, use) in captured.OrderBy(c => c.Local.Id))
        {
            var declaration = local.Declaration!;
            var scope = ScopeOf(declaration);
            if (!IsReentered(scope ?? declaration))
                continue;   // the scope is entered once: one field (or MoveNext local) is exactly C#'s one variable
            if (scope is null || local.InlineDeclared)
                throw new NotLoweredException($"A lambda or local function capturing '{local.Origin}', declared by a {DeclarationKind(declaration)} inside a loop that awaits (each iteration needs its own copy)", use);
            if (!_closures.TryGetValue(scope, out var closure))
            {
                int number = _closureList.Count + 1;
                var current = NewNamedTemp(_locals.Reserve("__closure" + number.ToString(CultureInfo.InvariantCulture)), "__Closure" + number.ToString(CultureInfo.InvariantCulture), "the current __Closure" + number.ToString(CultureInfo.InvariantCulture) + ": the variables that lambdas capture");
                closure = new Closure(number, current, _locals.Reserve("__captured" + number.ToString(CultureInfo.InvariantCulture)), DescribeScope(scope), _lineOf(scope));
                _closures.Add(scope, closure);
                _closureList.Add(closure);
            }
            local.Closure = closure;
            closure.Variables.Add(local);
        }
        if (_closureList.Count > 0)
            PlanClosureFunctions(functions.OfType<LocalFunctionStatementSyntax>().ToList());
        return new ClosurePlan(_closures, _closureList, _functions);
    }

    /// <summary>
    /// A local function declared in lowered code lives in MoveNext's scope, not in the iteration's: it gets each closure
    /// it needs (directly or through the local functions it calls) as a parameter, and every call passes the instance.
    /// </summary>
    private void PlanClosureFunctions(List<LocalFunctionStatementSyntax> localFunctions)
    {
        var candidates = localFunctions.Where(f => _awaits.IsFlattenedContainer(f.Parent)).ToList();
        var needs = candidates.ToDictionary(f => f, f => new HashSet<Closure>(ClosuresUsedIn(f)));
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var function in candidates)
            {
                foreach (var callee in candidates)
                {
                    if (callee != function && CallsOrNames(function, callee) && needs[callee].Any(c => needs[function].Add(c)))
                        changed = true;
                }
            }
        }
        foreach (var function in candidates)
        {
            if (needs[function].Count > 0 && _model.GetDeclaredSymbol(function, _ct) is { } symbol)
                _functions[symbol] = needs[function].OrderBy(c => c.Number).ToList();
        }
    }

    private IEnumerable<Closure> ClosuresUsedIn(SyntaxNode node) =>
        node.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Select(n => _model.GetSymbolInfo(n, _ct).Symbol is ILocalSymbol local && _locals.Moved.TryGetValue(local, out var moved) ? moved.Closure : null)
            .Where(c => c is not null)
            .Select(c => c!);

    private bool CallsOrNames(SyntaxNode caller, LocalFunctionStatementSyntax callee) =>
        caller.DescendantNodes().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == callee.Identifier.ValueText
            && _model.GetSymbolInfo(n, _ct).Symbol is IMethodSymbol method
            && method.DeclaringSyntaxReferences.Any(r => r.GetSyntax(_ct) == callee));

    /// <summary>The syntax whose every entry creates new variables for <paramref name="declaration"/>, or null when not modelled.</summary>
    private static SyntaxNode? ScopeOf(SyntaxNode declaration) => declaration switch
    {
        VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block } } => block,
        VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement } } } => switchStatement,
        VariableDeclaratorSyntax { Parent.Parent: ForStatementSyntax loop } => loop,
        ForEachStatementSyntax loop => loop.Statement,
        SingleVariableDesignationSyntax designation when designation.FirstAncestorOrSelf<StatementSyntax>() is ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax
            && designation.FirstAncestorOrSelf<StatementSyntax>()!.Parent is BlockSyntax block => block,
        _ => null,
    };

    /// <summary>Whether <paramref name="scope"/> can be entered again while lambdas of an earlier entry are alive.</summary>
    private bool IsReentered(SyntaxNode scope) =>
        _hasGoto || scope.Ancestors().TakeWhile(a => a != _body).OfType<StatementSyntax>()
            .Any(a => _awaits.IsLoweredLoop(a) && BodyParser.LoopBodyOf(a) is { } body && body.Span.Contains(scope.Span));

    private static string DeclarationKind(SyntaxNode declaration) => declaration switch
    {
        SingleVariableDesignationSyntax => "pattern or out variable",
        CatchDeclarationSyntax => "catch clause",
        VariableDeclaratorSyntax { Parent.Parent: UsingStatementSyntax } => "using statement",
        _ => "declaration",
    };

    private string DescribeScope(SyntaxNode scope)
    {
        string Where(SyntaxNode node) => System.IO.Path.GetFileName(_syntax.SyntaxTree.FilePath) + ":" + _lineOf(node).ToString(CultureInfo.InvariantCulture);
        string Header(StatementSyntax loop, SyntaxToken end) => CommentText.OneLine(_syntax.SyntaxTree.GetText(_ct).ToString(TextSpan.FromBounds(loop.SpanStart, end.Span.End)), 60);
        return scope switch
        {
            ForStatementSyntax loop => $"one run of {Header(loop, loop.CloseParenToken)} ({Where(loop)})",
            SwitchStatementSyntax switchStatement => $"one run of the switch block of {Header(switchStatement, switchStatement.CloseParenToken.IsKind(SyntaxKind.None) ? switchStatement.Expression.GetLastToken() : switchStatement.CloseParenToken)} ({Where(switchStatement)}), whose sections share one scope",
            _ when scope.Parent is ForEachStatementSyntax loop && loop.Statement == scope => $"one iteration of {Header(loop, loop.CloseParenToken)} ({Where(loop)})",
            _ => $"one pass through the block at {Where(scope)}",
        };
    }

    private MovedLocal NewNamedTemp(string name, string type, string origin) =>
        _locals.Add(name, type, holdsReferences: true, origin, isTemp: true);
}
