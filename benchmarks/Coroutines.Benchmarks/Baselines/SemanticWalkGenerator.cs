using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Benchmarks.Baselines;

/// <summary>
/// The floor for generator throughput: a generator that finds the <c>[Coroutine]</c> methods the way
/// Coroutines.Generator does (<c>ForAttributeWithMetadataName</c>) and queries their semantic model, but builds and
/// emits nothing. <see cref="Mode.BindOne"/> asks for one symbol per method, which makes Roslyn bind the whole body
/// (and, in a nullable-enabled project, run its nullable analysis); <see cref="Mode.WalkAll"/> then asks for the
/// symbol of every expression and declaration of the body, as a generator that looks at each node does.
/// </summary>
public sealed class SemanticWalkGenerator(SemanticWalkGenerator.Mode mode) : IIncrementalGenerator
{
    /// <summary>How much of each method the generator asks the semantic model about.</summary>
    public enum Mode
    {
        /// <summary>The declared symbol of the body's first local: binds the body once.</summary>
        BindOne,

        /// <summary><c>GetSymbolInfo</c> of every expression, <c>GetDeclaredSymbol</c> of every declaration.</summary>
        WalkAll,
    }

    private int _methodsVisited;
    private int _symbolsFound;

    /// <summary>How many methods the last runs visited.</summary>
    public int MethodsVisited => _methodsVisited;

    /// <summary>How many symbols the queries returned (a check that they did resolve).</summary>
    public int SymbolsFound => _symbolsFound;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var counts = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Coroutines.CoroutineAttribute",
            static (node, _) => node is MethodDeclarationSyntax,
            (syntaxContext, ct) => Visit((MethodDeclarationSyntax)syntaxContext.TargetNode, syntaxContext.SemanticModel, ct));
        context.RegisterSourceOutput(counts, static (_, _) => { });
    }

    private int Visit(MethodDeclarationSyntax method, SemanticModel model, CancellationToken ct)
    {
        Interlocked.Increment(ref _methodsVisited);
        int found = 0;
        if (method.Body is not { } body)
            return 0;
        if (mode == Mode.BindOne)
        {
            var first = body.DescendantNodes().OfType<VariableDeclaratorSyntax>().FirstOrDefault();
            found = first is not null && model.GetDeclaredSymbol(first, ct) is not null ? 1 : 0;
        }
        else
        {
            foreach (var node in body.DescendantNodes())
            {
                var symbol = node switch
                {
                    ExpressionSyntax expression => model.GetSymbolInfo(expression, ct).Symbol,
                    VariableDeclaratorSyntax declarator => model.GetDeclaredSymbol(declarator, ct),
                    _ => null,
                };
                if (symbol is not null)
                    found++;
            }
        }
        Interlocked.Add(ref _symbolsFound, found);
        return found;
    }
}
