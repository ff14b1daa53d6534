using BackupKit.Generator;
using BackupKit.Local.Protocol;

namespace BackupKit.Tests.Wire;

public sealed class GeneratedCodeTests
{
    [Fact]
    public void Committed_wire_code_of_both_halves_matches_what_the_generator_makes_from_the_model()
    {
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
        var files = WireCodeGenerator.Generate(
            File.ReadAllText(Path.Combine(root, RepositoryLayout.ServiceModel)),
            File.ReadAllText(Path.Combine(root, RepositoryLayout.Paginators)));

        // Both halves are generated and compared: the client half in BackupKit, the server half in BackupKit.Local.
        Assert.Contains(files.Keys, f => f.StartsWith(RepositoryLayout.ClientOutputDirectory + "/", StringComparison.Ordinal));
        Assert.Contains(files.Keys, f => f.StartsWith(RepositoryLayout.ServerOutputDirectory + "/", StringComparison.Ordinal));
        Assert.All(files.Keys, f => Assert.Contains(RepositoryLayout.OutputDirectories, d => f.StartsWith(d + "/", StringComparison.Ordinal)));

        var stale = RepositoryLayout.StaleFiles(root, files);

        Assert.True(stale.Count == 0, $"Generated wire code is stale ({string.Join(", ", stale)}). Run: dotnet run --project tools/BackupKit.Generator");
    }

    [Fact]
    public void A_hand_edit_or_a_leftover_file_in_either_half_counts_as_stale()
    {
        var root = Directory.CreateTempSubdirectory("backupkit-generated-").FullName;
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [RepositoryLayout.ClientOutputDirectory + "/A.g.cs"] = "client\n",
                [RepositoryLayout.ServerOutputDirectory + "/B.g.cs"] = "server\n",
            };
            foreach (var (name, text) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, name))!);
                File.WriteAllText(Path.Combine(root, name), text);
            }

            Assert.Empty(RepositoryLayout.StaleFiles(root, files));

            File.WriteAllText(Path.Combine(root, RepositoryLayout.ServerOutputDirectory, "B.g.cs"), "edited by hand\n");
            File.WriteAllText(Path.Combine(root, RepositoryLayout.ClientOutputDirectory, "Old.g.cs"), "no longer generated\n");

            Assert.Equal(
                [RepositoryLayout.ServerOutputDirectory + "/B.g.cs", RepositoryLayout.ClientOutputDirectory + "/Old.g.cs"],
                RepositoryLayout.StaleFiles(root, files));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Every_operation_of_the_model_has_a_client_binding_a_server_binding_and_a_client_method()
    {
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
        var model = ServiceModel.Parse(
            File.ReadAllText(Path.Combine(root, RepositoryLayout.ServiceModel)),
            File.ReadAllText(Path.Combine(root, RepositoryLayout.Paginators)));

        Assert.Equal(115, model.Operations.Count);
        Assert.Equal(model.Operations.Select(o => o.Name), BackupKit.Wire.BackupOperations.All.Select(o => o.Name));
        Assert.Equal(model.Operations.Select(o => o.Name), ServerOperations.All.Select(o => o.Name));
        Assert.Equal(
            BackupKit.Wire.BackupOperations.All.Select(o => (o.HttpMethod, o.UriTemplate, o.SuccessStatusCode)),
            ServerOperations.All.Select(o => (o.HttpMethod, o.UriTemplate, o.SuccessStatusCode)));
        var methods = typeof(BackupKit.Wire.IBackupClient).GetMethods().Select(m => m.Name).ToHashSet();
        Assert.All(model.Operations, o => Assert.Contains(o.Name + "Async", methods));
    }
}
