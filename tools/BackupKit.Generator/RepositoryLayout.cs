namespace BackupKit.Generator;

/// <summary>Where the generator reads the model and writes the code, relative to the repository root.</summary>
public static class RepositoryLayout
{
    /// <summary>The service model copy (documentation stripped).</summary>
    public const string ServiceModel = "model/backup-2018-11-15.service.json";

    /// <summary>The botocore paginators.</summary>
    public const string Paginators = "model/backup-2018-11-15.paginators.json";

    /// <summary>Where generated files live.</summary>
    public const string OutputDirectory = "src/BackupKit/Wire/Generated";

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

    /// <summary>Generated files whose committed text differs from <paramref name="files"/> (missing or extra included).</summary>
    public static IReadOnlyList<string> StaleFiles(string outputDirectory, IReadOnlyDictionary<string, string> files)
    {
        var stale = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(outputDirectory, name);
            if (!File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != text)
            {
                stale.Add(name);
            }
        }

        if (Directory.Exists(outputDirectory))
        {
            stale.AddRange(Directory.GetFiles(outputDirectory, "*.g.cs").Select(Path.GetFileName).Where(n => !files.ContainsKey(n!)).Select(n => n!));
        }

        return stale;
    }
}
