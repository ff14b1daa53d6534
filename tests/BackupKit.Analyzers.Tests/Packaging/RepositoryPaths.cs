namespace BackupKit.Analyzers.Tests.Packaging;

internal static class RepositoryPaths
{
    /// <summary>Gets the repository root: the nearest ancestor of the test output that holds BackupKit.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BackupKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No BackupKit.sln above '{AppContext.BaseDirectory}'; run the tests from a clone of the repository.");
    }
}
