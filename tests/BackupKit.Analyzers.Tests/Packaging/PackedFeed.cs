namespace BackupKit.Analyzers.Tests.Packaging;

/// <summary>
/// Packs BackupKit, BackupKit.Local and BackupKit.Local.Tool once (eng/packaging/packages.slnf) into a local feed in a
/// temporary folder, under a version no NuGet cache has seen, for every packaging test of the class.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(25);

    public string Version { get; } = "0.0.0-test." + TimeProvider.System.GetUtcNow().UtcTicks;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "backupkit-pack-" + Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(Root, "feed");

    public string PackageFile(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    public async Task InitializeAsync()
    {
        var pack = await DotNetCli.RunAsync(
            RepositoryPaths.Root,
            s_packTimeout,
            "pack", Path.Combine("eng", "packaging", "packages.slnf"),
            "-o", Feed,
            $"-p:Version={Version}",
            // Build into the temporary folder: the repository's own bin/obj (used by the running tests) stay untouched.
            "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(Root, "artifacts")}",
            "-nodeReuse:false");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
        }
    }

    /// <summary>Writes a project folder whose nuget.config puts the local feed beside the machine's own sources.</summary>
    public string CreateProject(string name, string projectFile, params (string File, string Text)[] files)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="backupkit-local-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), projectFile);
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(directory, file), text);
        }

        return directory;
    }

    public Task DisposeAsync()
    {
        TryDelete(Root);

        // Restores extracted the one-off version into the global packages folder; don't let runs pile up.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "backupkit", "backupkit.local", "backupkit.local.tool" })
        {
            TryDelete(Path.Combine(globalPackages, id, Version));
        }

        return Task.CompletedTask;
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
