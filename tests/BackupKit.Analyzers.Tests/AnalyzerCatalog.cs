using System.Collections.Immutable;
using System.Reflection;
using BackupKit.Analyzers.Internals;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BackupKit.Analyzers.Tests;

/// <summary>
/// The analyzers of the package: what the compiler loads (found by reflection as the compiler finds them, by
/// <see cref="DiagnosticAnalyzerAttribute"/>: the rules host), and every rule it hosts (each
/// <see cref="BackupKitAnalyzer"/>), which the per-rule tests run on their own.
/// </summary>
internal static class AnalyzerCatalog
{
    /// <summary>Gets the analyzers the compiler loads from the assembly: the ones with the attribute.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Registered { get; } = typeof(BackupKitAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Gets the one analyzer the compiler loads, the host of every rule.</summary>
    public static BackupKitRulesAnalyzer Host => Assert.IsType<BackupKitRulesAnalyzer>(Assert.Single(Registered));

    /// <summary>Gets every rule of the assembly (every non-abstract <see cref="BackupKitAnalyzer"/>), hosted or not.</summary>
    public static ImmutableArray<BackupKitAnalyzer> Rules { get; } = typeof(BackupKitAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(BackupKitAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (BackupKitAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every analyzer a test can run: each rule on its own, and the host.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var analyzer in Rules.Cast<DiagnosticAnalyzer>().Concat(Registered))
        {
            data.Add(analyzer.GetType().Name);
        }

        return data;
    }

    public static DiagnosticAnalyzer Get(string name) =>
        Rules.Cast<DiagnosticAnalyzer>().Concat(Registered).Single(a => a.GetType().Name == name);
}
