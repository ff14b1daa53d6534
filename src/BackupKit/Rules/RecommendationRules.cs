// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Collections.Generic;

namespace BackupKit.Rules;

/// <summary>
/// The posture recommendations (BK10xx): configurations AWS accepts but that leave backups exposed. They are
/// warnings: <c>Build()</c> succeeds, <c>Validate()</c> and the analyzers report them.
/// </summary>
public static class RecommendationRules
{
    /// <summary>Checks that a backup rule deletes its recovery points at some age, unless keeping them forever is deliberate (BK1001).</summary>
    /// <param name="ruleName">The rule name, for the message.</param>
    /// <param name="hasDeleteAfter">Whether the rule sets a delete-after (any value; its range is BK3001's concern).</param>
    /// <param name="keepsForeverDeliberately">Whether keeping the recovery points forever was asked for explicitly (<c>KeepForever()</c>).</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRuleRetention(string ruleName, bool hasDeleteAfter, bool keepsForeverDeliberately)
    {
        if (hasDeleteAfter || keepsForeverDeliberately)
        {
            return Violations.None;
        }

        return Violations.One(new RuleViolation(
            RuleCatalog.RuleWithoutRetention,
            "lifecycle.deleteAfter",
            null,
            "Set a retention, e.g. DeleteAfter(Retention.Days(35)); if the recovery points must really be kept forever, say so with KeepForever().",
            ruleName));
    }

    /// <summary>Checks that at least one rule of a backup plan copies its recovery points to another vault (BK1002).</summary>
    /// <param name="planName">The plan name, for the message.</param>
    /// <param name="copyActionCount">The number of copy actions over all rules of the plan.</param>
    /// <returns>The violations; empty when valid.</returns>
    /// <remarks>
    /// The plan's own Region is known only when the posture is deployed, so any copy action satisfies the rule.
    /// </remarks>
    public static IReadOnlyList<RuleViolation> CheckCrossRegionCopy(string planName, int copyActionCount)
    {
        if (copyActionCount > 0)
        {
            return Violations.None;
        }

        return Violations.One(new RuleViolation(
            RuleCatalog.PlanWithoutCrossRegionCopy,
            string.Empty,
            null,
            "Add a copy action to at least one rule, e.g. CopyTo(\"arn:aws:backup:<other-region>:<account>:backup-vault:<name>\"), preferably into another Region and account.",
            planName));
    }

    /// <summary>Checks that a backup vault is protected by Vault Lock (BK1003).</summary>
    /// <param name="vaultName">The vault name, for the message.</param>
    /// <param name="hasLock">Whether the vault declares a Vault Lock.</param>
    /// <param name="isLogicallyAirGapped">Whether the vault is logically air-gapped; AWS locks such vaults itself, so they are exempt.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckVaultLocked(string vaultName, bool hasLock, bool isLogicallyAirGapped)
    {
        if (hasLock || isLogicallyAirGapped)
        {
            return Violations.None;
        }

        return Violations.One(new RuleViolation(
            RuleCatalog.VaultWithoutLock,
            "lock",
            null,
            "Add a Vault Lock: Lock(VaultLock.Governance()) stays reversible; a compliance-mode lock becomes immutable after its cooling-off period.",
            vaultName));
    }
}
