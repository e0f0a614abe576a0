using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Emitting;

// Lowering of each statement kind. Statements without an await keep their C# shape; the others become labels and
// gotos in "flattened" regions (faux //{ //} braces), because C# cannot jump into a block from outside.
internal sealed partial class MachineWriter
{
    private int _tryCounter;
    private int _checkedCounter;

    /// <summary>The shortest run of states to one label that a dispatch switch writes as one range (shorter runs keep a jump table case each).</summary>
    private const int MinDispatchRange = 4;
    private int _ifCounter;
    private int _loopCounter;

    private abstract class Scope { }

    /// <summary>A loop or switch that break/continue can target.</summary>
    private sealed class TargetScope : Scope
    {
        public TargetScope(int id, bool plain, string? breakLabel, string? continueLabel)
        {
            Id = id;
            Plain = plain;
            BreakLabel = breakLabel;
            ContinueLabel = continueLabel;
        }

        public int Id { get; }
        public bool Plain { get; }
        public string? BreakLabel { get; }
        public string? ContinueLabel { get; }
    }

    /// <summary>A try whose finally awaits: jumps out of it are recorded as pending branches and replayed after the finally body.</summary>
    private sealed class FinallyScope : Scope
    {
        public FinallyScope(int number, string label, int tryId)
        {
            Number = number;
            Label = label;
            TryId = tryId;
        }

        public int Number { get; }
        public int TryId { get; }
        public string Label { get; }
        public List<Jump> Branches { get; } = new();

        public int Register(Jump jump)
        {
            int index = Branches.IndexOf(jump);
            if (index < 0)
            {
                Branches.Add(jump);
                index = Branches.Count - 1;
            }
            return index + 1;
        }
    }

    /// <summary>A catch handler; <see cref="Stash"/> is the field holding the exception when the handler was lowered after its try.</summary>
    private sealed class CatchScope : Scope
    {
        public CatchScope(int tryId, int index, string? stash)
        {
            TryId = tryId;
            Index = index;
            Stash = stash;
        }

        public int TryId { get; }
        public int Index { get; }
        public string? Stash { get; }
    }

    private enum JumpKind
    {
        Break,
        Continue,
        Return,
        Goto,
    }

    private readonly record struct Jump(JumpKind Kind, int TargetId);

    private void EmitBlockContents(BlockStatement block, SourceWriter w)
    {
        foreach (var statement in block.Statements)
        {
            _ct.ThrowIfCancellationRequested();
            Emit(statement, w);
        }
    }

    private void EmitBlock(BlockStatement block, SourceWriter w)
    {
        using (w.Block(faux: block.HasAwait))
            EmitBlockContents(block, w);
    }

    private void Emit(StatementSpec statement, SourceWriter w)
    {
        switch (statement)
        {
            case TextStatement text:
                w.WriteUserCode(text.Line, Code(text.Text));
                break;
            case CommentStatement comment:
                w.WriteLine($"// {comment.Text} ({Location(comment.Line)})");
                break;
            case AwaitStatement await:
                EmitAwait(await, w);
                break;
            case BlockStatement block:
                EmitBlock(block, w);
                break;
            case IfStatement ifStatement:
                EmitIf(ifStatement, w);
                break;
            case PlainLoopStatement loop:
                _scopes.Add(new TargetScope(loop.Id, plain: true, null, null));
                w.WriteUserCode(loop.Line, Code(loop.Header));
                EmitBlock(loop.Body, w);
                if (loop.Trailer is not null)
                    w.WriteUserCode(loop.Line, Code(loop.Trailer));
                _scopes.RemoveAt(_scopes.Count - 1);
                break;
            case LoweredLoopStatement loop:
                EmitLoweredLoop(loop, w);
                break;
            case PlainCompoundStatement { Body.HasAwait: true } compound:
                // checked/unchecked (the only compound statements C# lets an await into): the block stays, so its
                // arithmetic keeps the context, and resuming inside it goes through a switch at its head, as for a try.
                w.WriteLine($"// {Code(compound.Header)}: awaits inside");
                EmitDispatchedBlock(Code(compound.Header), "CheckedDispatch" + N(++_checkedCounter), compound.Body, w, null);
                break;
            case PlainCompoundStatement compound:
                w.WriteUserCode(compound.Line, Code(compound.Header));
                EmitBlock(compound.Body, w);
                break;
            case BreakStatement breakStatement:
                EmitJump(new Jump(JumpKind.Break, breakStatement.TargetId), w, _scopes.Count - 1);
                break;
            case ContinueStatement continueStatement:
                EmitJump(new Jump(JumpKind.Continue, continueStatement.TargetId), w, _scopes.Count - 1);
                break;
            case ReturnStatement returnStatement:
                if (returnStatement.Value is not null)
                    w.WriteUserCode(returnStatement.Line, $"__result = {Code(returnStatement.Value)};");
                EmitJump(new Jump(JumpKind.Return, 0), w, _scopes.Count - 1);
                break;
            case LabelStatement label:
                w.WriteLine($"{LabelName(label.Id)}: ;");
                break;
            case GotoStatement gotoStatement:
                if (gotoStatement.Text is not null && gotoStatement.Text != $"goto {LabelName(gotoStatement.LabelId)};")
                    w.WriteLine($"// {gotoStatement.Text} ({Location(gotoStatement.Line)})");
                EmitJump(new Jump(JumpKind.Goto, gotoStatement.LabelId), w, _scopes.Count - 1);
                break;
            case ConditionalGotoStatement conditionalGoto:
                w.WriteUserCode(conditionalGoto.Line, $"if ({Code(ConditionPrinter.Print(conditionalGoto.Condition))}) goto {LabelName(conditionalGoto.LabelId)};");
                break;
            case RethrowStatement rethrow:
                var scope = _scopes.OfType<CatchScope>().LastOrDefault(c => c.TryId == rethrow.TryId && c.Index == rethrow.CatchIndex);
                if (scope?.Stash is { } stash)
                    w.WriteUserCode(rethrow.Line, $"global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw({stash}); // throw;");
                else
                    w.WriteUserCode(rethrow.Line, "throw;");
                break;
            case TryStatement tryStatement:
                EmitTry(tryStatement, w);
                break;
            case SwitchStatement switchStatement:
                EmitPlainSwitch(switchStatement, w);
                break;
        }
    }

    // ---- await ----

    private void EmitAwait(AwaitStatement statement, SourceWriter w)
    {
        var await = statement.Await;
        int state = _sites.Count;
        _sites.Add(await);
        int typeIndex = _awaiterTypes.IndexOf(await.AwaiterType);
        if (typeIndex < 0)
        {
            _awaiterTypes.Add(await.AwaiterType);
            typeIndex = _awaiterTypes.Count - 1;
        }
        string field = "__awaiter" + N(typeIndex + 1);
        string label = Label("Resume" + N(state));
        string where = $"await {Code(await.Text)} ({Location(await.Line)})";
        _dispatch[_dispatch.Count - 1].Add((state, label, where));

        // The one shape of every await: get the awaiter; if it is not done, record where to resume and return; on
        // resuming (or when it was done) mark the machine running, take the result and drop the awaiter.
        w.WriteUserCode(await.Line, $"{field} = {Code(await.Operand)};");
        w.WriteLine($"if (!{field}.IsCompleted) {{ Await({N(state)}, ref {field}); return; }}");
        w.WriteLine($"{label}: __state = -1; // resumes after {CommentText.OneLine(where)}");
        w.WriteUserCode(await.Line, statement.Target is null ? $"{field}.GetResult();" : $"{Code(statement.Target)} = {field}.GetResult();");
        w.WriteLine($"{field} = default;");
    }

    private void WriteDispatch(List<(int State, string Label, string Comment)> table, SourceWriter w)
    {
        if (table.Count == 0)
            return;
        using (w.Block("switch (__state)"))
        {
            for (int i = 0; i < table.Count;)
            {
                // A run of consecutive states that go to the same label (a nested try's) is one case: a try nested d
                // deep would otherwise repeat every state inside it at every level, d² cases in all.
                int end = i + 1;
                while (end < table.Count && table[end].Label == table[i].Label && table[end].State == table[end - 1].State + 1)
                    end++;
                var (state, label, comment) = table[i];
                if (end - i >= MinDispatchRange)
                    w.WriteLine($"case >= {N(state)} and <= {N(table[end - 1].State)}: goto {label}; // {N(end - i)} awaits, from {comment}");
                else
                {
                    for (int j = i; j < end; j++)
                        w.WriteLine($"case {N(table[j].State)}: goto {table[j].Label}; // {table[j].Comment}");
                }
                i = end;
            }
        }
    }

    // ---- jumps ----

    private void EmitJump(Jump jump, SourceWriter w, int from)
    {
        for (int i = from; i >= 0; i--)
        {
            switch (_scopes[i])
            {
                case TargetScope target when jump.Kind is JumpKind.Break or JumpKind.Continue && target.Id == jump.TargetId:
                    if (target.Plain)
                        w.WriteLine(jump.Kind == JumpKind.Break ? "break;" : "continue;");
                    else
                        w.WriteLine($"goto {Label(jump.Kind == JumpKind.Break ? target.BreakLabel! : target.ContinueLabel!)};");
                    return;
                case FinallyScope inside when jump.Kind == JumpKind.Goto && IsLabelInside(jump.TargetId, inside.TryId):
                    w.WriteLine($"goto {LabelName(jump.TargetId)};");
                    return;
                case FinallyScope pending:
                    int branch = pending.Register(jump);
                    w.WriteLine($"__pendingBranch{N(pending.Number)} = {N(branch)}; // {Describe(jump)}: after the finally");
                    w.WriteLine($"goto {Label(pending.Label)};");
                    return;
            }
        }
        w.WriteLine(jump.Kind == JumpKind.Goto ? $"goto {LabelName(jump.TargetId)};" : $"goto {Label("Return")};");
    }

    private string Describe(Jump jump) => jump.Kind switch
    {
        JumpKind.Break => "break",
        JumpKind.Continue => "continue",
        JumpKind.Goto => "goto " + LabelName(jump.TargetId),
        _ => "return",
    };

    // ---- if ----

    private void EmitIf(IfStatement statement, SourceWriter w)
    {
        if (!statement.HasAwait)
        {
            w.WriteUserCode(statement.Line, $"if ({Code(ConditionPrinter.Print(statement.Condition))})");
            EmitBlock(statement.Then, w);
            if (statement.Else is not null)
            {
                w.WriteLine("else");
                EmitBlock(statement.Else, w);
            }
            return;
        }
        int k = ++_ifCounter;
        string end = "If" + N(k) + "_End";
        string elseLabel = statement.Else is null ? end : "If" + N(k) + "_Else";
        w.WriteUserCode(statement.Line, $"if ({Code(ConditionPrinter.Negated(statement.Condition))}) goto {Label(elseLabel)};");
        EmitBlock(statement.Then, w);
        if (statement.Else is not null)
        {
            w.WriteLine($"goto {Label(end)};");
            w.WriteLine($"{elseLabel}: ;");
            EmitBlock(statement.Else, w);
        }
        w.WriteLine($"{end}: ;");
    }

    // ---- loops ----

    private void EmitLoweredLoop(LoweredLoopStatement loop, SourceWriter w)
    {
        int k = ++_loopCounter;
        string prefix = loop.Kind.ToString() + N(k);
        string top = prefix, continueLabel = prefix + "_Continue", end = prefix + "_End";
        _usedLabels.Remove(continueLabel);
        _usedLabels.Remove(end);
        _scopes.Add(new TargetScope(loop.Id, plain: false, end, continueLabel));

        var body = w.Nested(w.Indent);
        w.WriteLine($"{top}: ;");
        if (!loop.TestAtEnd)
        {
            foreach (var statement in loop.ConditionPrefix)
                Emit(statement, w);
            if (loop.Condition is not null)
                w.WriteUserCode(loop.Line, $"if ({Code(ConditionPrinter.Negated(loop.Condition))}) goto {Label(end)};");
        }
        EmitBlock(loop.Body, body);
        w.WriteRaw(body);
        _scopes.RemoveAt(_scopes.Count - 1);
        if (_usedLabels.Contains(continueLabel))
            w.WriteLine($"{continueLabel}: ;");
        foreach (var statement in loop.Increment)
            Emit(statement, w);
        if (loop.TestAtEnd)
        {
            foreach (var statement in loop.ConditionPrefix)
                Emit(statement, w);
            w.WriteUserCode(loop.Line, $"if ({Code(ConditionPrinter.Print(loop.Condition!))}) goto {top};");
        }
        else
        {
            w.WriteLine($"goto {top};");
        }
        if (_usedLabels.Contains(end))
            w.WriteLine($"{end}: ;");
    }

    // ---- switch ----

    private void EmitPlainSwitch(SwitchStatement statement, SourceWriter w)
    {
        _scopes.Add(new TargetScope(statement.Id, plain: true, null, null));
        w.WriteUserCode(statement.Line, $"switch ({Code(statement.Governing)})");
        using (w.Block())
        {
            foreach (var section in statement.Sections)
            {
                foreach (var label in section.Labels)
                    w.WriteUserCode(statement.Line, Code(label));
                w.Indent++;
                EmitBlockContents(section.Body, w);
                w.Indent--;
            }
        }
        _scopes.RemoveAt(_scopes.Count - 1);
    }

    // ---- try ----

    private void EmitTry(TryStatement statement, SourceWriter w)
    {
        bool finallyAwaits = statement.Finally is { HasAwait: true };
        bool catchAwaits = statement.Catches.Any(c => c.Body.HasAwait);
        if (statement.Finally is not null && statement.Catches.Count > 0 && (finallyAwaits || catchAwaits))
        {
            // try/catch/finally → try { try/catch } finally, so each part can be lowered on its own.
            var inner = statement with { Finally = null };
            var outerBody = new BlockStatement(new StatementSpec[] { inner }.ToEquatableArray(), statement.Body.HasAwait || catchAwaits);
            EmitTry(new TryStatement(statement.Id, outerBody, EquatableArray<CatchSpec>.Empty, statement.Finally, statement.Line), w);
            return;
        }
        int k = ++_tryCounter;
        if (finallyAwaits)
            EmitTryWithLoweredFinally(statement, k, w);
        else
            EmitTryWithCatches(statement, k, w, catchAwaits);
    }

    /// <summary>Writes <c>try { dispatch; body }</c>, preceded by its dispatch label when the body contains resume points.</summary>
    private bool EmitTryBlock(BlockStatement body, int k, SourceWriter w, Scope? scope) =>
        EmitDispatchedBlock("try", "TryDispatch" + N(k), body, w, scope);

    /// <summary>
    /// Writes <c>keyword { dispatch; body }</c>, preceded by the dispatch label when the body contains resume points:
    /// C# cannot jump into the block, so the enclosing dispatch jumps to the label and the switch at the block's head
    /// jumps on to the resume label.
    /// </summary>
    private bool EmitDispatchedBlock(string keyword, string dispatchName, BlockStatement body, SourceWriter w, Scope? scope)
    {
        var inner = w.Nested(w.Indent + 1);
        _dispatch.Add(new List<(int, string, string)>());
        if (scope is not null)
            _scopes.Add(scope);
        EmitBlockContents(body, inner);
        if (scope is not null)
            _scopes.RemoveAt(_scopes.Count - 1);
        var table = _dispatch[_dispatch.Count - 1];
        _dispatch.RemoveAt(_dispatch.Count - 1);
        if (table.Count > 0)
        {
            string dispatchLabel = Label(dispatchName);
            foreach (var (state, _, comment) in table)
                _dispatch[_dispatch.Count - 1].Add((state, dispatchLabel, comment.Contains(", inside a ") ? comment : $"{comment}, inside a {keyword}"));   // said once, however deep
            w.WriteLine($"{dispatchLabel}: ; // C# cannot jump into a {keyword} block: resuming inside it goes through the switch at its head");
        }
        using (w.Block(keyword))
        {
            WriteDispatch(table, w);
            w.WriteRaw(inner);
        }
        return table.Count > 0;
    }

    private void EmitTryWithCatches(TryStatement statement, int k, SourceWriter w, bool catchAwaits)
    {
        string caught = "__caught" + N(k), index = "__catchIndex" + N(k);
        if (catchAwaits)
        {
            _extraFields.Add(("global::System.Exception?", caught, "the exception caught by a catch that awaits", true));
            _extraFields.Add(("int", index, "which catch caught it (1-based), 0 for none", false));
            w.WriteLine($"{index} = 0;");
        }
        bool resumesInside = EmitTryBlock(statement.Body, k, w, null);
        for (int i = 0; i < statement.Catches.Count; i++)
        {
            var clause = statement.Catches[i];
            if (!clause.Body.HasAwait)
            {
                string header = $"catch ({clause.Type}{(clause.Variable is null ? "" : " " + Code(clause.Variable))})" + (clause.Filter is null ? "" : $" when ({Code(clause.Filter)})");
                w.WriteUserCode(statement.Line, header);
                _scopes.Add(new CatchScope(statement.Id, i, null));
                EmitBlock(clause.Body, w);
                _scopes.RemoveAt(_scopes.Count - 1);
                continue;
            }
            string exception = "__exception" + N(k) + "_" + N(i + 1);
            string filter = clause.Filter is null ? ""
                : clause.Variable is null ? $" when ({Code(clause.Filter)})"
                : $" when (({Code(clause.Variable)} = {exception}) != null && ({Code(clause.Filter)}))";
            w.WriteUserCode(statement.Line, $"catch ({clause.Type} {exception}){filter}");
            using (w.Block())
            {
                w.WriteLine($"{caught} = {exception};");
                w.WriteLine($"{index} = {N(i + 1)};");
            }
        }
        if (statement.Finally is not null)
            EmitPlainFinally(statement.Finally, resumesInside, w);

        for (int i = 0; i < statement.Catches.Count; i++)
        {
            var clause = statement.Catches[i];
            if (!clause.Body.HasAwait)
                continue;
            string skip = Label("Catch" + N(k) + "_" + N(i + 1) + "_End");
            w.WriteLine($"// {clause.Header}: runs after the try because it awaits");
            w.WriteLine($"if ({index} != {N(i + 1)}) goto {skip};");
            using (w.Block(faux: true))
            {
                // With a filter the variable was set before the filter ran, and keeps what the filter assigned to it.
                if (clause.Variable is not null && clause.Filter is null)
                    w.WriteLine($"{Code(clause.Variable)} = ({clause.Type}){caught};");
                _scopes.Add(new CatchScope(statement.Id, i, caught));
                EmitBlockContents(clause.Body, w);
                _scopes.RemoveAt(_scopes.Count - 1);
            }
            w.WriteLine($"{skip}: ;");
        }
    }

    private void EmitPlainFinally(BlockStatement body, bool resumesInside, SourceWriter w)
    {
        using (w.Block("finally"))
        {
            if (resumesInside)
            {
                // Suspending inside the try returns through this finally: the user's finally must not run then.
                using (w.Block("if (__state < 0)"))
                    EmitBlockContents(body, w);
            }
            else
            {
                EmitBlockContents(body, w);
            }
        }
    }

    private void EmitTryWithLoweredFinally(TryStatement statement, int k, SourceWriter w)
    {
        string pendingException = "__pendingException" + N(k), pendingBranch = "__pendingBranch" + N(k);
        var scope = new FinallyScope(k, "Finally" + N(k), statement.Id);
        var tryPart = w.Nested(w.Indent);
        EmitTryBlock(statement.Body, k, tryPart, scope);

        _extraFields.Add(("global::System.Exception?", pendingException, "an exception that left the try, rethrown after the finally body", true));
        if (scope.Branches.Count > 0)
            _extraFields.Add(("int", pendingBranch, "how the try was left: 0 fell through, else the jump to replay after the finally body", false));
        w.WriteLine("// try ... finally, whose finally awaits: it runs after the try as ordinary code");
        w.WriteLine($"{pendingException} = null;");
        if (scope.Branches.Count > 0)
            w.WriteLine($"{pendingBranch} = 0;");
        w.WriteRaw(tryPart);
        using (w.Block($"catch (global::System.Exception __exception{N(k)})"))
            w.WriteLine($"{pendingException} = __exception{N(k)};");
        if (_usedLabels.Contains(scope.Label))
            w.WriteLine($"{scope.Label}: ;");
        w.WriteLine("// finally");
        EmitBlock(statement.Finally!, w);
        w.WriteLine($"if ({pendingException} is not null)");
        w.Indent++;
        w.WriteLine($"global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw({pendingException});");
        w.Indent--;
        for (int i = 0; i < scope.Branches.Count; i++)
        {
            w.WriteLine($"if ({pendingBranch} == {N(i + 1)})");
            using (w.Block())
                EmitJump(scope.Branches[i], w, _scopes.Count - 1);
        }
    }
}
