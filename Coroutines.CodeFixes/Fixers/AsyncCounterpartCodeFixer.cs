using System.Collections.Immutable;
using System.Composition;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>CORO005: replaces a synchronous call with an awaitable sibling with its awaitable sibling, or runs it in the loop's executor.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncCounterpartCodeFixer)), Shared]
public sealed class AsyncCounterpartCodeFixer : BlockingCallCodeFixer
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.AsyncCounterpartId);

    /// <inheritdoc/>
    protected override string RuleId => DiagnosticDescriptors.AsyncCounterpartId;
}
