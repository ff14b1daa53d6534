using BackupKit.Generator;

// Regenerates src/BackupKit/Wire/Generated from model/. `--check` only reports whether the committed files are stale.
var check = args.Contains("--check");
var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? RepositoryLayout.FindRoot(Directory.GetCurrentDirectory())
    ?? throw new InvalidOperationException("Run the generator inside the BackupKit repository (no BackupKit.sln found above the current directory).");

var files = WireCodeGenerator.Generate(
    File.ReadAllText(Path.Combine(root, RepositoryLayout.ServiceModel)),
    File.ReadAllText(Path.Combine(root, RepositoryLayout.Paginators)));
var outputDirectory = Path.Combine(root, RepositoryLayout.OutputDirectory);
var stale = RepositoryLayout.StaleFiles(outputDirectory, files);

if (check)
{
    foreach (var file in stale)
    {
        Console.Error.WriteLine($"stale: {RepositoryLayout.OutputDirectory}/{file}");
    }

    return stale.Count == 0 ? 0 : 1;
}

Directory.CreateDirectory(outputDirectory);
foreach (var existing in Directory.GetFiles(outputDirectory, "*.g.cs"))
{
    if (!files.ContainsKey(Path.GetFileName(existing)))
    {
        File.Delete(existing);
    }
}

foreach (var (name, text) in files)
{
    File.WriteAllText(Path.Combine(outputDirectory, name), text);
}

Console.WriteLine($"{files.Count} files written to {RepositoryLayout.OutputDirectory} ({stale.Count} changed).");
return 0;
