using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>
/// A class nested in the machine holding the variables that lambdas capture from one scope that is entered more than
/// once (a loop body): one instance per entry, so each iteration's lambdas keep that iteration's variables, as C# does.
/// </summary>
/// <param name="ClassName">The nested class name, e.g. <c>__Closure1</c>.</param>
/// <param name="Description">What one instance stands for, for the class comment.</param>
/// <param name="Variables">The captured variables (name, type and origin; each becomes a public field).</param>
internal sealed record ClosureSpec(string ClassName, string Description, EquatableArray<LocalSpec> Variables);
