using System.Collections.Immutable;
using System.Composition;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>CORO003: replaces blocking I/O with its awaitable sibling, or runs it in the loop's executor.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingIoCodeFixer)), Shared]
public sealed class BlockingIoCodeFixer : BlockingCallCodeFixer
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.BlockingIoId);

    /// <inheritdoc/>
    protected override string RuleId => DiagnosticDescriptors.BlockingIoId;
}
