namespace Coroutines.Generator.Model;

/// <summary>One <c>await</c> of the body: a suspension point of the machine.</summary>
/// <param name="Operand">The awaited expression, already rewritten for the machine (no await inside).</param>
/// <param name="AwaiterType">The fully qualified awaiter type; awaits of the same type share one field.</param>
/// <param name="Text">The awaited expression as the user wrote it (without <c>await</c>), or the header of the <c>await foreach</c> or <c>await using</c> it belongs to; for comments and the await-site table.</param>
/// <param name="Line">The 1-based source line of the await.</param>
internal sealed record AwaitSpec(CodeText Operand, string AwaiterType, CodeText Text, int Line);
