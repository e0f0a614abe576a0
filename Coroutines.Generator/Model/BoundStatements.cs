using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

// Statements as the user wrote them, with every fact the parser learned from symbols resolved into plain data (type
// texts, method names, how to dispose). The desugaring passes of Lowering/ rewrite them into the loops, try statements,
// tests and jumps of the lowered IR before any other pass runs; the emitter never sees them.

/// <summary>
/// A <c>foreach</c> or <c>await foreach</c> whose body awaits (<see cref="Lowering.ForEachLowering"/> desugars it).
/// </summary>
/// <param name="Id">The loop id that <c>break</c> and <c>continue</c> in <paramref name="Body"/> target.</param>
/// <param name="Kind">How the collection is walked.</param>
/// <param name="Collection">The collection (already spilled).</param>
/// <param name="ParenthesizeCollection">Whether <paramref name="Collection"/> needs parentheses as the receiver of <c>GetEnumerator()</c>.</param>
/// <param name="Description">The collection as written, shortened, for the comments of the temporaries.</param>
/// <param name="WalkerType">The type of the array (<see cref="ForEachKind.Array"/>) or of the enumerator the loop keeps.</param>
/// <param name="GetEnumerator">The name of the method that returns the enumerator (<c>GetEnumerator</c>, <c>GetAsyncEnumerator</c>).</param>
/// <param name="ElementType">For <see cref="ForEachKind.MultiDimensionalArray"/>: the element type that <c>Current</c> (an object) is unboxed to.</param>
/// <param name="Variable">The iteration variable, or the deconstruction, that receives each element.</param>
/// <param name="Cast">The type the element is cast to (an explicitly typed iteration variable whose conversion is not the identity), or null.</param>
/// <param name="MoveNextAwaiterType">For <see cref="ForEachKind.AwaitEnumerator"/>: the awaiter type of <c>MoveNextAsync()</c>.</param>
/// <param name="AwaitText">The statement's header as written, naming the awaits of <c>MoveNextAsync</c> and <c>DisposeAsync</c>.</param>
/// <param name="Dispose">How the enumerator is disposed when the loop ends, or null when it is not.</param>
/// <param name="IterationEntry">What each iteration runs before it sets the variable (a fresh closure when lambdas capture it).</param>
/// <param name="Body">The loop body.</param>
/// <param name="CollectionLine">The line of the collection expression.</param>
/// <param name="Line">The line of the statement.</param>
internal sealed record ForEachStatementSpec(
    int Id,
    ForEachKind Kind,
    CodeText Collection,
    bool ParenthesizeCollection,
    string Description,
    TempType WalkerType,
    string GetEnumerator,
    string? ElementType,
    CodeText Variable,
    string? Cast,
    string? MoveNextAwaiterType,
    string AwaitText,
    DisposeSpec? Dispose,
    EquatableArray<StatementSpec> IterationEntry,
    BlockStatement Body,
    int CollectionLine,
    int Line) : StatementSpec;

/// <summary>How a desugared foreach walks its collection.</summary>
internal enum ForEachKind
{
    /// <summary>A single-dimensional array: an index loop over <c>Length</c>, as the compiler does.</summary>
    Array,

    /// <summary>A multi-dimensional array: its enumerator, unboxing each element.</summary>
    MultiDimensionalArray,

    /// <summary>The enumerator that <c>GetEnumerator()</c> returns, moved by <c>MoveNext()</c>.</summary>
    Enumerator,

    /// <summary>The async enumerator of an <c>await foreach</c>, moved by awaiting <c>MoveNextAsync()</c>.</summary>
    AwaitEnumerator,
}

/// <summary>
/// A <c>using</c> statement, <c>await using</c>, or a using declaration with the rest of its block, that awaits
/// (<see cref="Lowering.UsingLowering"/> desugars it).
/// </summary>
internal sealed record UsingStatementSpec(EquatableArray<UsingResourceSpec> Resources, BlockStatement Body) : StatementSpec;

/// <summary>
/// One resource of a using: the statements that acquire it (its initializer, spilled, assigned to
/// <paramref name="Resource"/>), the variable or temporary holding it, how to dispose it, and its line.
/// </summary>
internal sealed record UsingResourceSpec(EquatableArray<StatementSpec> Acquire, CodeText Resource, DisposeSpec Dispose, int Line);

/// <summary>
/// How a resource or an enumerator is disposed. Synchronously: <see cref="DisposeKind"/> says how <c>Dispose()</c> is
/// reached. Asynchronously (<paramref name="AwaiterType"/> set): <c>DisposeAsync()</c> is awaited, through
/// <c>IAsyncDisposable</c> for <see cref="DisposeKind.ViaInterface"/>, after a null test when <paramref name="MayBeNull"/>.
/// </summary>
/// <param name="AwaitText">For an async dispose: the statement as written, naming its await.</param>
internal sealed record DisposeSpec(DisposeKind Kind, bool MayBeNull = false, string? AwaiterType = null, string? AwaitText = null)
{
    public bool IsAsync => AwaiterType is not null;
}

/// <summary>How the dispose method is called.</summary>
internal enum DisposeKind
{
    /// <summary>On the value itself (a struct, or the <c>DisposeAsync</c> the type declares).</summary>
    Direct,

    /// <summary>Through <c>IDisposable</c> / <c>IAsyncDisposable</c>, which the type implements.</summary>
    ViaInterface,

    /// <summary>Only when the value turns out to be <c>IDisposable</c> (an enumerator that may or may not be), as the compiler does.</summary>
    Tested,
}

/// <summary>
/// A switch statement a section of which awaits (<see cref="Lowering.SwitchLowering"/> desugars it into tests of the
/// governing value and jumps to the sections).
/// </summary>
/// <param name="Id">The id that <c>break</c> in the sections targets.</param>
/// <param name="Governing">The governing expression (already spilled), evaluated once into a temporary.</param>
/// <param name="GoverningType">The type of that temporary.</param>
/// <param name="Description">The governing expression as written, shortened, for the temporary's comment.</param>
/// <param name="ScopeEntry">What entering the switch block runs after the governing value is stored (a fresh closure when lambdas capture its variables).</param>
/// <param name="Sections">The sections in order.</param>
/// <param name="GoverningLine">The line of the governing expression.</param>
/// <param name="Line">The line of the statement.</param>
internal sealed record SwitchStatementSpec(
    int Id,
    CodeText Governing,
    TempType GoverningType,
    string Description,
    EquatableArray<StatementSpec> ScopeEntry,
    EquatableArray<SwitchCaseSectionSpec> Sections,
    int GoverningLine,
    int Line) : StatementSpec;

/// <summary>A section of a <see cref="SwitchStatementSpec"/>: one test per label, in order, and its statements.</summary>
/// <param name="LabelId">The label id that <c>goto case</c> / <c>goto default</c> statements targeting this section use (0: none does).</param>
internal sealed record SwitchCaseSectionSpec(EquatableArray<SwitchTestSpec> Tests, BlockStatement Body, int LabelId = 0);

/// <summary>A switch label: the pattern (null for <c>default</c>), the copies of its variables out of the pattern (<c>__Store(...) &amp;&amp; ...</c>, or null) and an optional <c>when</c> condition.</summary>
internal sealed record SwitchTestSpec(CodeText? Pattern, CodeText? When, CodeText? Stores = null);
