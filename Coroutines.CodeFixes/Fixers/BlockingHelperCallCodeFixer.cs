using System.Collections.Immutable;
using System.Composition;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>CORO007: runs the call to the blocking helper in the loop's executor.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingHelperCallCodeFixer)), Shared]
public sealed class BlockingHelperCallCodeFixer : BlockingCallCodeFixer
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.BlockingHelperCallId);

    /// <inheritdoc/>
    protected override string RuleId => DiagnosticDescriptors.BlockingHelperCallId;
}
