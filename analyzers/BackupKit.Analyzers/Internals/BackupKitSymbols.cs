using Microsoft.CodeAnalysis;

namespace BackupKit.Analyzers.Internals;

/// <summary>
/// The BackupKit types the analyzers need, resolved once per compilation. A compilation without
/// <c>BackupKit.Building.BackupPostureBuilder</c> does not use BackupKit, and no analyzer registers anything in it.
/// </summary>
internal sealed class BackupKitSymbols
{
    private BackupKitSymbols(Compilation compilation, INamedTypeSymbol postureBuilder)
    {
        PostureBuilder = postureBuilder;
        PlanBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.BackupPlanBuilder");
        RuleBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.BackupRuleBuilder");
        CopyActionBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.CopyActionBuilder");
        VaultBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.BackupVaultBuilder");
        VaultLockBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.VaultLockBuilder");
        SelectionBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.BackupSelectionBuilder");
        RestoreTestingPlanBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.RestoreTestingPlanBuilder");
        RestoreTestingSelectionBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.RestoreTestingSelectionBuilder");
        Posture = compilation.GetTypeByMetadataName("BackupKit.Model.BackupPosture");
        Retention = compilation.GetTypeByMetadataName("BackupKit.Model.Retention");
        VaultLock = compilation.GetTypeByMetadataName("BackupKit.Model.VaultLock");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Assembly = postureBuilder.ContainingAssembly;
    }

    /// <summary>
    /// Gets BackupKit's assembly: every invocation an analyzer looks at calls a method it declares, so any other
    /// invocation is skipped after one reference comparison.
    /// </summary>
    public IAssemblySymbol Assembly { get; }

    public INamedTypeSymbol PostureBuilder { get; }

    public INamedTypeSymbol? PlanBuilder { get; }

    public INamedTypeSymbol? RuleBuilder { get; }

    public INamedTypeSymbol? CopyActionBuilder { get; }

    public INamedTypeSymbol? VaultBuilder { get; }

    public INamedTypeSymbol? VaultLockBuilder { get; }

    public INamedTypeSymbol? SelectionBuilder { get; }

    public INamedTypeSymbol? RestoreTestingPlanBuilder { get; }

    public INamedTypeSymbol? RestoreTestingSelectionBuilder { get; }

    public INamedTypeSymbol? Posture { get; }

    public INamedTypeSymbol? Retention { get; }

    public INamedTypeSymbol? VaultLock { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    /// <summary>Resolves the types, or returns <see langword="null"/> when the compilation does not reference BackupKit.</summary>
    public static BackupKitSymbols? TryCreate(Compilation compilation)
    {
        var postureBuilder = compilation.GetTypeByMetadataName("BackupKit.Building.BackupPostureBuilder");
        return postureBuilder is null ? null : new BackupKitSymbols(compilation, postureBuilder);
    }

    /// <summary>Returns whether <paramref name="method"/> is declared by a type of BackupKit's assembly.</summary>
    public bool IsDeclaredByBackupKit(IMethodSymbol method) =>
        ReferenceEquals(method.ContainingAssembly, Assembly) || SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, Assembly);

    /// <summary>Returns whether <paramref name="method"/> is declared by <paramref name="type"/>.</summary>
    public static bool IsOn(IMethodSymbol method, INamedTypeSymbol? type) =>
        type is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, type);
}
