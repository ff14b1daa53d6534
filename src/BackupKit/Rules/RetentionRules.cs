// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Collections.Generic;

namespace BackupKit.Rules;

/// <summary>
/// Cross-object retention rules (BK7xxx): AWS accepts a plan whose retention falls outside the locked range of
/// the vault it writes to, and then fails every backup or copy job at run time. These rules catch it up front.
/// </summary>
internal static class RetentionRules
{
    /// <summary>Checks a rule's retention against its target vault's enforced range (BK7001).</summary>
    /// <param name="deleteAfterDays">The rule's delete-after in days, or <see langword="null"/> for "keep forever".</param>
    /// <param name="vaultName">The target vault name.</param>
    /// <param name="minRetentionDays">The vault's minimum retention, or <see langword="null"/>.</param>
    /// <param name="maxRetentionDays">The vault's maximum retention, or <see langword="null"/>.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRuleRetention(long? deleteAfterDays, string vaultName, long? minRetentionDays, long? maxRetentionDays) =>
        Check(RuleCatalog.RuleRetentionOutsideVaultLock, "lifecycle.deleteAfter", deleteAfterDays, vaultName, minRetentionDays, maxRetentionDays);

    /// <summary>
    /// Checks a copy action's effective retention (its own lifecycle, or the source rule's when it has none) against
    /// the destination vault's enforced range (BK7002).
    /// </summary>
    /// <param name="effectiveDeleteAfterDays">The copy's effective delete-after in days, or <see langword="null"/> for "keep forever".</param>
    /// <param name="vaultName">The destination vault name.</param>
    /// <param name="minRetentionDays">The destination vault's minimum retention, or <see langword="null"/>.</param>
    /// <param name="maxRetentionDays">The destination vault's maximum retention, or <see langword="null"/>.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckCopyRetention(long? effectiveDeleteAfterDays, string vaultName, long? minRetentionDays, long? maxRetentionDays) =>
        Check(RuleCatalog.CopyRetentionOutsideVaultLock, "lifecycle.deleteAfter", effectiveDeleteAfterDays, vaultName, minRetentionDays, maxRetentionDays);

    /// <summary>
    /// Returns the name of the vault a backup vault ARN points to (the part after <c>:backup-vault:</c>), or
    /// <see langword="null"/>: a copy's destination is matched to a vault of the posture by this name, since a posture
    /// is applied per account and Region.
    /// </summary>
    /// <param name="vaultArn">The vault ARN.</param>
    /// <returns>The vault name, or <see langword="null"/>.</returns>
    public static string? DestinationVaultName(string vaultArn)
    {
        const string Marker = ":backup-vault:";
        var index = vaultArn.LastIndexOf(Marker, System.StringComparison.Ordinal);
        return index < 0 ? null : vaultArn.Substring(index + Marker.Length);
    }

    private static IReadOnlyList<RuleViolation> Check(RuleDescriptor rule, string member, long? deleteAfterDays, string vaultName, long? min, long? max)
    {
        // A delete-after outside what AWS accepts at all is BK3001 already; comparing it with the vault's range would
        // report the same mistake twice.
        if (deleteAfterDays is { } outOfRange && (outOfRange < 1 || outOfRange > LifecycleRules.MaxDays))
        {
            return Violations.None;
        }

        // "Keep forever" is longer than any maximum, and satisfies any minimum.
        var tooLong = max is { } upper && (deleteAfterDays is null || deleteAfterDays.Value > upper);
        var tooShort = min is { } lower && deleteAfterDays is { } days && days < lower;
        if (!tooLong && !tooShort)
        {
            return Violations.None;
        }

        var range = min is null ? "up to " + RuleViolation.Days(max) : max is null ? "of at least " + RuleViolation.Days(min) : "from " + RuleViolation.Days(min) + " to " + RuleViolation.Days(max);
        var kept = deleteAfterDays is null ? "forever" : "for " + RuleViolation.Days(deleteAfterDays);
        var fix = tooShort
            ? "Keep recovery points at least " + RuleViolation.Days(min) + " (delete-after), or lower the vault's minimum retention."
            : "Set a delete-after of at most " + RuleViolation.Days(max) + ", or raise the vault's maximum retention.";
        return Violations.One(new RuleViolation(rule, member, deleteAfterDays is null ? "never" : RuleViolation.Days(deleteAfterDays), fix, kept, vaultName, range));
    }
}
