using Microsoft.CodeAnalysis;

namespace Coroutines.Generator;

/// <summary>
/// The diagnostics of Coroutines.Generator (CORO100–CORO199): only "cannot generate" problems. Everything that can
/// be checked without lowering the body is an analyzer in Coroutines.Analyzers (CORO001–CORO099).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Coroutines.Generator";

    public const string InvalidDeclarationId = "CORO100";
    public const string NotLoweredId = "CORO101";
    public const string NameClashId = "CORO102";

    /// <summary>"[Coroutine] method '{0}' cannot be generated: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidDeclaration = new(
        InvalidDeclarationId,
        "Invalid [Coroutine] declaration",
        "[Coroutine] method '{0}' cannot be generated: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [Coroutine] method must be an async method returning Coroutine or Coroutine<T>, declared in a partial type (every containing type partial), without ref, out or in parameters.",
        helpLinkUri: RuleDocumentation.HelpLink(InvalidDeclarationId),
        customTags: WellKnownDiagnosticTags.NotConfigurable);

    /// <summary>"{0} is not lowered yet; '{1}' calls '{2}' (the compiler's lowering) instead".</summary>
    public static readonly DiagnosticDescriptor NotLowered = new(
        NotLoweredId,
        "Construct not lowered by the generator",
        "{0} is not lowered yet; '{1}' calls '{2}' (the compiler's lowering) instead",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The generator cannot lower this construct into the state machine yet. The entry point falls back to the original async method, which has the same behaviour but not the generated machine's layout.",
        helpLinkUri: RuleDocumentation.HelpLink(NotLoweredId));

    /// <summary>"The generated member '{0}' for [Coroutine] method '{1}' clashes with an existing member".</summary>
    public static readonly DiagnosticDescriptor NameClash = new(
        NameClashId,
        "Generated name clashes with an existing member",
        "The generated member '{0}' for [Coroutine] method '{1}' clashes with an existing member; rename one of them",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "For a [Coroutine] method M the generator adds MAsync and the nested class MCoroutine (MCoroutine1, MCoroutine2... for overloads, in declaration order). A member with the same name and signature already exists.",
        helpLinkUri: RuleDocumentation.HelpLink(NameClashId),
        customTags: WellKnownDiagnosticTags.NotConfigurable);
}
