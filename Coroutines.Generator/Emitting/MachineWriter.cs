using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Emitting;

/// <summary>
/// Writes the state-machine class of one coroutine: fields, the await-site table and <c>MoveNext</c>, lowering the
/// statement IR as Roslyn's AsyncRewriter does: one resume label per await, a dispatch switch at
/// the top and at the head of every try that contains a resume point, <c>finally</c> bodies guarded by
/// <c>__state &lt; 0</c>, and catch/finally bodies that await rewritten to run after their try.
/// </summary>
internal sealed partial class MachineWriter
{
    private readonly CoroutineMethodSpec _spec;
    private readonly MachineBodySpec _body;
    private readonly SourceWriter _out;
    private readonly CancellationToken _ct;
    private readonly string _file;       // in #line directives
    private readonly string _siteFile;   // in the await-site table

    // machine layout collected while lowering the body
    private readonly List<AwaitSpec> _sites = new();
    private readonly List<string> _awaiterTypes = new();
    private readonly List<(string Type, string Name, string Comment, bool HoldsReferences)> _extraFields = new();
    private readonly HashSet<string> _usedLabels = new();
    private readonly List<List<(int State, string Label, string Comment)>> _dispatch = new();
    private readonly List<Scope> _scopes = new();
    private bool _resultIsField;

    public MachineWriter(CoroutineMethodSpec spec, MachineBodySpec body, BuildPaths paths, SourceWriter output, CancellationToken ct)
    {
        _spec = spec;
        _body = body;
        _out = output;
        _ct = ct;
        _file = SourcePaths.ForLineDirective(spec.FilePath, paths);
        _siteFile = SourcePaths.ForAwaitSite(spec.FilePath, paths);
    }

    public void Write()
    {
        _resultIsField = _spec.ResultType is not null
            && StatementWalker.Any(_body.Statements, s => s is TryStatement { Finally.HasAwait: true })
            && StatementWalker.Any(_body.Statements, s => s is ReturnStatement { Value: not null });

        // MoveNext first, into its own writer: the fields and the dispatch table depend on what it contains.
        var moveNext = new SourceWriter(_out.Indent + 3, mapsLines: true);
        _dispatch.Add(new List<(int, string, string)>());
        new LabelCollector(this).Visit(_body.Statements);
        EmitBlockContents(_body.Statements, moveNext);
        var rootDispatch = _dispatch[0];

        string machineBase = _spec.ResultType is null
            ? "global::Coroutines.CompilerServices.CoroutineMachine"
            : $"global::Coroutines.CompilerServices.CoroutineMachine<{_spec.ResultType}>";

        WriteClassComment();
        _out.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"Coroutines.Generator\", \"{CoroutineGenerator.Emitter.Version}\")]");
        _out.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        _out.WriteLine("[global::System.Diagnostics.DebuggerNonUserCode]");
        _out.WriteLine("[global::System.Runtime.CompilerServices.CompilerGenerated] // with the entry point's [AsyncStateMachine]: stack traces name the entry point");
        _out.WriteLine($"private sealed class {_spec.MachineName}{_spec.TypeParameters} : {machineBase}");
        _out.Indent++;
        foreach (var constraint in _spec.Constraints)
            _out.WriteLine(constraint);
        _out.Indent--;
        using (_out.Block())
        {
            WriteFields();
            WriteConstructor();
            _out.WriteLine();
            _out.WriteLine("/// <inheritdoc/>");
            _out.WriteLine("protected override global::Coroutines.CompilerServices.CoroutineMachineInfo Info => __info;");
            _out.WriteLine();
            if (_body.StoresPatternVariables)
                WriteStoreHelper();
            foreach (var helper in _body.TypeHelpers)
            {
                foreach (var line in helper.Split('\n'))
                    _out.WriteLine(line);
                _out.WriteLine();
            }
            _out.WriteLine("/// <summary>Runs the body from the current state to the next await that suspends, or to the end.</summary>");
            using (_out.Block($"{_spec.MoveNextModifiers} override void MoveNext()"))
            {
                var method = new SourceWriter(_out.Indent, mapsLines: true);
                var moveNextLocals = _body.Locals.Where(l => !l.Hoisted).ToList();
                foreach (var prototype in _body.TypePrototypes)
                    method.WriteLine(prototype);
                foreach (var local in moveNextLocals)
                    method.WriteLine($"{local.Type} {local.Name} = default!; // {CommentText.OneLine(local.Origin, 80)}");
                if (_spec.ResultType is not null && !_resultIsField)
                    method.WriteLine($"{_spec.ResultType} __result = default!;");
                if (moveNextLocals.Count > 0 || _body.TypePrototypes.Count > 0 || _spec.ResultType is not null && !_resultIsField)
                    method.WriteLine();
                using (method.Block("try"))
                {
                    WriteDispatch(rootDispatch, method);
                    method.WriteRaw(moveNext);
                }
                using (method.Block("catch (global::System.Exception __exception)"))
                {
                    method.WriteLine("Fail(__exception);");
                    method.WriteLine("return;");
                }
                if (_usedLabels.Contains("Return"))
                    method.WriteLine("Return: ;");
                method.WriteLine(_spec.ResultType is null ? "Complete();" : "Complete(__result);");
                _out.WriteMapped(method, _file);
            }
            WriteReleaseFields(FieldsReleasedOnCompletion());
            WriteClosureClasses();
        }
    }

    private void WriteClosureClasses()
    {
        foreach (var closure in _body.Closures)
        {
            _out.WriteLine();
            _out.WriteLine("/// <summary>");
            _out.WriteLine($"/// The variables that lambdas or local functions capture from {CommentText.Xml(closure.Description)}.");
            _out.WriteLine("/// C# gives each entry into the scope its own variables, so each entry allocates a new instance.");
            _out.WriteLine("/// </summary>");
            using (_out.Block($"private sealed class {closure.ClassName}"))
            {
                foreach (var variable in closure.Variables)
                    _out.WriteLine($"public {variable.Type} {variable.Name}; // {CommentText.OneLine(variable.Origin, 80)}");
            }
        }
    }

    /// <summary>
    /// The fields to reset when the body has finished, so that a completed coroutine (which its task and its
    /// awaiter may keep) holds no garbage, as .NET's own async machinery clears its state machine on completion.
    /// Only at completion: a resume pays nothing. Fields of the built-in value types are left alone (they reference
    /// nothing). Parameters and hoisted locals stay when the body has a lambda or a local function: those capture
    /// the machine itself (not a display class, as Roslyn's do) and may run after the coroutine completed.
    /// </summary>
    private List<string> FieldsReleasedOnCompletion()
    {
        var fields = new List<string>();
        if (!_body.DeclaresFunctions)
        {
            fields.AddRange(_spec.Parameters.Where(p => p.HoldsReferences).Select(p => p.FieldName));
            fields.AddRange(_body.Locals.Where(l => l.Hoisted && l.HoldsReferences).Select(l => l.Name));
        }
        for (int i = 0; i < _awaiterTypes.Count; i++)
            fields.Add("__awaiter" + N(i + 1));   // a GetResult that threw skipped the reset after it
        fields.AddRange(_extraFields.Where(f => f.HoldsReferences).Select(f => f.Name));
        return fields;
    }

    private void WriteReleaseFields(List<string> fields)
    {
        if (fields.Count == 0)
            return;
        _out.WriteLine();
        _out.WriteLine("/// <summary>Called by Complete and Fail: drops what the fields reference, so a completed coroutine keeps no garbage alive.</summary>");
        using (_out.Block("protected override void ReleaseFields()"))
        {
            foreach (var field in fields)
                _out.WriteLine($"{field} = default!;");
        }
    }

    private void WriteClassComment()
    {
        _out.WriteLine("/// <summary>");
        _out.WriteLine($"/// The state machine of <c>{CommentText.Xml(_spec.Signature)}</c>, generated from its body.");
        _out.WriteLine("/// </summary>");
        _out.WriteLine("/// <remarks>");
        _out.WriteLine("/// <para>__state (in the base class) is -1 while running (or not started), -2 once finished, and N while suspended at await N.</para>");
        if (_sites.Count == 0)
            _out.WriteLine("/// <para>The body never awaits: it runs to completion when started.</para>");
        for (int i = 0; i < _sites.Count; i++)
            _out.WriteLine($"/// <para>State {i}: resumes after <c>await {CommentText.Xml(Code(_sites[i].Text))}</c> ({CommentText.Xml(Location(_sites[i].Line))}).</para>");
        _out.WriteLine("/// </remarks>");
    }

    private void WriteFields()
    {
        _out.WriteLine("// the coroutine's name, and where each await is: the resume state indexes the sites (task dumps and GetStack read them)");
        _out.WriteLine($"private static readonly global::Coroutines.CompilerServices.CoroutineMachineInfo __info = new global::Coroutines.CompilerServices.CoroutineMachineInfo({CommentText.Literal(_spec.DisplayName)}, new global::Coroutines.AwaitSite[]");
        _out.WriteLine("{");
        _out.Indent++;
        foreach (var site in _sites)
            _out.WriteLine($"new global::Coroutines.AwaitSite({CommentText.Literal(_siteFile)}, {N(site.Line)}, {CommentText.Literal(Code(site.Text))}),");
        _out.Indent--;
        _out.WriteLine("});");
        _out.WriteLine();
        if (_spec.ThisIsStruct)
        {
            // As the C# compiler does for a struct: the machine works on its own copy of the value it was called on,
            // so mutations inside the coroutine persist across its awaits but never reach the caller's variable.
            _out.WriteLine($"private {_spec.ThisType} __this; // a copy of the struct the coroutine was called on");
        }
        else if (_spec.ThisType is not null)
        {
            _out.WriteLine($"private readonly {_spec.ThisType} __this;");
        }
        if (_spec.Parameters.Count > 0)
        {
            _out.WriteLine("// parameters");
            foreach (var parameter in _spec.Parameters)
                _out.WriteLine($"private {parameter.Type} {parameter.FieldName};");
        }
        var hoisted = _body.Locals.Where(l => l.Hoisted).ToList();
        if (hoisted.Count > 0 || _resultIsField)
        {
            _out.WriteLine("// locals that live across an await");
            foreach (var local in hoisted)
                _out.WriteLine($"private {local.Type} {local.Name}; // {CommentText.OneLine(local.Origin, 80)}");
            if (_resultIsField)
                _out.WriteLine($"private {_spec.ResultType} __result; // the return value, kept while a finally that awaits runs");
        }
        if (_awaiterTypes.Count > 0)
        {
            _out.WriteLine("// awaiters, one field per awaiter type (only one await is pending at a time); structs stay unboxed");
            for (int i = 0; i < _awaiterTypes.Count; i++)
                _out.WriteLine($"private {_awaiterTypes[i]} __awaiter{(i + 1).ToString(CultureInfo.InvariantCulture)};");
        }
        if (_extraFields.Count > 0)
        {
            _out.WriteLine("// exception bookkeeping of try statements whose catch or finally awaits");
            foreach (var (type, name, comment, _) in _extraFields)
                _out.WriteLine($"private {type} {name}; // {comment}");
        }
    }

    private void WriteConstructor()
    {
        if (_spec.ThisType is null && _spec.Parameters.Count == 0)
            return;   // the implicit constructor does
        var parameters = new List<string>();
        if (_spec.ThisType is not null)
            parameters.Add($"{_spec.ThisType} __this");
        parameters.AddRange(_spec.Parameters.Select(p => $"{p.Type} {p.FieldName}"));   // never __this, which the instance takes
        _out.WriteLine();
        using (_out.Block($"public {_spec.MachineName}({string.Join(", ", parameters)})"))
        {
            if (_spec.ThisType is not null)
                _out.WriteLine("this.__this = __this;");
            foreach (var parameter in _spec.Parameters)
                _out.WriteLine($"this.{parameter.FieldName} = {parameter.FieldName};");
        }
    }

    private void WriteStoreHelper()
    {
        _out.WriteLine("/// <summary>Copies a pattern variable out of its pattern into its field or local; always true, so it joins the match's condition.</summary>");
        using (_out.Block($"private static bool {SlotSpec.StoreHelper}<T>(out T target, T value)"))
        {
            _out.WriteLine("target = value;");
            _out.WriteLine("return true;");
        }
        _out.WriteLine();
    }

    /// <summary>Code of the body, with each moved local under its final name.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(code))]
    private string? Code(CodeText? code) => code?.Print(_body.Slots);

    private string Location(int line) => $"{System.IO.Path.GetFileName(_file)}:{line.ToString(CultureInfo.InvariantCulture)}";

    private string Label(string name)
    {
        _usedLabels.Add(name);
        return name;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
