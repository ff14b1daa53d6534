using System.Collections.Immutable;
using System.Reflection;
using BackupKit.Analyzers.Internals;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BackupKit.Analyzers.Tests;

/// <summary>Every analyzer the package ships, found by reflection as the compiler finds them.</summary>
internal static class AnalyzerCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(BackupKitAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var analyzer in All)
        {
            data.Add(analyzer.GetType().Name);
        }

        return data;
    }

    public static DiagnosticAnalyzer Get(string name) => All.Single(a => a.GetType().Name == name);
}
