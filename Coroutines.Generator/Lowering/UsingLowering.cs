using System.Collections.Generic;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Desugars <see cref="UsingStatementSpec"/>: the body goes into one try per resource, innermost for the last, whose
/// finally disposes that resource, so resources are disposed in reverse order, as the C# compiler's LocalRewriter does.
/// The dispose of an <c>await using</c> is an await inside the finally.
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
            inner = new BlockStatement(new StatementSpec[] { tryStatement }.ToEquatableArray(), inner.HasAwait || dispose.HasAwait);
        }
        list.AddRange(inner.Statements);
    }
}
