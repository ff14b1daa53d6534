using System.IO.Compression;

namespace BackupKit.Analyzers.Tests.Packaging;

/// <summary>
/// The analyzers reach users through the BackupKit package: pack it, install it in a fresh project from a local feed,
/// build, and read the compiler's output. Slow (a pack and two builds), so tagged; it still runs with the other tests.
/// </summary>
[Trait("Category", "Pack")]
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(5);

    // A version no cache has seen, so the consumer restores this very package.
    private readonly string _version = "0.0.0-test." + TimeProvider.System.GetUtcNow().UtcTicks;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "backupkit-pack-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task PackedPackage_ShipsTheAnalyzersAndReportsInAConsumerBuild()
    {
        var feed = Path.Combine(_root, "feed");
        var pack = await DotNetCli.RunAsync(
            RepositoryPaths.Root,
            s_packTimeout,
            "pack", Path.Combine("src", "BackupKit", "BackupKit.csproj"),
            "-o", feed,
            $"-p:Version={_version}",
            // Build into the temporary folder: the repository's own bin/obj (used by the running tests) stay untouched.
            "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(_root, "artifacts")}",
            "-nodeReuse:false");
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);

        AssertPackageLayout(Path.Combine(feed, $"BackupKit.{_version}.nupkg"));

        var consumer = CreateConsumer(feed);
        var build = await DotNetCli.RunAsync(consumer, s_buildTimeout, "build", "-nodeReuse:false", "-p:UseSharedCompilation=false");

        // The best-practice warnings and a rules-table error (which fails the build, as Build() would at run time).
        Assert.Contains("warning BK1001", build.Output, StringComparison.Ordinal);
        Assert.Contains("warning BK1002", build.Output, StringComparison.Ordinal);
        Assert.Contains("warning BK1003", build.Output, StringComparison.Ordinal);
        Assert.Contains("error BK2001", build.Output, StringComparison.Ordinal);
        Assert.Contains("docs/rules/BK1001.md", build.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, build.ExitCode);
    }

    public void Dispose()
    {
        TryDelete(_root);

        // The consumer's restore extracted the one-off version into the global packages folder; don't let runs pile up.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(globalPackages, "backupkit", _version));
    }

    private static void AssertPackageLayout(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(
            ["analyzers/dotnet/cs/BackupKit.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/BackupKit.Analyzers.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Analyzers", StringComparison.Ordinal));
        Assert.Contains("lib/net8.0/BackupKit.dll", entries);
        Assert.Contains("lib/net10.0/BackupKit.dll", entries);

        var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        var manifest = reader.ReadToEnd();
        Assert.DoesNotContain("BackupKit.Analyzers", manifest, StringComparison.Ordinal);
    }

    private string CreateConsumer(string feed)
    {
        var directory = Path.Combine(_root, "consumer");
        Directory.CreateDirectory(directory);

        // The local feed beside the machine's own package sources, which serve BackupKit's dependencies.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="backupkit-local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="BackupKit" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Posture.cs"), """
            using BackupKit.Building;
            using BackupKit.Model;

            public static class Posture
            {
                public static BackupPosture Declare() => BackupPosture.Create()
                    .AddVault("prod")
                    .AddPlan("daily", p => p.AddRule("daily", r => r.InVault("prod").Cron("cron(0 5 * * * *)")))
                    .Build();
            }
            """);
        return directory;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temporary folder left behind does not change any result.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
