using System.Collections.Immutable;
using System.Composition;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>CORO004: replaces a blocking synchronization primitive with its awaitable sibling, or runs it in the loop's executor.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingSynchronizationCodeFixer)), Shared]
public sealed class BlockingSynchronizationCodeFixer : BlockingCallCodeFixer
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.BlockingSynchronizationId);

    /// <inheritdoc/>
    protected override string RuleId => DiagnosticDescriptors.BlockingSynchronizationId;
}
