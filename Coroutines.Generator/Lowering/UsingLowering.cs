using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Desugars <see cref="UsingStatementSpec"/> as the C# compiler's LocalRewriter does: each resource is acquired, then
/// a try whose finally disposes it holds the next resource's acquisition and so on down to the body. Resources are
/// disposed in reverse order, and one whose acquisition throws still has those before it disposed. The dispose of an
/// <c>await using</c> is an await inside the finally.
/// </summary>
internal sealed class UsingLowering : StatementRewriter
{
    private readonly ILoweringContext _context;

    private UsingLowering(ILoweringContext context) => _context = context;

    public static BlockStatement Run(BlockStatement body, ILoweringContext context) => new UsingLowering(context).RewriteBlock(body);

    protected override void RewriteInto(StatementSpec statement, List<StatementSpec> list)
    {
        if (statement is not UsingStatementSpec usingStatement)
        {
            base.RewriteInto(statement, list);
            return;
        }
        var inner = RewriteBlock(usingStatement.Body);
        for (int i = usingStatement.Resources.Count - 1; i >= 0; i--)
        {
            var resource = usingStatement.Resources[i];
            var dispose = DisposeStatements.Of(resource.Resource, resource.Dispose, resource.Line);
            var tryStatement = new TryStatement(_context.NewId(), inner, EquatableArray<CatchSpec>.Empty, dispose, resource.Line);
            var acquire = RewriteList(resource.Acquire);
            bool hasAwait = inner.HasAwait || dispose.HasAwait || acquire.Any(s => StatementWalker.Any(s, x => x is AwaitStatement or SpillStatement));
            inner = new BlockStatement(acquire.Append(tryStatement).ToEquatableArray(), hasAwait);
        }
        list.AddRange(inner.Statements);
    }
}
