using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Coroutines.Tests.Analyzers.Infrastructure;

namespace Coroutines.Tests.Package;

/// <summary>
/// The package a user installs describes itself. Packs Coroutines.Runtime once (<c>dotnet pack --no-build</c> over the
/// assemblies this test run already built, a few seconds) and reads the .nuspec and the file list back.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private string _directory = "";
    private XElement _metadata = null!;
    private List<string> _files = [];
    private ZipArchive _package = null!;

    [OneTimeSetUp]
    public void Pack()
    {
        _directory = Directory.CreateTempSubdirectory("coroutines-pack-").FullName;
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var project = Path.Combine(RuleIndex.RepositoryRoot, "Coroutines.Runtime", "Coroutines.Runtime.csproj");
        Dotnet(_directory, "pack", project, "--no-build", "--no-restore", "-c", configuration, "-o", _directory, "-nologo");

        var nupkg = Directory.GetFiles(_directory, "Coroutines.Runtime.*.nupkg").Single(path => !path.EndsWith(".symbols.nupkg", StringComparison.Ordinal));
        _package = ZipFile.OpenRead(nupkg);
        _files = _package.Entries.Select(entry => entry.FullName).ToList();
        var nuspec = _package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        _metadata = document.Root!.Elements().Single(element => element.Name.LocalName == "metadata");
    }

    [OneTimeTearDown]
    public void Clean()
    {
        _package?.Dispose();
        if (_directory.Length > 0)
            Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void Description_NamesTheRuntimeGeneratorAnalyzersAndCodeFixes()
    {
        var description = Metadata("description");
        Assert.That(description, Does.Contain("runtime").And.Contain("generator").And.Contain("analyzers").And.Contain("code fixes"));
    }

    [Test]
    public void License_IsTheMitExpressionAndTheRepositoryHasTheLicenseText()
    {
        var license = _metadata.Elements().Single(element => element.Name.LocalName == "license");
        Assert.Multiple(() =>
        {
            Assert.That(license.Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(license.Value, Is.EqualTo("MIT"));
            Assert.That(File.ReadAllText(Path.Combine(RuleIndex.RepositoryRoot, "LICENSE")), Does.StartWith("MIT License"));
            Assert.That(_files, Does.Contain("LICENSE"));
        });
    }

    [Test]
    public void Readme_IsTheRepositoryReadmeInsideThePackage()
    {
        Assert.That(Metadata("readme"), Is.EqualTo("README.md"));
        using var reader = new StreamReader(_package.GetEntry("README.md")!.Open());
        Assert.That(reader.ReadToEnd(), Is.EqualTo(File.ReadAllText(Path.Combine(RuleIndex.RepositoryRoot, "README.md"))));
    }

    [Test]
    public void ReleaseNotes_AreTheRepositorysReleaseNotes()
    {
        var notes = File.ReadAllText(Path.Combine(RuleIndex.RepositoryRoot, "docs", "release-notes.md")).Trim();
        Assert.That(Metadata("releaseNotes").ReplaceLineEndings("\n"), Is.EqualTo(notes.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Repository_IsWhereTheHelpLinksPoint()
    {
        var repository = _metadata.Elements().Single(element => element.Name.LocalName == "repository");
        var url = repository.Attribute("url")!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(Metadata("projectUrl"), Is.EqualTo(url));
            Assert.That(Coroutines.Analyzers.DiagnosticDescriptors.HelpLinkBase, Is.EqualTo(url + "/blob/main/docs/rules/"));
        });
    }

    [Test]
    public void Package_CarriesTheRuntimeAndTheGeneratorAnalyzersAndCodeFixesAsAnalyzers()
    {
        Assert.That(_files, Is.SupersetOf(new[]
        {
            "lib/net10.0/Coroutines.Runtime.dll",
            "lib/net10.0/Coroutines.Runtime.xml",
            "analyzers/dotnet/cs/Coroutines.Generator.dll",
            "analyzers/dotnet/cs/Coroutines.Analyzers.dll",
            "analyzers/dotnet/cs/Coroutines.CodeFixes.dll",
        }));
    }

    [Test]
    public void Package_LetsTheGeneratedInterceptorsThroughInEveryProjectThatUsesIt()
    {
        var targets = _package.Entries.Single(entry => entry.FullName == "buildTransitive/Coroutines.Runtime.targets");
        using var stream = targets.Open();
        var property = XDocument.Load(stream).Descendants().Single(element => element.Name.LocalName == "InterceptorsNamespaces");
        // appended, so the namespaces of other generators (Microsoft.Extensions.Configuration.Binder...) stay allowed
        Assert.That(property.Value, Is.EqualTo("$(InterceptorsNamespaces);Coroutines.Generated"));
    }

    [Test]
    public void Build_WithAPathMap_ShowsItToTheGeneratorAndGivesTheSameAssemblyFromAnyDirectory()
    {
        var first = BuildApp("first");
        var second = BuildApp("elsewhere");
        Assert.Multiple(() =>
        {
            Assert.That(first.Generated, Does.Contain("#line 10 \"/_/Program.cs\""), "the generated #line directives map the user's path");
            Assert.That(first.Generated, Does.Contain("new global::Coroutines.AwaitSite(\"Program.cs\", 10,"), "await sites name the file relative to the project");
            Assert.That(first.Assembly, Is.EqualTo(second.Assembly), "two directories, one assembly");
        });
    }

    /// <summary>
    /// Builds a one-file app that uses the package, in its own directory, with the PathMap a deterministic build sets
    /// (the directory → <c>/_/</c>); the package comes from the packed file, its dependencies from the local NuGet cache.
    /// </summary>
    private (byte[] Assembly, string Generated) BuildApp(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{_directory}" />
                <add key="cache" value="{cache}" />
              </packageSources>
            </configuration>
            """);
        string version = _metadata.Elements().Single(element => element.Name.LocalName == "version").Value;
        File.WriteAllText(Path.Combine(directory, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{Path.Combine(_directory, "packages")}</RestorePackagesPath>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <PathMap>$(MSBuildProjectDirectory)/=/_/</PathMap>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Coroutines.Runtime" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using Coroutines;

            namespace App;

            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Work(int n)
                {
                    await Loop.Yield();
                    return n + 1;
                }

                public static void Main() => System.Console.WriteLine(EventLoop.Run(Work(41)));
            }
            """);
        Dotnet(directory, "build", "-c", "Release", "-nologo");
        var generated = Directory.GetFiles(Path.Combine(directory, "obj"), "App.Jobs.Work.Coroutine.g.cs", SearchOption.AllDirectories).Single();
        return (File.ReadAllBytes(Path.Combine(directory, "bin", "Release", "net10.0", "App.dll")), File.ReadAllText(generated));
    }

    /// <summary>Runs the .NET CLI in <paramref name="directory"/>; fails the test if it fails or takes over 3 minutes.</summary>
    private static void Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {arguments[0]} did not finish within 3 minutes.");
        }
        Assert.That(process.ExitCode, Is.EqualTo(0), $"dotnet {arguments[0]} failed:\n{output.Result}\n{errors.Result}");
    }

    private string Metadata(string name) => _metadata.Elements().Single(element => element.Name.LocalName == name).Value;
}
