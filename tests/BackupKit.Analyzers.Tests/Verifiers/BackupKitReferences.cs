extern alias runtime;

using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace BackupKit.Analyzers.Tests.Verifiers;

/// <summary>What the analyzed test sources compile against: the .NET reference pack of the running SDK and the real BackupKit assembly.</summary>
internal static class BackupKitReferences
{
    /// <summary>
    /// No reference-assembly package: the .NET reference pack installed with the SDK is used instead (see
    /// <see cref="Framework"/>), so the tests need no download and match the runtime BackupKit.dll was built for.
    /// </summary>
    public static ReferenceAssemblies Net { get; } = new("net10.0");

    /// <summary>The reference assemblies of Microsoft.NETCore.App that the SDK running the tests ships.</summary>
    public static ImmutableArray<MetadataReference> Framework { get; } = LoadFramework();

    /// <summary>The BackupKit assembly the tests were built with, as the analyzed code would reference it from the package.</summary>
    public static MetadataReference BackupKit { get; } =
        MetadataReference.CreateFromFile(typeof(runtime::BackupKit.Model.BackupPosture).Assembly.Location);

    /// <summary>What a consumer project compiles against: <see cref="Framework"/>, and BackupKit unless it does not reference it.</summary>
    /// <param name="referenceBackupKit">Whether the project references BackupKit.</param>
    /// <returns>The references.</returns>
    public static ImmutableArray<MetadataReference> ForConsumer(bool referenceBackupKit = true) =>
        referenceBackupKit ? Framework.Add(BackupKit) : Framework;

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet root>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net10.0
        var runtimeDirectory = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var dotnetRoot = runtimeDirectory.Parent!.Parent!.Parent!.FullName;
        var packs = new DirectoryInfo(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"));
        var pack = packs.Exists
            ? packs.GetDirectories($"{Environment.Version.Major}.*")
                .Select(d => Path.Combine(d.FullName, "ref", $"net{Environment.Version.Major}.0"))
                .Where(Directory.Exists)
                .OrderByDescending(p => Version.TryParse(new DirectoryInfo(p).Parent!.Parent!.Name, out var v) ? v : new Version())
                .FirstOrDefault()
            : null;
        if (pack is null)
        {
            throw new InvalidOperationException(
                $"No Microsoft.NETCore.App.Ref {Environment.Version.Major}.x reference pack under '{packs.FullName}'; the analyzer tests need the .NET {Environment.Version.Major} SDK.");
        }

        return Directory.GetFiles(pack, "*.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
