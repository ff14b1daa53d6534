// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace BackupKit.Rules;

/// <summary>Name and tag rules (BK11xx).</summary>
internal static class NameRules
{
    private static readonly Regex s_vaultName = new("^[a-zA-Z0-9_-]{2,50}\\z", RegexOptions.CultureInvariant);
    private static readonly Regex s_planRuleSelectionName = new("^[a-zA-Z0-9_.-]{1,50}\\z", RegexOptions.CultureInvariant);
    private static readonly Regex s_restoreTestingName = new("^[a-zA-Z0-9_]{1,50}\\z", RegexOptions.CultureInvariant);

    /// <summary>Checks a backup vault name (BK1101).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckVaultName(string? name) =>
        Check(name, s_vaultName, RuleCatalog.VaultName,
            "Use 2 to 50 letters, digits, '-' or '_', e.g. 'prod-backups'. A vault is referred to by name, not by ARN.");

    /// <summary>Checks a backup plan name (BK1102).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckPlanName(string? name) =>
        Check(name, s_planRuleSelectionName, RuleCatalog.PlanName, "Use 1 to 50 letters, digits, '-', '_' or '.', e.g. 'prod-daily'.");

    /// <summary>Checks a backup rule name (BK1103).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRuleName(string? name) =>
        Check(name, s_planRuleSelectionName, RuleCatalog.RuleName, "Use 1 to 50 letters, digits, '-', '_' or '.', e.g. 'daily'.");

    /// <summary>Checks a backup selection name (BK1104).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckSelectionName(string? name) =>
        Check(name, s_planRuleSelectionName, RuleCatalog.SelectionName, "Use 1 to 50 letters, digits, '-', '_' or '.', e.g. 'tagged-prod'.");

    /// <summary>Checks a restore testing plan name (BK1107).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRestoreTestingPlanName(string? name) =>
        Check(name, s_restoreTestingName, RuleCatalog.RestoreTestingPlanName, "Use 1 to 50 letters, digits or '_' (no hyphens), e.g. 'weekly_restore_test'.");

    /// <summary>Checks a restore testing selection name (BK1108).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRestoreTestingSelectionName(string? name) =>
        Check(name, s_restoreTestingName, RuleCatalog.RestoreTestingSelectionName, "Use 1 to 50 letters, digits or '_' (no hyphens), e.g. 'rds_instances'.");

    /// <summary>Checks that a name is used once (BK1105).</summary>
    /// <param name="kind">What is named, e.g. <c>Backup vault</c>.</param>
    /// <param name="name">The name.</param>
    /// <param name="occurrences">How many times it is declared.</param>
    /// <param name="scope">Where names must be unique, e.g. <c>the posture</c> or <c>plan 'prod'</c>.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckUnique(string kind, string name, int occurrences, string scope) =>
        occurrences <= 1
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.DuplicateName, string.Empty, name,
                "Give each " + kind.ToLowerInvariant() + " a distinct name, or merge the declarations.",
                kind, name, occurrences, scope));

    /// <summary>Checks tag keys and values (BK1106): keys 1 to 128 characters, values 0 to 256.</summary>
    /// <param name="tags">The tags.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckTags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        var violations = new List<RuleViolation>();
        foreach (var tag in tags)
        {
            if (string.IsNullOrEmpty(tag.Key) || tag.Key.Length > 128)
            {
                violations.Add(new RuleViolation(RuleCatalog.TagLength, "[" + tag.Key + "]", tag.Key,
                    "Use a tag key of 1 to 128 characters.", tag.Key, "the key must be 1 to 128 characters"));
            }

            if (tag.Value is null || tag.Value.Length > 256)
            {
                violations.Add(new RuleViolation(RuleCatalog.TagLength, "[" + tag.Key + "]", tag.Value,
                    "Use a tag value of at most 256 characters (empty is allowed).", tag.Key, "the value must be 0 to 256 characters"));
            }
        }

        return violations;
    }

    private static IReadOnlyList<RuleViolation> Check(string? name, Regex pattern, RuleDescriptor rule, string fix) =>
        name is not null && pattern.IsMatch(name)
            ? Violations.None
            : Violations.One(new RuleViolation(rule, string.Empty, name, fix, name ?? "(null)"));
}
