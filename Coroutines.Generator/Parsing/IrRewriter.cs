using System;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Parsing;

/// <summary>Rebuilds a statement tree with every code text passed through a function (the final renaming of moved locals).</summary>
internal sealed class IrRewriter : StatementRewriter
{
    private readonly Func<string, string> _map;

    private IrRewriter(Func<string, string> map) => _map = map;

    public static StatementSpec Map(StatementSpec statement, Func<string, string> map) => new IrRewriter(map).Rewrite(statement);

    protected override string RewriteCode(string code) => _map(code);
}
