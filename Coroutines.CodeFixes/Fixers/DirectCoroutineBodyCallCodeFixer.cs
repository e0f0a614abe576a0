using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>CORO053: a call to the <c>[Coroutine]</c> body <c>M(...)</c> becomes a call to the generated <c>MAsync(...)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DirectCoroutineBodyCallCodeFixer)), Shared]
public sealed class DirectCoroutineBodyCallCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the call-the-entry-point fix.</summary>
    public const string CallEntryPointKey = "Coroutines.CORO053.CallEntryPoint";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.DirectCoroutineBodyCallId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is SimpleNameSyntax && diagnostic.Properties.TryGetValue(FixProperties.EntryPoint, out var entryPoint) && entryPoint is not null)
            yield return new FixOption($"Call '{entryPoint}'", CallEntryPointKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        var entryPoint = diagnostic.Properties[FixProperties.EntryPoint]!;
        editor.ReplaceNode(node, (current, _) => current switch
        {
            GenericNameSyntax generic => generic.WithIdentifier(Identifier(entryPoint).WithTriviaFrom(generic.Identifier)),
            IdentifierNameSyntax name => name.WithIdentifier(Identifier(entryPoint).WithTriviaFrom(name.Identifier)),
            _ => current,
        });
    }
}
