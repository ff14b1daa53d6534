using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BackupKit.Analyzers.Internals;

/// <summary>Turns the rules table's findings into diagnostics with the rule's own id and message.</summary>
internal static class RuleViolationReporter
{
    /// <summary>The diagnostic property that carries the rules table's "how to fix" sentence.</summary>
    public const string FixProperty = "Fix";

    /// <summary>Gets the descriptors of <paramref name="ruleIds"/>.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Descriptors(params string[] ruleIds) =>
        ruleIds.Select(DiagnosticDescriptors.ForRule).ToImmutableArray();

    /// <summary>Reports each violation at <paramref name="location"/>.</summary>
    public static void Report(SyntaxNodeAnalysisContext context, IReadOnlyList<RuleViolation> violations, Location location)
    {
        foreach (var violation in violations)
        {
            Report(context, violation, location);
        }
    }

    /// <summary>Reports one violation at <paramref name="location"/>.</summary>
    public static void Report(SyntaxNodeAnalysisContext context, RuleViolation violation, Location location)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, violation.Fix);
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ForRule(violation.RuleId),
            location,
            properties,
            violation.Arguments.ToArray()));
    }
}
