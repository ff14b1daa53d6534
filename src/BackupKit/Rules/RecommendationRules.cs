// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Collections.Generic;

namespace BackupKit.Rules;

/// <summary>
/// The posture recommendations (BK10xx): configurations AWS accepts but that leave backups exposed. They are
/// warnings: <c>Build()</c> succeeds, <c>Validate()</c> and the analyzers report them.
/// </summary>
internal static class RecommendationRules
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

    /// <summary>Checks that a resource type a plan protects is restored by some restore testing selection (BK1004).</summary>
    /// <param name="planName">The plan that protects resources of the type.</param>
    /// <param name="resourceType">The AWS Backup resource type, e.g. <c>DynamoDB</c>.</param>
    /// <param name="restoreTested">Whether a restore testing selection of the posture restores that type.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRestoreTesting(string planName, string resourceType, bool restoreTested) =>
        restoreTested
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.ResourceTypeWithoutRestoreTesting, "selections", resourceType,
                "Add a restore testing plan with a selection of that type, e.g. AddRestoreTestingPlan(\"weekly\", t => t.Weekly(DayOfWeek.Sunday).LatestRecoveryPoint().Test(\"" + resourceType + "\", ...)).",
                planName, resourceType));

    /// <summary>Checks that RDS, Aurora and DynamoDB resources a plan protects have point-in-time recovery (BK1005).</summary>
    /// <param name="planName">The plan.</param>
    /// <param name="resourceType">The resource type the plan's selections name: <c>RDS</c>, <c>Aurora</c> or <c>DynamoDB</c> are checked.</param>
    /// <param name="planHasContinuousRule">Whether a rule of the plan enables continuous backup.</param>
    /// <returns>The violations; empty when valid or when the type has no continuous backup.</returns>
    public static IReadOnlyList<RuleViolation> CheckContinuousBackup(string planName, string resourceType, bool planHasContinuousRule)
    {
        var fix = resourceType switch
        {
            "RDS" or "Aurora" => "add a rule with EnableContinuousBackup() (retention 1 to 35 days)",
            "DynamoDB" => "enable point-in-time recovery on the tables (a DynamoDB setting; AWS Backup keeps DynamoDB snapshots only)",
            _ => null,
        };
        if (fix is null || (planHasContinuousRule && resourceType != "DynamoDB"))
        {
            return Violations.None;
        }

        return Violations.One(new RuleViolation(RuleCatalog.DatabaseWithoutContinuousBackup, "rules", resourceType,
            char.ToUpperInvariant(fix[0]) + fix.Substring(1) + ", or suppress BK1005 where the data can be rebuilt.", planName, resourceType, fix));
    }

    /// <summary>Checks that a selection does not assign resources only by ARN (BK1006).</summary>
    /// <param name="selectionName">The selection.</param>
    /// <param name="planName">Its plan.</param>
    /// <param name="arnCount">The number of resources it names by ARN (wildcards excluded).</param>
    /// <param name="tagOrConditionCount">The number of tags, conditions and wildcard patterns it selects by.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckSelectionByTag(string selectionName, string planName, int arnCount, int tagOrConditionCount) =>
        arnCount == 0 || tagOrConditionCount > 0
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.SelectionOnlyByArn, "resources", null,
                "Tag the resources and select by tag (WhereTag or conditions), keeping Except(...) for the exceptions.",
                selectionName, planName, arnCount));

    /// <summary>Checks that a plan copies into at least one account other than its resources' account (BK1007).</summary>
    /// <param name="planName">The plan.</param>
    /// <param name="sourceAccount">The account of the resources the plan protects, or <see langword="null"/> when unknown (nothing is reported).</param>
    /// <param name="copyDestinationAccounts">The accounts of the plan's copy destinations.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckCopiesLeaveAccount(string planName, string? sourceAccount, IEnumerable<string?> copyDestinationAccounts)
    {
        if (sourceAccount is null)
        {
            return Violations.None;
        }

        var any = false;
        foreach (var account in copyDestinationAccounts)
        {
            any = true;
            if (account is null || !string.Equals(account, sourceAccount, System.StringComparison.Ordinal))
            {
                return Violations.None;
            }
        }

        return !any
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.CopiesStayInSourceAccount, "copyActions", sourceAccount,
                "Copy into a vault of a separate backup account of your organization, e.g. CopyTo(\"arn:aws:backup:<region>:<backup-account>:backup-vault:<name>\").",
                planName, sourceAccount));
    }

    /// <summary>Checks that a restore testing selection keeps restored resources long enough to validate them (BK1008).</summary>
    /// <param name="selectionName">The restore testing selection.</param>
    /// <param name="planName">Its restore testing plan.</param>
    /// <param name="validationWindowHours">The validation window in hours, or <see langword="null"/> when unset.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckValidationWindow(string selectionName, string planName, double? validationWindowHours) =>
        validationWindowHours is > 0
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.RestoreTestingWithoutValidationWindow, "validationWindow", null,
                "Keep the restored resource for validation, e.g. ValidateWithin(TimeSpan.FromHours(4)), and report the result with PutRestoreValidationResult.",
                selectionName, planName));
}
