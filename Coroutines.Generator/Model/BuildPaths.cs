namespace Coroutines.Generator.Model;

/// <summary>
/// What the build says about paths (MSBuild properties the compiler passes to generators as
/// <c>build_property.*</c>): the project directory, and the compiler's <c>PathMap</c> when the project makes it
/// visible (<c>&lt;CompilerVisibleProperty Include="PathMap" /&gt;</c>). Either may be missing.
/// </summary>
internal sealed record BuildPaths(string? ProjectDirectory, string? PathMap)
{
    public static readonly BuildPaths None = new(null, null);
}
