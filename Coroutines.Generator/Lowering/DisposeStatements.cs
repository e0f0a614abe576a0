using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>The finally body that disposes a using's resource or a foreach's enumerator, as the C# compiler writes it.</summary>
internal static class DisposeStatements
{
    public static BlockStatement Of(CodeText resource, DisposeSpec dispose, int line)
    {
        StatementSpec statement;
        if (dispose.IsAsync)
        {
            CodeText call = dispose.Kind == DisposeKind.ViaInterface
                ? CodeText.Of($"((global::System.IAsyncDisposable){resource}).DisposeAsync()")
                : CodeText.Of($"{resource}.DisposeAsync()");
            var await = new AwaitStatement(new AwaitSpec(CodeText.Of($"{call}.GetAwaiter()"), dispose.AwaiterType!, CodeText.Verbatim(dispose.AwaitText ?? ""), line), null);
            statement = dispose.MayBeNull
                ? new IfStatement(new CodeCondition(CodeText.Of($"{resource} != null")), new BlockStatement(new StatementSpec[] { await }.ToEquatableArray(), true), null, true, line)
                : await;
        }
        else
        {
            statement = new TextStatement(dispose.Kind switch
            {
                DisposeKind.Direct => CodeText.Of($"{resource}.Dispose();"),
                DisposeKind.ViaInterface => CodeText.Of($"((global::System.IDisposable?){resource})?.Dispose();"),
                _ => CodeText.Of($"({resource} as global::System.IDisposable)?.Dispose();"),
            }, line);
        }
        return new BlockStatement(new[] { statement }.ToEquatableArray(), dispose.IsAsync);
    }
}
