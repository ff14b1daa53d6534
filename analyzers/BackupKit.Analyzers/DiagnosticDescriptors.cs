using System.Collections.Immutable;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;

namespace BackupKit.Analyzers;

/// <summary>
/// The catalogue of every diagnostic the BackupKit analyzers report. Descriptors are only created here, through
/// <see cref="Create"/>, so that the help link always points at <c>docs/rules/{id}.md</c>.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The category of the posture recommendations (BK10xx).</summary>
    public const string BestPracticeCategory = "BackupKit.BestPractice";

    /// <summary>The category prefix of the AWS constraints of the rules table (e.g. <c>BackupKit.Lifecycle</c>).</summary>
    public const string RulesCategoryPrefix = "BackupKit.";

    /// <summary>BK1001: a backup rule without retention.</summary>
    public static readonly DiagnosticDescriptor BK1001_RuleWithoutRetention = Create(
        DiagnosticIds.RuleWithoutRetention,
        "Backup rule has no retention",
        "Backup rule '{0}' never deletes its recovery points, so storage grows without bound; set a retention such as DeleteAfter(Retention.Days(35))",
        BestPracticeCategory,
        DiagnosticSeverity.Warning);

    /// <summary>BK1002: a backup plan without a cross-Region copy.</summary>
    public static readonly DiagnosticDescriptor BK1002_PlanWithoutCrossRegionCopy = Create(
        DiagnosticIds.PlanWithoutCrossRegionCopy,
        "Backup plan has no copy to another Region",
        "Backup plan '{0}' keeps every recovery point in one Region, so a regional outage takes the backups with it; add a copy action to a vault in another Region",
        BestPracticeCategory,
        DiagnosticSeverity.Warning);

    /// <summary>BK1003: a backup vault without Vault Lock.</summary>
    public static readonly DiagnosticDescriptor BK1003_VaultWithoutLock = Create(
        DiagnosticIds.VaultWithoutLock,
        "Backup vault has no Vault Lock",
        "Backup vault '{0}' has no Vault Lock, so anyone with delete permissions can remove its recovery points; add a governance-mode or compliance-mode Vault Lock",
        BestPracticeCategory,
        DiagnosticSeverity.Warning);

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
