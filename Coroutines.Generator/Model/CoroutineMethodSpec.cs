using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>Everything the emitter needs to write one coroutine's machine and entry point.</summary>
internal sealed record CoroutineMethodSpec(
    string HintName,
    TypeHierarchySpec Hierarchy,
    EquatableArray<string> Usings,
    string MethodName,
    string MachineName,
    string EntryName,
    string Accessibility,
    bool IsStatic,
    string TypeParameters,
    EquatableArray<string> Constraints,
    string ReturnType,
    string? ResultType,
    EquatableArray<ParameterSpec> Parameters,
    string? ThisType,
    bool ThisIsStruct,
    EquatableArray<string> BaseAccessors,
    string DisplayName,
    string FilePath,
    string Signature,
    string MoveNextModifiers,
    MachineBodySpec? Body)
{
    /// <summary>
    /// The documentation ID of the user's method when it has a doc comment: the entry point then inherits it, so
    /// IntelliSense shows the user's summary and parameters on whatever the user calls.
    /// </summary>
    public string? DocumentationId { get; init; }

    /// <summary>
    /// Whether the assembly can name every type of the signature: only then may the entry point be wider than the
    /// method (internal for a private method), else it would expose a private type (CS0051).
    /// </summary>
    public bool SignatureNameableInAssembly { get; init; } = true;
}

/// <summary>
/// The lowered body. Null in <see cref="CoroutineMethodSpec.Body"/> when something cannot be lowered: the entry
/// point then calls the original method (a diagnostic says why).
/// </summary>
/// <param name="Statements">The body in the intermediate representation.</param>
/// <param name="Locals">Locals that are hoisted into fields or declared at the top of MoveNext.</param>
/// <param name="StoresPatternVariables">Whether the body copies pattern variables out of their patterns (the machine then has the <c>__Store</c> helper).</param>
internal sealed record MachineBodySpec(BlockStatement Statements, EquatableArray<LocalSpec> Locals, bool StoresPatternVariables = false)
{
    /// <summary>The final naming of each moved local, indexed by the slots that <see cref="CodeText"/> refers to.</summary>
    public EquatableArray<SlotSpec> Slots { get; init; } = EquatableArray<SlotSpec>.Empty;

    /// <summary>The closure classes of scopes whose captured variables need one instance per entry.</summary>
    public EquatableArray<ClosureSpec> Closures { get; init; } = EquatableArray<ClosureSpec>.Empty;

    /// <summary>Static helpers that re-type locals of anonymous type (declarations with their doc comment, lines joined by '\n').</summary>
    public EquatableArray<string> TypeHelpers { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// Whether the body declares a lambda, anonymous method or local function: those capture the machine itself, may
    /// run after it completed, and so keep its parameters and hoisted locals from being released.
    /// </summary>
    public bool DeclaresFunctions { get; init; }

    /// <summary>Declarations at the top of MoveNext of the lambdas whose return type names an anonymous type for the cast helper.</summary>
    public EquatableArray<string> TypePrototypes { get; init; } = EquatableArray<string>.Empty;
}
