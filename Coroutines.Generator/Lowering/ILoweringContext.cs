using System.Collections.Generic;
using Coroutines.Generator.Model;
using Coroutines.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Lowering;

/// <summary>What the lowering passes need from the parse of one body: its moved locals, its closures, and new temporaries.</summary>
internal interface ILoweringContext
{
    /// <summary>The locals that cannot stay where they were declared, indexed by the slots that code refers to.</summary>
    IReadOnlyList<MovedLocal> Locals { get; }

    /// <summary>The closures of scopes entered more than once whose variables lambdas capture.</summary>
    IReadOnlyList<Closure> Closures { get; }

    /// <summary>Whether <paramref name="text"/> is a local function that takes its closures as parameters (its copies are not captures).</summary>
    bool IsClosureFunction(CodeText text);

    /// <summary>A new temporary: the code that refers to it.</summary>
    CodeText NewTemp(string type, string origin, bool holdsReferences, TempRole role);

    /// <summary>A new temporary of a type the parser resolved (possibly an anonymous one): the code that refers to it.</summary>
    CodeText NewTemp(TempType type, string origin, TempRole role);

    /// <summary>A new id for a statement a pass creates (a try statement, a label).</summary>
    int NewId();

    /// <summary>Reserves a name for a local of the lowered body: <paramref name="name"/>, or <c>name_2</c>... when taken (see <see cref="LocalTable.Reserve"/>).</summary>
    string ReserveName(string name);

    /// <summary>The declaration a diagnostic about <paramref name="local"/> points at.</summary>
    SyntaxNode DeclarationOf(MovedLocal local);
}
