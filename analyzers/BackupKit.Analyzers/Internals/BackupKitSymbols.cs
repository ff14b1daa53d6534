using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
        MethodNames = CollectMethodNames(postureBuilder.ContainingNamespace, Posture?.ContainingNamespace);
    }

    /// <summary>
    /// The names of the methods declared on the types of <c>BackupKit.Building</c> and <c>BackupKit.Model</c>: every
    /// invocation an analyzer looks at calls one of them, so any other invocation is skipped on its syntax alone.
    /// </summary>
    public ImmutableHashSet<string> MethodNames { get; }

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

    private static ImmutableHashSet<string> CollectMethodNames(params INamespaceSymbol?[] namespaces)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var types = new Stack<INamedTypeSymbol>();
        foreach (var ns in namespaces)
        {
            foreach (var type in ns?.GetTypeMembers() ?? ImmutableArray<INamedTypeSymbol>.Empty)
            {
                types.Push(type);
            }
        }

        while (types.Count > 0)
        {
            var type = types.Pop();
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    names.Add(method.Name);
                }
            }

            foreach (var nested in type.GetTypeMembers())
            {
                types.Push(nested);
            }
        }

        return names.ToImmutable();
    }

    /// <summary>Returns whether <paramref name="method"/> is declared by <paramref name="type"/>.</summary>
    public static bool IsOn(IMethodSymbol method, INamedTypeSymbol? type) =>
        type is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, type);
}
