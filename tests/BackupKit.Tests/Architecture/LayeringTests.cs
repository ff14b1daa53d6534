using System.Text.RegularExpressions;

namespace BackupKit.Tests.Architecture;

/// <summary>
/// The folders of src/BackupKit point one way (docs/architecture.md, "Layers"). Read from the source: a folder depends
/// on another when one of its files names that folder's namespace in a using line or a qualified name (comments aside).
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> s_graph = new(ReadGraph);

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> Graph => s_graph.Value;

    [Fact]
    public void The_folder_graph_has_no_cycle()
    {
        var cycles = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new Stack<string>();
        foreach (var folder in Graph.Keys.Order(StringComparer.Ordinal))
        {
            Visit(folder, state, path, cycles);
        }

        Assert.True(cycles.Count == 0, "Folders depend on each other in a cycle: " + string.Join("; ", cycles));
    }

    [Fact]
    public void Model_holds_data_only_and_reaches_no_layer_above_it()
    {
        // Rules is below the model (the model names rule ids); everything else is above it.
        AssertDependsOnlyOn("Model", "Rules");
    }

    [Fact]
    public void Telemetry_is_the_bottom_folder()
    {
        AssertDependsOnlyOn("Telemetry");
    }

    [Fact]
    public void Wire_and_Resilience_do_not_reach_Hosting_or_the_engines()
    {
        string[] above = ["Hosting", "Model", "Building", "Mapping", "Reconcile", "Export", "Audit", "Verification"];
        Assert.Empty(Graph["Wire"].Intersect(above));
        Assert.Empty(Graph["Resilience"].Intersect(above));
    }

    [Fact]
    public void Mapping_knows_the_model_and_the_wire_only()
    {
        AssertDependsOnlyOn("Mapping", "Model", "Wire", "Rules");
    }

    [Fact]
    public void Outside_Wire_nothing_names_the_generated_json_writers()
    {
        // Engines reach wire JSON through Wire/WireDocuments.cs, Wire's deliberate seam.
        var offenders = SourceFiles()
            .Where(f => f.Folder != "Wire")
            .Where(f => f.Code.Any(line => GeneratedWriterReference().IsMatch(line)))
            .Select(f => f.Path)
            .ToList();
        Assert.True(offenders.Count == 0, "Use WireDocuments instead of WireJson in: " + string.Join(", ", offenders));
    }

    private static void AssertDependsOnlyOn(string folder, params string[] allowed)
    {
        var extra = Graph[folder].Except(allowed).Order(StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0, $"{folder}/ depends on {string.Join(", ", extra)}; it may depend on {(allowed.Length == 0 ? "no other folder" : string.Join(", ", allowed))} only.");
    }

    private static void Visit(string folder, Dictionary<string, int> state, Stack<string> path, List<string> cycles)
    {
        if (state.GetValueOrDefault(folder) == 2)
        {
            return;
        }

        if (state.GetValueOrDefault(folder) == 1)
        {
            cycles.Add(string.Join(" -> ", path.Reverse().SkipWhile(f => f != folder).Append(folder)));
            return;
        }

        state[folder] = 1;
        path.Push(folder);
        foreach (var next in Graph.GetValueOrDefault(folder) ?? new HashSet<string>())
        {
            Visit(next, state, path, cycles);
        }

        path.Pop();
        state[folder] = 2;
    }

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> ReadGraph()
    {
        var files = SourceFiles();
        var folders = files.Select(f => f.Folder).ToHashSet(StringComparer.Ordinal);
        var graph = folders.ToDictionary(f => f, _ => (IReadOnlySet<string>)new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var file in files)
        {
            var deps = (HashSet<string>)graph[file.Folder];
            foreach (var line in file.Code)
            {
                foreach (Match match in NamespaceReference().Matches(line))
                {
                    var target = match.Groups["folder"].Value;
                    if (folders.Contains(target) && target != file.Folder)
                    {
                        deps.Add(target);
                    }
                }
            }
        }

        return graph;
    }

    private static List<(string Folder, string Path, string[] Code)> SourceFiles()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "BackupKit");
        return [.. Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(relative => relative.Contains('/', StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal))
            .Select(relative => (
                Folder: relative[..relative.IndexOf('/', StringComparison.Ordinal)],
                Path: relative,
                Code: File.ReadAllLines(Path.Combine(root, relative))
                    .Select(l => l.Trim())
                    .Where(l => !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("namespace ", StringComparison.Ordinal))
                    .ToArray()))];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackupKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("BackupKit.sln not found above " + AppContext.BaseDirectory);
    }

    // "using BackupKit.Wire;", "using M = BackupKit.Model;", "BackupKit.Rules.X", and "Audit.X" written inside namespace BackupKit.
    [GeneratedRegex(@"(?:^using\s+(?:static\s+)?(?:\w+\s*=\s*)?BackupKit\.(?<folder>\w+))|(?:(?<![\w.])(?:BackupKit\.)?(?<folder>[A-Z]\w+)\.[A-Z])")]
    private static partial Regex NamespaceReference();

    [GeneratedRegex(@"(?<![\w.])WireJson\.")]
    private static partial Regex GeneratedWriterReference();
}
