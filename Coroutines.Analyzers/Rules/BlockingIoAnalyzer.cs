using Coroutines.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Analyzers.Rules;

/// <summary>CORO003: synchronous file, console, network, process and database calls in a coroutine.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingIoAnalyzer : BlockingCallAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public BlockingIoAnalyzer() : base(DiagnosticDescriptors.BlockingIo, BlockingCategory.Io) { }
}
