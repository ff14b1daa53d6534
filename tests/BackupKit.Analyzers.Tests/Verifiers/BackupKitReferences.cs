extern alias runtime;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace BackupKit.Analyzers.Tests.Verifiers;

/// <summary>What the analyzed test sources compile against: .NET 10 and the real BackupKit assembly.</summary>
internal static class BackupKitReferences
{
    public static ReferenceAssemblies Net => ReferenceAssemblies.Net.Net100;

    /// <summary>The BackupKit assembly the tests were built with, as the analyzed code would reference it from the package.</summary>
    public static MetadataReference BackupKit { get; } =
        MetadataReference.CreateFromFile(typeof(runtime::BackupKit.Model.BackupPosture).Assembly.Location);
}
