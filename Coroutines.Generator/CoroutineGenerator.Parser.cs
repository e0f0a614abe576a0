using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Coroutines.Generator.Parsing;
using Coroutines.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator;

public sealed partial class CoroutineGenerator
{
    /// <summary>Symbols and syntax → <see cref="CoroutineMethodSpec"/>: the only place that touches the semantic model.</summary>
    internal static class Parser
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static CoroutineParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            if (context.TargetNode is not MethodDeclarationSyntax syntax || context.TargetSymbol is not IMethodSymbol method)
                return new CoroutineParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
            var diagnostics = new List<DiagnosticInfo>();
            CoroutineMethodSpec? spec;
            try
            {
                spec = ParseMethod(syntax, method, context.SemanticModel, diagnostics, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Broken or unexpected code must never crash the build: report and generate nothing.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDeclaration, syntax.Identifier.Parent ?? syntax, method.Name, $"the generator could not analyse it ({e.GetType().Name}: {e.Message})"));
                spec = null;
            }
            return new CoroutineParseResult(spec, diagnostics.ToEquatableArray());
        }

        private static CoroutineMethodSpec? ParseMethod(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel model, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var declaration = CoroutineDeclaration.Check(syntax, method, ct);
            if (HasProblemTheAnalyzerReports(declaration))
                return null;   // CORO052 (Coroutines.Analyzers) reports it, with a fix: one diagnostic per mistake
            var problem = FindDeclarationProblem(declaration);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDeclaration, syntax, method.Name, problem));
                return null;
            }
            var containing = method.ContainingType;
            string machineName = CoroutineNames.MachineOf(method);
            string entryName = CoroutineNames.EntryPointOf(method.Name);
            var clash = FindNameClash(method, machineName, entryName);
            if (clash is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, syntax, clash, method.Name));
                return null;
            }
            ct.ThrowIfCancellationRequested();

            var returnType = (INamedTypeSymbol)method.ReturnType;
            string? resultType = returnType.IsGenericType ? returnType.TypeArguments[0].ToDisplayString(TypeFormat) : null;
            var parameters = method.Parameters.Select(p => new ParameterSpec(
                EscapedName(p.Name),
                FieldNameOfParameter(p.Name),
                p.Type.ToDisplayString(TypeFormat),
                HoldsReferences(p.Type),
                ParameterDeclaration(p))).ToEquatableArray();
            string displayName = $"{containing.Name}.{method.Name}";
            string filePath = syntax.SyntaxTree.FilePath;
            string? thisType = method.IsStatic ? null : containing.ToDisplayString(TypeFormat);

            var bodyParser = new BodyParser(model, method, syntax, ct);
            var body = bodyParser.Parse();
            if (bodyParser.Unsupported is { } unsupported)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotLowered, unsupported.Node, unsupported.What, entryName, method.Name));
                body = null;
            }

            return new CoroutineMethodSpec(
                HintName: HintNameOf(method),
                Hierarchy: HierarchyOf(containing),
                Usings: UsingsOf(syntax),
                MethodName: EscapedName(method.Name),
                MachineName: machineName,
                EntryName: entryName,
                Accessibility: AccessibilityText(method.DeclaredAccessibility),
                IsStatic: method.IsStatic,
                TypeParameters: method.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">",
                Constraints: syntax.ConstraintClauses.Select(c => c.ToString()).ToEquatableArray(),
                ReturnType: method.ReturnType.ToDisplayString(TypeFormat),
                ResultType: resultType,
                Parameters: parameters,
                ThisType: thisType,
                ThisIsStruct: !method.IsStatic && containing.IsValueType,
                BaseAccessors: body is null ? EquatableArray<string>.Empty : bodyParser.BaseAccessors.ToEquatableArray(),
                DisplayName: displayName,
                FilePath: filePath,
                Signature: CommentText.OneLine($"{syntax.ReturnType} {syntax.Identifier}{syntax.TypeParameterList}{syntax.ParameterList}"),
                MoveNextModifiers: MoveNextModifiersFor(returnType, model.Compilation),
                Body: body)
            {
                DocumentationId = HasDocumentationComment(syntax) ? method.GetDocumentationCommentId() : null,
                SignatureNameableInAssembly = AssemblyNaming.IsSignatureNameable(method, model.Compilation),
            };
        }

        /// <summary>
        /// Whether the generator generates an entry point for the method: the checks <see cref="ParseMethod"/> makes
        /// before it lowers the body (a body it cannot lower still gets an entry point, which calls the method).
        /// </summary>
        internal static bool GeneratesEntryPoint(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax syntax)
                return false;
            var declaration = CoroutineDeclaration.Check(syntax, method, cancellationToken);
            return !HasProblemTheAnalyzerReports(declaration)
                && FindDeclarationProblem(declaration) is null
                && FindNameClash(method, CoroutineNames.MachineOf(method), CoroutineNames.EntryPointOf(method.Name)) is null;
        }

        /// <summary>
        /// Whether the declaration has a <c>///</c> or <c>/** */</c> comment. Read from the trivia, not from the symbol:
        /// a build that does not write a documentation file may not parse doc comments at all.
        /// </summary>
        private static bool HasDocumentationComment(MethodDeclarationSyntax syntax)
        {
            foreach (var trivia in syntax.GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                    return true;
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().StartsWith("///", StringComparison.Ordinal))
                    return true;
            }
            return false;
        }

        /// <summary>
        /// The declaration mistakes the analyzer CORO052 reports with a code fix (not async, wrong return type, a containing
        /// type that is not partial): the generator emits nothing for them and stays silent, so each mistake is reported once.
        /// </summary>
        private static bool HasProblemTheAnalyzerReports(CoroutineDeclaration declaration) =>
            !declaration.IsAsync || !declaration.ReturnsCoroutine || declaration.NonPartialType is not null;

        /// <summary>The declaration problems only the generator reports (CORO100).</summary>
        private static string? FindDeclarationProblem(CoroutineDeclaration declaration)
        {
            if (!declaration.HasBody)
                return "it has no body";
            if (declaration.ByReferenceParameter is { } parameter)
                return $"parameter '{parameter.Name}' is passed by reference ({parameter.RefKind.ToString().ToLowerInvariant()}); a coroutine outlives its caller's frame";
            return null;
        }

        /// <summary>
        /// <c>Coroutine.MoveNext</c> is <c>protected internal</c>: an override is <c>protected</c>, except in an assembly the
        /// runtime grants internals access to (its tests), where it must stay <c>protected internal</c>.
        /// </summary>
        private static string MoveNextModifiersFor(INamedTypeSymbol coroutineType, Compilation compilation) =>
            coroutineType.ContainingAssembly is { } runtime && runtime.GivesAccessTo(compilation.Assembly)
                ? "protected internal"
                : "protected";

        private static string? FindNameClash(IMethodSymbol method, string machineName, string entryName)
        {
            var type = method.ContainingType;
            if (type.GetMembers(machineName).Any(m => !m.IsImplicitlyDeclared && !CoroutineNames.IsGenerated(m)))
                return machineName;
            foreach (var member in type.GetMembers(entryName).OfType<IMethodSymbol>())
            {
                if (CoroutineNames.IsGenerated(member))
                    continue;
                if (member.Parameters.Length == method.Parameters.Length
                    && member.TypeParameters.Length == method.TypeParameters.Length
                    && member.Parameters.Zip(method.Parameters, (a, b) => a.Type.ToDisplayString() == b.Type.ToDisplayString()).All(same => same))
                    return entryName;
            }
            return null;
        }

        /// <summary>The generated file's name, which also identifies the method's entry point to the interception pipeline.</summary>
        internal static string HintNameOf(IMethodSymbol method)
        {
            var parts = new List<string>();
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                parts.Insert(0, type.Name + (type.Arity > 0 ? "`" + type.Arity : ""));
            var ns = method.ContainingType.ContainingNamespace;
            if (!ns.IsGlobalNamespace)
                parts.Insert(0, ns.ToDisplayString());
            string overload = CoroutineNames.MachineOf(method).Substring(method.Name.Length + CoroutineNames.MachineSuffix.Length);   // "" or "2"
            return string.Join(".", parts).Replace('`', '_') + "." + method.Name + overload + CoroutineNames.GeneratedFileSuffix;
        }

        private static TypeHierarchySpec HierarchyOf(INamedTypeSymbol type)
        {
            var types = new List<TypeDeclarationSpec>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                string keyword = current.IsRecord
                    ? (current.IsValueType ? "record struct" : "record")
                    : current.TypeKind switch
                    {
                        TypeKind.Struct => "struct",
                        TypeKind.Interface => "interface",
                        _ => "class",
                    };
                string name = current.Name + (current.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", current.TypeParameters.Select(t => t.Name)) + ">");
                types.Insert(0, new TypeDeclarationSpec(keyword, name, current.IsStatic));
            }
            var ns = type.ContainingNamespace;
            return new TypeHierarchySpec(ns.IsGlobalNamespace ? "" : ns.ToDisplayString(), types.ToEquatableArray());
        }

        /// <summary>
        /// The user's using directives: the lowered body is the user's code, written in another file, and must bind
        /// the same way. Global usings already apply everywhere and are skipped.
        /// </summary>
        private static EquatableArray<string> UsingsOf(SyntaxNode node)
        {
            var usings = new List<string>();
            foreach (var ancestor in node.Ancestors())
            {
                var directives = ancestor switch
                {
                    CompilationUnitSyntax unit => unit.Usings,
                    BaseNamespaceDeclarationSyntax ns => ns.Usings,
                    _ => default,
                };
                foreach (var directive in directives)
                {
                    // ToString leaves out the outer trivia, as WithoutTrivia().ToString() did, without building new nodes.
                    if (!directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                        usings.Add(directive.ToString());
                }
            }
            return usings.Distinct().OrderBy(u => u, StringComparer.Ordinal).ToEquatableArray();
        }

        private static string ParameterDeclaration(IParameterSymbol parameter)
        {
            // an extension method's entry point is one too, so a call redirected to it reads like the call it replaces
            string text = (parameter is { Ordinal: 0, ContainingSymbol: IMethodSymbol { IsExtensionMethod: true } } ? "this " : "") + (parameter.IsParams ? "params " : "") + parameter.Type.ToDisplayString(TypeFormat) + " " + EscapedName(parameter.Name);
            if (parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is ParameterSyntax { Default: { } defaultValue })
                text += " " + defaultValue.WithoutTrivia();
            return text;
        }

        /// <summary>Parameters become fields with the same name, except where that would hide a member of the machine's base class.</summary>
        internal static string FieldNameOfParameter(string name) =>
            ReservedMachineMembers.Contains(name) ? "__" + name : EscapedName(UserName(name));

        /// <summary>
        /// The one naming rule that keeps generated names and the user's apart: every name the generator makes up inside
        /// the machine begins with two underscores (<c>__state</c>, <c>__x</c> for a hoisted <c>x</c>, <c>__awaiter1</c>),
        /// so a parameter or local of the user's that begins with two underscores takes a leading <c>u</c>
        /// (<c>__state</c> → <c>u__state</c>, hoisted <c>__u__state</c>).
        /// </summary>
        internal static string UserName(string name) =>
            name.StartsWith("__", StringComparison.Ordinal) ? "u" + name : name;

        private static readonly HashSet<string> ReservedMachineMembers = new(StringComparer.Ordinal)
        {
            "Name", "State", "IsCompleted", "CurrentAwaitSite", "Awaiter", "GetAwaiter", "ToString", "MoveNext", "Complete",
            "Fail", "Await", "Info", "ReleaseFields", "Equals", "GetHashCode", "GetType", "MemberwiseClone", "Finalize",
        };

        internal static string EscapedName(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static string AccessibilityText(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        internal static string TypeText(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

        /// <summary>
        /// Whether a value of <paramref name="type"/> may reference objects, so that a field of it keeps garbage alive
        /// until cleared: false for unmanaged types (primitives, enums, structs of those), as
        /// <c>RuntimeHelpers.IsReferenceOrContainsReferences</c> decides.
        /// </summary>
        internal static bool HoldsReferences(ITypeSymbol type) => !type.IsUnmanagedType;
    }
}
