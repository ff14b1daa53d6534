using BackupKit.Generator;

// Regenerates both halves of the wire code from model/: the client half in src/BackupKit/Wire/Generated and the server
// half in src/BackupKit.Local/Protocol/Generated. `--check` only reports whether the committed files are stale.
var check = args.Contains("--check");
var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? RepositoryLayout.FindRoot(Directory.GetCurrentDirectory())
    ?? throw new InvalidOperationException("Run the generator inside the BackupKit repository (no BackupKit.sln found above the current directory).");

var files = WireCodeGenerator.Generate(
    File.ReadAllText(Path.Combine(root, RepositoryLayout.ServiceModel)),
    File.ReadAllText(Path.Combine(root, RepositoryLayout.Paginators)));
var stale = RepositoryLayout.StaleFiles(root, files);

if (check)
{
    foreach (var file in stale)
    {
        Console.Error.WriteLine($"stale: {file}");
    }

    return stale.Count == 0 ? 0 : 1;
}

foreach (var extra in RepositoryLayout.ExtraFiles(root, files).ToList())
{
    File.Delete(Path.Combine(root, extra));
}

foreach (var (name, text) in files)
{
    var path = Path.Combine(root, name);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, text);
}

Console.WriteLine($"{files.Count} files written to {string.Join(" and ", RepositoryLayout.OutputDirectories)} ({stale.Count} changed).");
return 0;
