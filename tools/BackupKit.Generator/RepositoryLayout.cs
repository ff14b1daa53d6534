namespace BackupKit.Generator;

/// <summary>Where the generator reads the model and writes the code, relative to the repository root.</summary>
public static class RepositoryLayout
{
    /// <summary>The service model copy (documentation stripped).</summary>
    public const string ServiceModel = "model/backup-2018-11-15.service.json";

    /// <summary>The botocore paginators.</summary>
    public const string Paginators = "model/backup-2018-11-15.paginators.json";

    /// <summary>The client half: public shapes, enums, errors, client and paginators; internal request writers, response readers, client bindings.</summary>
    public const string ClientOutputDirectory = "src/BackupKit/Wire/Generated";

    /// <summary>The server half (emulator only, internal): request readers, response writers, validation, server bindings.</summary>
    public const string ServerOutputDirectory = "src/BackupKit.Local/Protocol/Generated";

    /// <summary>Both halves.</summary>
    public static IReadOnlyList<string> OutputDirectories { get; } = [ClientOutputDirectory, ServerOutputDirectory];

    /// <summary>The nearest directory at or above <paramref name="start"/> holding BackupKit.sln.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackupKit.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Generated files (repository-relative paths) whose committed text differs from <paramref name="files"/>, in both
    /// output directories: changed, missing, or a committed *.g.cs the generator no longer makes.
    /// </summary>
    public static IReadOnlyList<string> StaleFiles(string root, IReadOnlyDictionary<string, string> files)
    {
        var stale = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(root, name);
            if (!File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != text)
            {
                stale.Add(name);
            }
        }

        stale.AddRange(ExtraFiles(root, files));
        return stale;
    }

    /// <summary>Committed *.g.cs files in the output directories that the generator does not make (repository-relative).</summary>
    public static IEnumerable<string> ExtraFiles(string root, IReadOnlyDictionary<string, string> files)
    {
        foreach (var directory in OutputDirectories)
        {
            var full = Path.Combine(root, directory);
            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (var existing in Directory.GetFiles(full, "*.g.cs").Order(StringComparer.Ordinal))
            {
                var relative = directory + "/" + Path.GetFileName(existing);
                if (!files.ContainsKey(relative))
                {
                    yield return relative;
                }
            }
        }
    }
}
