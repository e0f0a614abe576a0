using System.Collections.Immutable;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.ThreadLockInCoroutineAnalyzer, Coroutines.CodeFixes.Fixers.ThreadLockInCoroutineCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class ThreadLockInCoroutineTests
{
    private const string Key = ThreadLockInCoroutineCodeFixer.UseAsyncLockKey;
    private const string LockMessage = "gives no mutual exclusion between coroutines, which all run on the loop thread";

    [Test]
    public Task LocksOnAPrivateField_BecomeAsyncLock() =>
        Verify.VerifyCodeFixWithStubsAsync("""
            public sealed class Counter
            {
                private readonly object _gate = new object();
                private int _value;

                public async Coroutine Increment()
                {
                    await Loop.Yield();
                    {|#0:lock|} (_gate)
                    {
                        _value++;
                    }
                }

                public async Coroutine Reset()
                {
                    {|#1:lock|} (_gate)
                        _value = 0;
                    await Loop.Yield();
                }
            }
            """, """
            public sealed class Counter
            {
                private readonly AsyncLock _gate = new AsyncLock();
                private int _value;

                public async Coroutine Increment()
                {
                    await Loop.Yield();
                    using (await _gate.Acquire())
                    {
                        _value++;
                    }
                }

                public async Coroutine Reset()
                {
                    using (await _gate.Acquire())
                        _value = 0;
                    await Loop.Yield();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("lock", LockMessage),
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(1).WithArguments("lock", LockMessage));

    [Test]
    public Task LockFieldAlsoUsedSynchronouslyOrPublic_IsReportedWithoutAFix()
    {
        const string source = """
            public sealed class Counter
            {
                private readonly object _gate = new();
                public readonly object Shared = new();

                public void Synchronous()
                {
                    lock (_gate) { }
                }

                public async Coroutine Run()
                {
                    {|#0:lock|} (_gate) { }
                    {|#1:lock|} (Shared) { }
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixWithStubsAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("lock", LockMessage),
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(1).WithArguments("lock", LockMessage));
    }

    [Test]
    public Task AgainstTheRealRuntime_TheLockFieldBecomesAnAsyncLock()
    {
        const string source = """
            public sealed class Counter
            {
                private readonly object _gate = new();

                public async Coroutine Run()
                {
                    {|#0:lock|} (_gate) { }
                    await Loop.Yield();
                }
            }
            """;
        const string fixedSource = """
            public sealed class Counter
            {
                private readonly AsyncLock _gate = new AsyncLock();

                public async Coroutine Run()
                {
                    using (await _gate.Acquire()) { }
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, fixedSource, Key,
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("lock", LockMessage));
    }

    [Test]
    public Task AcquiresHeldAcrossAnAwait_AreReported()
    {
        const string source = """
            public sealed class Resource
            {
                private readonly object _gate = new();
                private readonly SemaphoreSlim _slots = new(1);

                public async Coroutine Monitored()
                {
                    {|#0:Monitor.Enter(_gate)|};
                    try
                    {
                        await Loop.Yield();
                    }
                    finally
                    {
                        Monitor.Exit(_gate);
                    }
                }

                public async Coroutine Semaphore()
                {
                    {|#1:_slots.Wait()|};
                    await Loop.Sleep(1.0);
                    _slots.Release();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("Monitor.Enter", "is held across 'await'"),
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(1).WithArguments("SemaphoreSlim.Wait", "is held across 'await'"));
    }

    [Test]
    public Task LocksOutsideCoroutinesAndReleasedBeforeAwait_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Resource
            {
                private readonly object _gate = new();

                public void Synchronous()
                {
                    lock (_gate) { }
                }

                public async Task TaskMethod()
                {
                    lock (_gate) { }
                    await Task.Yield();
                }

                public async Coroutine Run()
                {
                    Monitor.Enter(_gate);
                    Monitor.Exit(_gate);
                    await Loop.Yield();
                    Action callback = () => { lock (_gate) { } };
                    await Task.Run(() => { lock (_gate) { } });
                }
            }
            """);

    [Test]
    public Task TypeWithCoroutineMethods_AndAPartInAnotherFile_StillGetsTheFix()
    {
        // The generator adds a part to every type with [Coroutine] methods; the user's other part does not use the field.
        const string otherPart = """
            public sealed partial class Counter
            {
                public int Value => _value;
            }
            """;
        const string source = """
            public sealed partial class Counter
            {
                private readonly object _gate = new();
                private int _value;

                [Coroutine]
                public async Coroutine Increment()
                {
                    await Loop.Yield();
                    {|#0:lock|} (_gate)
                    {
                        _value++;
                    }
                }
            }
            """;
        const string fixedSource = """
            public sealed partial class Counter
            {
                private readonly AsyncLock _gate = new AsyncLock();
                private int _value;

                [Coroutine]
                public async Coroutine Increment()
                {
                    await Loop.Yield();
                    using (await _gate.Acquire())
                    {
                        _value++;
                    }
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, fixedSource, Key, test =>
            {
                test.SourceGenerators.Add(typeof(Coroutines.Generator.CoroutineGenerator));
                test.TestBehaviors |= Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipGeneratedSourcesCheck;
                test.TestState.Sources.Add(("/0/Counter.Value.cs", otherPart));
                test.FixedState.Sources.Add(("/0/Counter.Value.cs", otherPart));
            },
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("lock", LockMessage));
    }

    [Test]
    public Task LockFieldUsedInAPartInAnotherFile_IsReportedWithoutAFix()
    {
        const string otherPart = """
            public sealed partial class Counter
            {
                public void Reset()
                {
                    lock (_gate) { }
                }
            }
            """;
        const string source = """
            public sealed partial class Counter
            {
                private readonly object _gate = new();

                public async Coroutine Increment()
                {
                    {|#0:lock|} (_gate) { }
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source, Key, test =>
            {
                test.TestState.Sources.Add(("/0/Counter.Reset.cs", otherPart));
                test.FixedState.Sources.Add(("/0/Counter.Reset.cs", otherPart));
            },
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("lock", LockMessage));
    }

    [Test]
    public async Task DotnetFormat_WhenTheFirstDiagnosticHasNoFix_StillFixesTheLockAndChangesExactlyItsText()
    {
        // A CORO030 without a fix (a Monitor held across an await), found first: dotnet format then runs Fix All with no
        // equivalence key, and must still fix the lock statement elsewhere, and leave this document alone.
        const string resource = """
            public sealed class Resource
            {
                private readonly object _gate = new();

                public async Coroutine Run()
                {
                    Monitor.Enter(_gate);
                    try { await Loop.Yield(); }
                    finally { Monitor.Exit(_gate); }
                }
            }
            """;
        const string counter = """
            public sealed partial class Counter
            {
                private readonly object _gate = new();

                [Coroutine]
                public async Coroutine Increment()
                {
                    lock (_gate) { }
                    await Loop.Yield();
                }
            }
            """;
        // What the generator adds to a type with [Coroutine] methods (it mentions the field, as lowered bodies do).
        const string generatedPart = """
            // <auto-generated/>
            public sealed partial class Counter
            {
                private object GateForTheMachine => _gate;
            }
            """;
        var changes = await RunLikeDotnetFormat(("Resource.cs", resource), ("Counter.cs", counter), ("Counter.Coroutines.g.cs", generatedPart));

        Assert.That(changes.Select(change => change.Name), Is.EqualTo(new[] { "Counter.cs" }));
        Assert.That(changes[0].Text, Is.EqualTo(counter
            .Replace("private readonly object _gate = new();", "private readonly AsyncLock _gate = new AsyncLock();")
            .Replace("lock (_gate) { }", "using (await _gate.Acquire()) { }")));
    }

    [Test]
    public async Task DotnetFormat_WhenNoDiagnosticIsFixable_ChangesNoDocument()
    {
        const string resource = """
            public sealed class Resource
            {
                public readonly object Shared = new();
                private readonly object _gate = new();

                public async Coroutine Run()
                {
                    lock (Shared) { }
                    Monitor.Enter(_gate);
                    await Loop.Yield();
                    Monitor.Exit(_gate);
                }
            }
            """;
        var changes = await RunLikeDotnetFormat(("Resource.cs", resource), ("Other.cs", resource.Replace("Resource", "Other")));

        Assert.That(changes, Is.Empty);
    }

    /// <summary>
    /// What <c>dotnet format analyzers</c> does for one diagnostic ID (SolutionCodeFixApplier): take the first fix offered
    /// for the first diagnostic found (none, if that diagnostic has no fix), run the fixer's Fix All over the solution with
    /// that fix's equivalence key (or none), and apply the changed solution. Returns the documents whose state changed, with
    /// their new text.
    /// </summary>
    private static async Task<List<(string Name, string Text)>> RunLikeDotnetFormat(params (string Name, string Text)[] files)
    {
        using var workspace = new Microsoft.CodeAnalysis.AdhocWorkspace();
        var project = workspace.AddProject(Microsoft.CodeAnalysis.ProjectInfo.Create(
            Microsoft.CodeAnalysis.ProjectId.CreateNewId(), Microsoft.CodeAnalysis.VersionStamp.Create(), "User", "User", Microsoft.CodeAnalysis.LanguageNames.CSharp,
            compilationOptions: new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary),
            metadataReferences: Infrastructure.TestSupport.References));
        project = project.AddDocument("GlobalUsings.cs", Infrastructure.TestSupport.GlobalUsings, filePath: "/src/GlobalUsings.cs").Project;
        foreach (var (name, text) in files)
            project = project.AddDocument(name, text, filePath: "/src/" + name).Project;
        Assert.That(workspace.TryApplyChanges(project.Solution), Is.True);
        var original = workspace.CurrentSolution;
        project = original.GetProject(project.Id)!;

        var compilation = (await project.GetCompilationAsync())!;
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error), Is.Empty);
        var found = await Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzerExtensions
            .WithAnalyzers(compilation, [new Coroutines.Analyzers.Rules.ThreadLockInCoroutineAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        // In document order, as dotnet format's analysis reports them.
        var order = files.Select(file => "/src/" + file.Name).ToList();
        var diagnostics = found.OrderBy(d => order.IndexOf(d.Location.SourceTree!.FilePath)).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        Assert.That(diagnostics, Is.Not.Empty);

        var fixer = new ThreadLockInCoroutineCodeFixer();
        var first = diagnostics[0];
        var document = project.GetDocument(first.Location.SourceTree)!;
        Microsoft.CodeAnalysis.CodeActions.CodeAction? action = null;
        await fixer.RegisterCodeFixesAsync(new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext(document, first, (offered, _) => action ??= offered, CancellationToken.None));
        var context = new Microsoft.CodeAnalysis.CodeFixes.FixAllContext(document, fixer, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Solution,
            action?.EquivalenceKey!, [DiagnosticDescriptors.ThreadLockInCoroutineId], new FixedDiagnostics(diagnostics), CancellationToken.None);
        var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context);
        var operations = await fixAll!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<Microsoft.CodeAnalysis.CodeActions.ApplyChangesOperation>().Single().ChangedSolution;
        var result = new List<(string Name, string Text)>();
        foreach (var id in changed.GetChanges(original).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
        {
            var changedDocument = changed.GetDocument(id)!;
            result.Add((changedDocument.Name, (await changedDocument.GetTextAsync()).ToString()));
        }
        return result;
    }

    private sealed class FixedDiagnostics(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> diagnostics)
        : Microsoft.CodeAnalysis.CodeFixes.FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>> GetDocumentDiagnosticsAsync(Microsoft.CodeAnalysis.Document document, CancellationToken cancellationToken) =>
            GetFor(document.Project, document);

        public override Task<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>> GetProjectDiagnosticsAsync(Microsoft.CodeAnalysis.Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Microsoft.CodeAnalysis.Diagnostic>());

        public override Task<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>> GetAllDiagnosticsAsync(Microsoft.CodeAnalysis.Project project, CancellationToken cancellationToken) =>
            GetFor(project, null);

        private Task<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>> GetFor(Microsoft.CodeAnalysis.Project project, Microsoft.CodeAnalysis.Document? document) =>
            Task.FromResult<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>>(diagnostics
                .Where(d => document is null ? project.GetDocument(d.Location.SourceTree) is not null : d.Location.SourceTree!.FilePath == document.FilePath)
                .ToList());
    }
}
