using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace Coroutines.CodeFixes.Infrastructure;

/// <summary>
/// The shape every Coroutines fixer shares. A fixer names the fixes a diagnostic offers (<see cref="GetFixes"/>), each with
/// a stable equivalence key, and applies a batch of diagnostics to one <see cref="DocumentEditor"/>. The single fix and
/// Fix All run the same code: Fix All uses a <see cref="DocumentBasedFixAllProvider"/> rather than the BatchFixer so that
/// fixes that share an edit (a field added once per type, a lock field retyped once) are applied once.
/// </summary>
public abstract class CoroutineCodeFixer : CodeFixProvider
{
    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => new FixAll(this);

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            foreach (var fix in GetFixes(diagnostic, node, model, context.CancellationToken))
            {
                var key = fix.EquivalenceKey;
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct), key),
                    diagnostic);
            }
        }
    }

    /// <summary>The fixes offered for <paramref name="diagnostic"/> at <paramref name="node"/> (none when the code is not fixable).</summary>
    protected abstract IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken);

    /// <summary>Applies the fix <paramref name="key"/> for one diagnostic to <paramref name="editor"/>.</summary>
    protected abstract void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key);

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var batch = new FixBatch(editor.SemanticModel, document, cancellationToken);
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            var node = editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            // Fix All hands over every diagnostic of the rule; apply only those that offer this fix. Without a key (dotnet
            // format asks for the first fix of the first diagnostic it found, and passes no key when that one had none),
            // each diagnostic gets its own first fix.
            foreach (var fix in GetFixes(diagnostic, node, editor.SemanticModel, cancellationToken))
            {
                if (key is not null && fix.EquivalenceKey != key)
                    continue;
                Apply(editor, batch, diagnostic, node, fix.EquivalenceKey);
                break;
            }
        }
        // A document where no diagnostic offered the fix (or the edits cancel out) goes back as the same instance, so the
        // solution's changes list only documents whose text changed.
        var changed = editor.GetChangedDocument();
        var before = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var after = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return after.ContentEquals(before) ? document : changed;
    }

    private sealed class FixAll : DocumentBasedFixAllProvider
    {
        private readonly CoroutineCodeFixer _fixer;

        public FixAll(CoroutineCodeFixer fixer) => _fixer = fixer;

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            await _fixer.ApplyAsync(document, diagnostics, fixAllContext.CodeActionEquivalenceKey, fixAllContext.CancellationToken).ConfigureAwait(false);
    }
}
