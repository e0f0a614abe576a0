using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Coroutines.Analyzers;
using Coroutines.Analyzers.Rules;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>
/// CORO011: keeps the scheduled task alive in a set owned by the containing type and removes it when it completes
/// (asyncio's documented <c>background_tasks</c> idiom):
/// <code>
/// var task = Loop.CreateTask(Work());
/// BackgroundTasks.Add(task);
/// task.AddDoneCallback(done => BackgroundTasks.Remove(done));
/// </code>
/// The set is a static field in static members and an instance field otherwise; Fix All adds it once per type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DroppedTaskReferenceCodeFixer)), Shared]
public sealed class DroppedTaskReferenceCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the track-the-task fix.</summary>
    public const string TrackTaskKey = "Coroutines.CORO011.TrackTask";

    private const string StaticSetName = "BackgroundTasks";
    private const string InstanceSetName = "_backgroundTasks";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.DroppedTaskReferenceId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix) && fix == DroppedTaskReferenceAnalyzer.TrackTaskFix
            && Analyze(node, model, cancellationToken) is not null)
            yield return new FixOption("Keep the task in a set until it completes", TrackTaskKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        if (Analyze(node, batch.Model, batch.CancellationToken) is not { } site)
            return;
        if (!site.SetExists && batch.FirstTime(site.Type))
        {
            var modifiers = site.IsStatic ? "private static readonly" : "private readonly";
            var future = AwaitSyntax.TypeName(batch.Model, site.Statement.SpanStart, "Coroutines.Future");
            var setType = AwaitSyntax.TypeName(batch.Model, site.Statement.SpanStart, "System.Collections.Generic.HashSet`1", future);
            var field = ParseMemberDeclaration($"{modifiers} {setType} {site.SetName} = new();")!
                .WithLeadingTrivia(Comment("// Scheduled tasks stay referenced until they complete (CORO011)."), site.NewLine)
                .WithTrailingTrivia(site.NewLine, site.NewLine)
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.InsertMembers(site.Type, 0, new[] { field });
        }
        var name = UniqueLocalName(site, batch);
        var invocation = (ExpressionSyntax)node;
        // Each new statement takes the original statement's indentation and line break.
        var declaration = Line(site, $"var {name} = {invocation.WithoutTrivia().ToFullString()};");
        var add = Line(site, $"{site.SetName}.Add({name});");
        var remove = Line(site, $"{name}.AddDoneCallback(done => {site.SetName}.Remove(done));");
        editor.InsertAfter(site.Statement, new SyntaxNode[] { add, remove });
        editor.ReplaceNode(site.Statement, declaration);
    }

    private static StatementSyntax Line(Site site, string text) =>
        ParseStatement(text).WithLeadingTrivia(site.Statement.GetLeadingTrivia()).WithTrailingTrivia(site.Statement.GetTrailingTrivia());

    private static string UniqueLocalName(Site site, FixBatch batch)
    {
        for (var i = 1; ; i++)
        {
            var name = i == 1 ? "task" : "task" + i;
            if (batch.Model.LookupSymbols(site.Statement.SpanStart, name: name).IsEmpty && batch.FirstTime((site.Block, name)))
                return name;
        }
    }

    private static Site? Analyze(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var statement = node.Parent as ExpressionStatementSyntax
            ?? (node.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax discardStatement } ? discardStatement : null);
        if (node is not InvocationExpressionSyntax || statement?.Parent is not BlockSyntax block)
            return null;
        var type = statement.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        var member = statement.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m is not TypeDeclarationSyntax);
        if (type is null || member is null || model.GetDeclaredSymbol(type, cancellationToken) is not { } typeSymbol)
            return null;
        var isStatic = member is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax
            && member.Modifiers.Any(SyntaxKind.StaticKeyword);
        var setName = isStatic ? StaticSetName : InstanceSetName;
        var existing = typeSymbol.GetMembers(setName);
        var setExists = false;
        if (!existing.IsEmpty)
        {
            // Reuse a set this fix added earlier; any other member of that name blocks the fix.
            if (existing[0] is not IFieldSymbol { Type: INamedTypeSymbol { Name: "HashSet" } } set || set.IsStatic != isStatic)
                return null;
            setExists = true;
        }
        var newLine = statement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return new Site(statement, block, type, setName, isStatic, setExists, newLine == default ? LineFeed : newLine);
    }

    private sealed class Site
    {
        public Site(ExpressionStatementSyntax statement, BlockSyntax block, TypeDeclarationSyntax type, string setName, bool isStatic, bool setExists, SyntaxTrivia newLine)
        {
            NewLine = newLine;
            Statement = statement;
            Block = block;
            Type = type;
            SetName = setName;
            IsStatic = isStatic;
            SetExists = setExists;
        }

        public ExpressionStatementSyntax Statement { get; }
        public BlockSyntax Block { get; }
        public TypeDeclarationSyntax Type { get; }
        public string SetName { get; }
        public bool IsStatic { get; }
        public bool SetExists { get; }

        /// <summary>The document's line break, so inserted lines match the file.</summary>
        public SyntaxTrivia NewLine { get; }
    }
}
