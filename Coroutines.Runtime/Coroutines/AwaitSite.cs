namespace Coroutines;

/// <summary>Where a coroutine is suspended: the source file, line and text of an <c>await</c>.</summary>
/// <param name="File">The source file, relative to the project directory (so no build path is baked into the binary).</param>
/// <param name="Line">The 1-based line of the <c>await</c>.</param>
/// <param name="Text">
/// The awaited expression as written; for the awaits of <c>await foreach</c> and <c>await using</c>, the statement's
/// header after <c>await</c> (<c>foreach (var n in Numbers())</c>).
/// </param>
public sealed record AwaitSite(string File, int Line, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => $"{System.IO.Path.GetFileName(File)}:{Line} await {Text}";
}
