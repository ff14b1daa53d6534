using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;

namespace BackupKit.Analyzers.Tests.Packaging;

/// <summary>
/// What a new user gets from NuGet: the three packages are packed into a local feed, inspected, and used from fresh
/// projects (analyzers in a build, the in-process emulator, the dotnet tool installed and run). Slow (a pack and several
/// builds), so tagged; it still runs with the other tests.
/// </summary>
[Trait("Category", "Pack")]
public sealed class PackageTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(15);
    private static readonly Guid s_sourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Theory]
    [InlineData("BackupKit")]
    [InlineData("BackupKit.Local")]
    [InlineData("BackupKit.Local.Tool")]
    public void EveryPackage_HasCompleteMetadata_AndSymbols(string id)
    {
        using var archive = ZipFile.OpenRead(feed.PackageFile(id));
        var metadata = ReadNuspec(archive).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        Assert.Equal(id, Value("id"));
        Assert.Equal("Apache-2.0", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal("https://github.com/backupkit/backupkit", Value("projectUrl"));
        Assert.Contains("CHANGELOG.md", Value("releaseNotes"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("https://github.com/backupkit/backupkit", repository.Attribute("url")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");

        var entries = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", entries);
        Assert.Contains("icon.png", entries);
        Assert.True(File.Exists(feed.PackageFile(id, "snupkg")), $"{id} has no .snupkg symbols package beside it.");
    }

    [Theory]
    [InlineData("BackupKit", "lib/net8.0/BackupKit.dll")]
    [InlineData("BackupKit", "lib/net10.0/BackupKit.dll")]
    [InlineData("BackupKit.Local", "lib/net8.0/BackupKit.Local.dll")]
    public void LibraryAssemblies_AreDeterministic_AndTheirSymbolsPointAtTheSourcesOnGitHub(string id, string assemblyPath)
    {
        using (var archive = ZipFile.OpenRead(feed.PackageFile(id)))
        using (var pe = new PEReader(ReadEntry(archive, assemblyPath)))
        {
            Assert.Contains(pe.ReadDebugDirectory(), d => d.Type == DebugDirectoryEntryType.Reproducible);
        }

        using var symbols = ZipFile.OpenRead(feed.PackageFile(id, "snupkg"));
        using var pdb = MetadataReaderProvider.FromPortablePdbStream(ReadEntry(symbols, Path.ChangeExtension(assemblyPath, ".pdb")));
        var reader = pdb.GetMetadataReader();
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == s_sourceLinkKind)
            .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .SingleOrDefault();
        Assert.NotNull(sourceLink);
        Assert.Matches("https://raw\\.githubusercontent\\.com/backupkit/backupkit/[0-9a-f]{40}/\\*", sourceLink);
    }

    [Fact]
    public void BackupKit_ShipsTheAnalyzersForRoslyn48_WithBuildTransitiveSwitches_AndNet8DependsOnExtensions8()
    {
        using var archive = ZipFile.OpenRead(feed.PackageFile("BackupKit"));
        var entries = archive.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(
            ["analyzers/dotnet/roslyn4.8/cs/BackupKit.Analyzers.CodeFixes.dll", "analyzers/dotnet/roslyn4.8/cs/BackupKit.Analyzers.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("buildTransitive/BackupKit.props", entries);
        Assert.Contains("buildTransitive/BackupKit.targets", entries);
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Analyzers", StringComparison.Ordinal));

        var groups = Dependencies(ReadNuspec(archive));
        Assert.DoesNotContain(groups.SelectMany(g => g.Value), d => d.Id.StartsWith("BackupKit.Analyzers", StringComparison.Ordinal));
        Assert.All(groups["net8.0"].Where(d => d.Id.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)), d => Assert.StartsWith("8.0.", d.Version, StringComparison.Ordinal));
        Assert.All(groups["net10.0"].Where(d => d.Id.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)), d => Assert.StartsWith("10.0.", d.Version, StringComparison.Ordinal));
        Assert.Contains(groups["net8.0"], d => d.Id == "Microsoft.Extensions.Options");
    }

    [Fact]
    public void PackedAnalyzers_ReferenceNoRoslynNewerThan48()
    {
        using var archive = ZipFile.OpenRead(feed.PackageFile("BackupKit"));
        foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal)))
        {
            using var pe = new PEReader(ReadEntry(archive, entry.FullName));
            var metadata = pe.GetMetadataReader();
            var roslyn = metadata.AssemblyReferences
                .Select(metadata.GetAssemblyReference)
                .Select(r => (Name: metadata.GetString(r.Name), r.Version))
                .Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                .ToList();

            Assert.Contains(roslyn, r => r.Name == "Microsoft.CodeAnalysis");
            Assert.All(roslyn, r => Assert.True(r.Version <= new Version(4, 8, 0, 0), $"{entry.FullName} references {r.Name} {r.Version}, newer than Roslyn 4.8."));
        }
    }

    [Fact]
    public void PackedAnalyzers_RegisterOnlyTheRulesHost()
    {
        // The compiler runs every type marked [DiagnosticAnalyzer]: the one host of the rules, never a rule on its own
        // (it would run twice) and never none (nothing would be reported).
        using var archive = ZipFile.OpenRead(feed.PackageFile("BackupKit"));
        using var pe = new PEReader(ReadEntry(archive, "analyzers/dotnet/roslyn4.8/cs/BackupKit.Analyzers.dll"));
        var metadata = pe.GetMetadataReader();

        var registered = metadata.TypeDefinitions
            .Select(metadata.GetTypeDefinition)
            .Where(type => type.GetCustomAttributes().Any(a => AttributeTypeName(metadata, metadata.GetCustomAttribute(a)) == "DiagnosticAnalyzerAttribute"))
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))
            .ToList();

        Assert.Equal(["BackupKit.Analyzers.BackupKitRulesAnalyzer"], registered);
    }

    [Fact]
    public void BackupKitLocal_IsALibrary_AndTheToolPackageCarriesTheCommand()
    {
        using (var library = ZipFile.OpenRead(feed.PackageFile("BackupKit.Local")))
        {
            var entries = library.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net8.0/BackupKit.Local.dll", entries);
            Assert.Contains("lib/net10.0/BackupKit.Local.dll", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("tools/", StringComparison.Ordinal));
            Assert.Contains(Dependencies(ReadNuspec(library))["net8.0"], d => d.Id == "BackupKit" && d.Version == feed.Version);
        }

        using var tool = ZipFile.OpenRead(feed.PackageFile("BackupKit.Local.Tool"));
        var settings = tool.Entries.First(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var reader = new StreamReader(settings.Open());
        // The SDK writes CommandName="..." (format 1) or <Command Name="..."> (format 2) depending on its version.
        Assert.Contains("Name=\"backupkit-local\"", reader.ReadToEnd(), StringComparison.Ordinal);
        Assert.Contains("DotnetTool", ReadNuspec(tool).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsumerBuild_AtTheRoslynFloor_ReportsTheAnalyzersDiagnostics()
    {
        // The SDK picks analyzers/dotnet/roslynX.Y by the compiler's API version; claim the floor (4.8) as the .NET 8 SDK would.
        var build = await BuildAnalyzerConsumerAsync("floor", "-p:CompilerApiVersion=roslyn4.8");

        Assert.Contains("warning BK1001", build.Output, StringComparison.Ordinal);
        Assert.Contains("warning BK1002", build.Output, StringComparison.Ordinal);
        Assert.Contains("warning BK1003", build.Output, StringComparison.Ordinal);
        Assert.Contains("error BK2001", build.Output, StringComparison.Ordinal);
        Assert.Contains("docs/rules/BK1001.md", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BK0001", build.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, build.ExitCode);
    }

    [Fact]
    public async Task ConsumerBuild_WithACompilerOlderThanTheFloor_WarnsThatTheChecksAreOff()
    {
        var build = await BuildAnalyzerConsumerAsync("old-compiler", "-p:CompilerApiVersion=roslyn4.4");

        Assert.Contains("warning BK0001: BackupKit's analyzers need Roslyn 4.8 or later", build.Output, StringComparison.Ordinal);
        Assert.Contains("<BackupKitAnalyzers>false</BackupKitAnalyzers>", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BK2001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsumerBuild_WithBackupKitAnalyzersFalse_RunsNoneOfThem()
    {
        var build = await BuildAnalyzerConsumerAsync("switched-off", "-p:BackupKitAnalyzers=false", "-p:CompilerApiVersion=roslyn4.4");

        Assert.True(build.ExitCode == 0, "The build failed:\n" + build.Output);
        Assert.DoesNotContain("BK", build.Output.Replace("BackupKit", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consumer_UsesTheInProcessEmulator_AndTheInstalledTool()
    {
        var consumer = feed.CreateProject("EmulatorConsumer", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="BackupKit" Version="{feed.Version}" />
                <PackageReference Include="BackupKit.Local" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """, ("Program.cs", """
            using Amazon.Runtime;
            using BackupKit.Local;
            using BackupKit.Wire;

            var credentials = new BasicAWSCredentials("AKIDEXAMPLE", "example-secret");
            if (args.Length == 1)
            {
                // An emulator that runs elsewhere, e.g. the backupkit-local tool.
                using var remote = new BackupClient(new Uri(args[0]), "us-east-1", credentials);
                await CreateAndDescribeAsync(remote, "from-tool");
                return;
            }

            await using var emulator = await BackupEmulator.StartAsync();
            using var client = new BackupClient(emulator.Endpoint, "us-east-1", credentials);
            await CreateAndDescribeAsync(client, "in-process");

            static async Task CreateAndDescribeAsync(IBackupClient client, string name)
            {
                await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = name });
                var vault = await client.DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = name });
                Console.WriteLine($"vault {vault.BackupVaultName} {vault.BackupVaultArn}");
            }
            """));

        var build = await DotNetCli.RunAsync(consumer, s_buildTimeout, "build", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(build.ExitCode == 0, "The consumer build failed:\n" + build.Output);

        // A .NET 8 host gets the Microsoft.Extensions.* of .NET 8 through BackupKit.
        var assets = await File.ReadAllTextAsync(Path.Combine(consumer, "obj", "project.assets.json"));
        Assert.Contains("\"Microsoft.Extensions.Options/8.0.0\"", assets, StringComparison.Ordinal);

        var inProcess = await DotNetCli.RunAsync(consumer, s_buildTimeout, "run", "--no-build", "-f", "net10.0");
        Assert.True(inProcess.ExitCode == 0, "The in-process run failed:\n" + inProcess.Output);
        Assert.Contains("vault in-process arn:aws:backup:us-east-1:", inProcess.Output, StringComparison.Ordinal);

        var tools = Path.Combine(feed.Root, "tools");
        var install = await DotNetCli.RunAsync(consumer, s_buildTimeout,
            "tool", "install", "BackupKit.Local.Tool", "--version", feed.Version, "--tool-path", tools, "--add-source", feed.Feed);
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);
        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "backupkit-local.exe" : "backupkit-local");

        var help = await RunToolAsync(command, "--help");
        Assert.Contains("Usage: backupkit-local", help, StringComparison.Ordinal);

        using var server = StartTool(command, "--port", "0");
        try
        {
            var endpoint = await ReadEndpointAsync(server);
            var remote = await DotNetCli.RunAsync(consumer, s_buildTimeout, "run", "--no-build", "-f", "net10.0", "--", endpoint);
            Assert.True(remote.ExitCode == 0, "The run against the tool failed:\n" + remote.Output);
            Assert.Contains("vault from-tool arn:aws:backup:us-east-1:", remote.Output, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task TheEmulatorTestsSample_PassesAgainstThePackedPackages()
    {
        // The sample's own files, as a team would have them in its repository, referencing the packages by version.
        var source = Path.Combine(RepositoryPaths.Root, "samples", "EmulatorTests");
        var files = Directory.EnumerateFiles(source, "*.cs").Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToArray();
        var sample = feed.CreateProject("EmulatorTests", File.ReadAllText(Path.Combine(source, "EmulatorTests.csproj")), files);

        var test = await DotNetCli.RunAsync(sample, s_buildTimeout, "test", $"-p:BackupKitVersion={feed.Version}", "-nodeReuse:false", "-p:UseSharedCompilation=false");

        Assert.True(test.ExitCode == 0, "The sample's tests failed against the packages:\n" + test.Output);
        Assert.Contains("Passed!", test.Output, StringComparison.Ordinal);
        var assets = await File.ReadAllTextAsync(Path.Combine(sample, "obj", "project.assets.json"));
        Assert.Contains($"\"BackupKit.Local/{feed.Version}\"", assets, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> BuildAnalyzerConsumerAsync(string name, params string[] properties)
    {
        var consumer = feed.CreateProject("AnalyzerConsumer-" + name, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="BackupKit" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """, ("Posture.cs", """
            using BackupKit.Building;
            using BackupKit.Model;

            public static class Posture
            {
                public static BackupPosture Declare() => BackupPosture.Create()
                    .AddVault("prod")
                    .AddPlan("daily", p => p.AddRule("daily", r => r.InVault("prod").Cron("cron(0 5 * * * *)")))
                    .Build();
            }
            """));
        return await DotNetCli.RunAsync(consumer, s_buildTimeout, ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. properties]);
    }

    private static string? AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        var constructor = attribute.Constructor;
        var type = constructor.Kind switch
        {
            HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent,
            HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType(),
            _ => default,
        };
        return type.Kind switch
        {
            HandleKind.TypeReference => metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => null,
        };
    }

    private static Process StartTool(string command, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {command}.");
    }

    private static async Task<string> RunToolAsync(string command, params string[] arguments)
    {
        using var process = StartTool(command, arguments);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    private static async Task<string> ReadEndpointAsync(Process server)
    {
        // "BackupKit.Local is listening on http://127.0.0.1:PORT (Ctrl+C to stop)"
        using var timeout = new CancellationTokenSource(s_buildTimeout);
        var line = await server.StandardOutput.ReadLineAsync(timeout.Token) ?? "";
        var match = System.Text.RegularExpressions.Regex.Match(line, "listening on (http://127\\.0\\.0\\.1:[0-9]+)");
        Assert.True(match.Success, $"The tool did not say where it listens: '{line}'.");
        return match.Groups[1].Value;
    }

    private static XDocument ReadNuspec(ZipArchive archive)
    {
        using var stream = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static Dictionary<string, List<(string Id, string Version)>> Dependencies(XDocument nuspec) =>
        nuspec.Descendants().Where(e => e.Name.LocalName == "group" && e.Parent?.Name.LocalName == "dependencies").ToDictionary(
            g => g.Attribute("targetFramework")!.Value.ToLowerInvariant() switch { "net8.0" => "net8.0", "net10.0" => "net10.0", var other => other },
            g => g.Elements().Select(d => (d.Attribute("id")!.Value, d.Attribute("version")!.Value)).ToList());

    private static MemoryStream ReadEntry(ZipArchive archive, string path)
    {
        using var stream = archive.GetEntry(path)?.Open() ?? throw new InvalidOperationException($"The package has no '{path}'.");
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
