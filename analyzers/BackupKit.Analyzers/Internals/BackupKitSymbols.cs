using Microsoft.CodeAnalysis;

namespace BackupKit.Analyzers.Internals;

/// <summary>The BackupKit types an analyzer needs, resolved once per compilation.</summary>
internal sealed class BackupKitSymbols
{
    private BackupKitSymbols(INamedTypeSymbol posture)
    {
        Posture = posture;
    }

    public INamedTypeSymbol Posture { get; }

    /// <summary>Resolves the types, or returns <see langword="null"/> when the compilation does not reference BackupKit.</summary>
    public static BackupKitSymbols? TryCreate(Compilation compilation)
    {
        var posture = compilation.GetTypeByMetadataName("BackupKit.Model.BackupPosture");
        return posture is null ? null : new BackupKitSymbols(posture);
    }
}
