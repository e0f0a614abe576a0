using Coroutines.Analyzers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.AsyncCounterpartAnalyzer, Coroutines.CodeFixes.Fixers.AsyncCounterpartCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class AsyncCounterpartTests
{
    private const string Key = "Coroutines.CORO005.AwaitAsyncSibling";

    private const string Store = """
        public sealed class Store
        {
            public void Save() { }
            public Task SaveAsync() => Task.CompletedTask;
            public int Count(string table) => 0;
            public Task<int> CountAsync(string table, CancellationToken token = default) => Task.FromResult(0);
            public void Load(string path) { }
            public Task LoadAsync() => Task.CompletedTask;
            public void Reset() { }
            public Task ResetAsync(int generation) => Task.CompletedTask;
            public void Flush() { }
            public async Coroutine FlushAsync()
            {
                Flush();
                await Loop.Yield();
            }
        }
        """;

    [Test]
    public Task CallsWithAnAwaitableSibling_AreAwaitedThroughTheSibling() =>
        Verify.VerifyCodeFixAsync(Store + """

            public static class Jobs
            {
                public static async Coroutine Run(Store store)
                {
                    {|#0:store.Save()|};
                    var rows = {|#1:store.Count("users")|} + 1;
                    {|#2:store.Flush()|};
                }
            }
            """, Store + """

            public static class Jobs
            {
                public static async Coroutine Run(Store store)
                {
                    await store.SaveAsync();
                    var rows = await store.CountAsync("users") + 1;
                    await store.FlushAsync();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.AsyncCounterpart).WithLocation(0).WithArguments("Store.Save", "SaveAsync"),
            Verify.Diagnostic(DiagnosticDescriptors.AsyncCounterpart).WithLocation(1).WithArguments("Store.Count", "CountAsync"),
            Verify.Diagnostic(DiagnosticDescriptors.AsyncCounterpart).WithLocation(2).WithArguments("Store.Flush", "FlushAsync"));

    [Test]
    public Task MismatchedSiblingsRecursionCuratedAndInMemoryCalls_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Store + """

            public static class Jobs
            {
                public static async Coroutine Run(Store store, string path, CancellationTokenSource cancel)
                {
                    store.Load(path);
                    store.Reset();
                    File.ReadAllText(path);
                    new StringReader("text").ReadToEnd();
                    Console.Out.WriteLine("progress");
                    cancel.Cancel();
                    new MemoryStream().Dispose();
                    await Task.Run(() => store.Save());
                    await Loop.Yield();
                }
            }
            """);
}
