using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Interception;

/// <summary>
/// One call of a <c>[Coroutine]</c> method that the generator redirects to the method's generated entry point. Plain
/// text only (no symbols or syntax), so the driver can tell an unchanged call site from an edited one.
/// </summary>
/// <param name="FilePath">The file that holds the call: each file gets its own file of interceptors.</param>
/// <param name="EntryKey">
/// The hint name of the generated file that declares the entry point when the method is declared in this
/// compilation (the call is redirected only if that file is generated); null when the method comes from a referenced
/// assembly, whose entry point was looked up in its metadata.
/// </param>
/// <param name="Interceptor">The interceptor's method: its signature and the call of the entry point it forwards to.</param>
/// <param name="Attribute">The <c>[InterceptsLocation(version, data)]</c> attribute that names this call.</param>
/// <param name="Location">Where the call is, as <c>File.cs(line,column)</c>, for the comment beside the attribute.</param>
internal sealed record InterceptedCall(string FilePath, string? EntryKey, InterceptorSpec Interceptor, string Attribute, string Location);

/// <summary>
/// The interceptor of one <c>[Coroutine]</c> method, the same for every call of it: the calls of one method in one
/// file share one interceptor with an attribute per call.
/// </summary>
/// <param name="Name">The method's name (the interceptor is named after it).</param>
/// <param name="TypeParameters">The type parameters of the containing types, then the method's: <c>&lt;T, U&gt;</c>, or empty.</param>
/// <param name="Parameters">The parameter list, receiver first for an instance method (<c>this global::N.C __receiver, int n</c>).</param>
/// <param name="Constraints">The <c>where</c> clauses of the type parameters.</param>
/// <param name="ReturnType">The return type, fully qualified.</param>
/// <param name="Call">The call of the entry point (<c>__receiver.WorkAsync(n)</c>), or the arguments of its accessor (see <see cref="InterceptorSpec.HiddenEntry"/>).</param>
/// <param name="Target">The method as the comment names it (<c>N.C.Work(int)</c>).</param>
internal sealed record InterceptorSpec(
    string Name,
    string TypeParameters,
    string Parameters,
    EquatableArray<string> Constraints,
    string ReturnType,
    string Call,
    string Target)
{
    /// <summary>
    /// For a static method of a type the generated namespace cannot name: the entry point reached through an
    /// <c>[UnsafeAccessor]</c>, and <see cref="Call"/> is then the accessor's argument list.
    /// </summary>
    public HiddenEntrySpec? HiddenEntry { get; init; }
}

/// <summary>An entry point the interceptor reaches through <c>[UnsafeAccessor]</c>.</summary>
/// <param name="Type">The containing type as the runtime resolves it from a string (<c>N.Outer+Hidden, Assembly</c>).</param>
/// <param name="Name">The entry point's name.</param>
internal sealed record HiddenEntrySpec(string Type, string Name);
