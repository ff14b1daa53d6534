using BackupKit.Generator;

namespace BackupKit.Tests.Wire;

public sealed class GeneratedCodeTests
{
    [Fact]
    public void Committed_wire_code_matches_what_the_generator_makes_from_the_model()
    {
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
        var files = WireCodeGenerator.Generate(
            File.ReadAllText(Path.Combine(root, RepositoryLayout.ServiceModel)),
            File.ReadAllText(Path.Combine(root, RepositoryLayout.Paginators)));

        var stale = RepositoryLayout.StaleFiles(Path.Combine(root, RepositoryLayout.OutputDirectory), files);

        Assert.True(stale.Count == 0, $"Generated wire code is stale ({string.Join(", ", stale)}). Run: dotnet run --project tools/BackupKit.Generator");
    }

    [Fact]
    public void Every_operation_of_the_model_has_a_binding_and_a_client_method()
    {
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
        var model = ServiceModel.Parse(
            File.ReadAllText(Path.Combine(root, RepositoryLayout.ServiceModel)),
            File.ReadAllText(Path.Combine(root, RepositoryLayout.Paginators)));

        Assert.Equal(115, model.Operations.Count);
        Assert.Equal(model.Operations.Select(o => o.Name), BackupKit.Wire.BackupOperations.All.Select(o => o.Name));
        var methods = typeof(BackupKit.Wire.IBackupClient).GetMethods().Select(m => m.Name).ToHashSet();
        Assert.All(model.Operations, o => Assert.Contains(o.Name + "Async", methods));
    }
}
