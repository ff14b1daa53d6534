using System.Collections.Immutable;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;

namespace BackupKit.Analyzers;

/// <summary>
/// The catalogue of every diagnostic the BackupKit analyzers report: one descriptor per rule of the rules table
/// (<see cref="RuleCatalog"/>), recommendations (BK10xx) included, with the table's id, title, message, severity and
/// help link (<c>docs/rules/{id}.md</c>). No analyzer creates a descriptor of its own.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The category prefix of the rules of the rules table (e.g. <c>BackupKit.Lifecycle</c>, <c>BackupKit.BestPractice</c>).</summary>
    public const string RulesCategoryPrefix = "BackupKit.";

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> s_rules = CreateRuleDescriptors();

    /// <summary>Gets the descriptor of a rule of the rules table; its id, title and message are the table's.</summary>
    /// <param name="ruleId">A <see cref="RuleIds"/> constant.</param>
    /// <returns>The descriptor.</returns>
    public static DiagnosticDescriptor ForRule(string ruleId) => s_rules[ruleId];

    /// <summary>Gets the address of the documentation page of a diagnostic.</summary>
    /// <param name="id">The diagnostic id.</param>
    /// <returns>The address.</returns>
    public static string GetHelpLink(string id) => RuleCatalog.GetHelpLink(id);

    private static ImmutableDictionary<string, DiagnosticDescriptor> CreateRuleDescriptors()
    {
        var builder = ImmutableDictionary.CreateBuilder<string, DiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (var rule in RuleCatalog.All)
        {
            var severity = rule.DefaultSeverity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            builder.Add(rule.Id, Create(rule.Id, rule.Title, rule.MessageFormat, RulesCategoryPrefix + rule.Category, severity));
        }

        return builder.ToImmutable();
    }

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, DiagnosticSeverity severity) =>
        new(id, title, messageFormat, category, severity, isEnabledByDefault: true, helpLinkUri: GetHelpLink(id));
}
