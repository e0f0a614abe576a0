using Coroutines.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Analyzers.Rules;

/// <summary>CORO002: <c>Thread.Sleep</c>, spinning and <c>Task.Delay(..).Wait()</c> in a coroutine stop the whole loop.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SleepOnLoopThreadAnalyzer : BlockingCallAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SleepOnLoopThreadAnalyzer() : base(DiagnosticDescriptors.SleepOnLoopThread, BlockingCategory.Sleep) { }
}
