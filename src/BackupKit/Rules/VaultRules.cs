// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace BackupKit.Rules;

/// <summary>Vault, Vault Lock and logically air-gapped vault rules (BK6xxx).</summary>
internal static class VaultRules
{
    /// <summary>The shortest compliance-mode cooling-off period: 3 days (72 hours).</summary>
    public const long MinChangeableForDays = AwsFacts.MinChangeableForDays;

    /// <summary>The shortest minimum retention of a logically air-gapped vault: 7 days.</summary>
    public const long MinAirGappedRetentionDays = AwsFacts.MinAirGappedRetentionDays;

    /// <summary>The default quota of vaults per account and Region (adjustable).</summary>
    public const int DefaultVaultQuota = AwsFacts.DefaultVaultQuota;

    /// <summary>The vault notification events of the service model (the <c>BackupVaultEvent</c> enum).</summary>
    public static IReadOnlyList<string> KnownEvents { get; } = new[]
    {
        "BACKUP_JOB_STARTED", "BACKUP_JOB_COMPLETED", "BACKUP_JOB_SUCCESSFUL", "BACKUP_JOB_FAILED", "BACKUP_JOB_EXPIRED",
        "RESTORE_JOB_STARTED", "RESTORE_JOB_COMPLETED", "RESTORE_JOB_SUCCESSFUL", "RESTORE_JOB_FAILED",
        "COPY_JOB_STARTED", "COPY_JOB_SUCCESSFUL", "COPY_JOB_FAILED", "RECOVERY_POINT_MODIFIED",
        "BACKUP_PLAN_CREATED", "BACKUP_PLAN_MODIFIED", "S3_BACKUP_OBJECT_FAILED", "S3_RESTORE_OBJECT_FAILED",
        "CONTINUOUS_BACKUP_INTERRUPTED", "RECOVERY_POINT_INDEX_COMPLETED", "RECOVERY_POINT_INDEX_DELETED", "RECOVERY_POINT_INDEXING_FAILED",
        "EKS_RESTORE_OBJECT_FAILED", "EKS_RESTORE_OBJECT_SKIPPED", "EKS_BACKUP_OBJECT_FAILED",
        "ACCESS_POINT_AVAILABLE", "ACCESS_POINT_CREATION_FAILED", "ACCESS_POINT_DELETED", "ACCESS_POINT_DISASSOCIATED",
        "ACCESS_POINT_DELETION_FAILED", "ACCESS_POINT_EXPIRED",
    };

    /// <summary>Checks a KMS key ARN (BK6001). <see langword="null"/> means the AWS Backup default key and is valid.</summary>
    /// <param name="keyArn">The key ARN.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckKmsKeyArn(string? keyArn)
    {
        if (keyArn is null || Arns.KmsKey.IsMatch(keyArn))
        {
            return Violations.None;
        }

        var reason = Arns.KmsAlias.IsMatch(keyArn)
            ? "aliases are not accepted, AWS Backup needs the key ARN"
            : keyArn.StartsWith("arn:", StringComparison.Ordinal) ? "it is not a KMS key ARN" : "a bare key id is not accepted, AWS Backup needs the key ARN";
        return Violations.One(new RuleViolation(RuleCatalog.KmsKeyArn, "encryptionKeyArn", keyArn,
            "Use the key ARN, e.g. 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' (aws kms describe-key shows it).",
            keyArn, reason));
    }

    /// <summary>Checks vault notifications (BK6002 topic ARN, BK6003 events).</summary>
    /// <param name="snsTopicArn">The SNS topic ARN.</param>
    /// <param name="events">The event names.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckNotifications(string? snsTopicArn, IReadOnlyList<string> events)
    {
        var violations = new List<RuleViolation>();
        if (snsTopicArn is null || !Arns.SnsTopic.IsMatch(snsTopicArn))
        {
            violations.Add(new RuleViolation(RuleCatalog.SnsTopicArn, "notifications.snsTopicArn", snsTopicArn,
                "Use the topic ARN, e.g. 'arn:aws:sns:us-east-1:123456789012:backup-alerts'.", snsTopicArn ?? "(null)"));
        }

        if (events.Count == 0)
        {
            violations.Add(new RuleViolation(RuleCatalog.NotificationEvents, "notifications.events", "[]",
                "List at least one event, e.g. BackupVaultEvents.Failures.", "no events are listed"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var name = events[i];
            var member = "notifications.events[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (name is null || !Contains(KnownEvents, name))
            {
                violations.Add(new RuleViolation(RuleCatalog.NotificationEvents, member, name,
                    "Use a BackupVaultEvents constant (upper case, e.g. BACKUP_JOB_FAILED).", "'" + name + "' is not an AWS Backup vault event"));
            }
            else if (!seen.Add(name))
            {
                violations.Add(new RuleViolation(RuleCatalog.NotificationEvents, member, name,
                    "List each event once.", "'" + name + "' is listed twice"));
            }
        }

        return violations;
    }

    /// <summary>
    /// Checks a Vault Lock configuration (BK6004 min, BK6005 max, BK6006 min &lt;= max, BK6007 cooling-off).
    /// <see langword="null"/> members are unset.
    /// </summary>
    /// <param name="minRetentionDays">The minimum retention in days.</param>
    /// <param name="maxRetentionDays">The maximum retention in days.</param>
    /// <param name="changeableForDays">The compliance-mode cooling-off in days, or <see langword="null"/> for governance mode.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckVaultLock(long? minRetentionDays, long? maxRetentionDays, long? changeableForDays)
    {
        var violations = new List<RuleViolation>();
        if (minRetentionDays is { } min && (min < 1 || min > LifecycleRules.MaxDays))
        {
            violations.Add(new RuleViolation(RuleCatalog.LockMinRetention, "lock.minRetention", RuleViolation.Days(min),
                "Set a minimum retention of 1 to 36,500 days, or leave it unset for no lower bound.", RuleViolation.Days(min)));
        }

        if (maxRetentionDays is { } max && (max < 1 || max > LifecycleRules.MaxDays))
        {
            violations.Add(new RuleViolation(RuleCatalog.LockMaxRetention, "lock.maxRetention", RuleViolation.Days(max),
                "Set a maximum retention of 1 to 36,500 days, or leave it unset for no upper bound.", RuleViolation.Days(max)));
        }

        if (minRetentionDays is { } low && maxRetentionDays is { } high && low > high)
        {
            violations.Add(new RuleViolation(RuleCatalog.LockRange, "lock", RuleViolation.Days(low) + " > " + RuleViolation.Days(high),
                "Make the minimum retention at most the maximum retention.", RuleViolation.Days(low), RuleViolation.Days(high)));
        }

        if (changeableForDays is { } changeable && (changeable < MinChangeableForDays || changeable > LifecycleRules.MaxDays))
        {
            violations.Add(new RuleViolation(RuleCatalog.LockChangeableFor, "lock.changeableFor", RuleViolation.Days(changeable),
                "Set a cooling-off period of 3 to 36,500 days; during it the compliance lock can still be changed or removed.", RuleViolation.Days(changeable)));
        }

        return violations;
    }

    /// <summary>
    /// Returns whether a vault's enforced retention range is one AWS accepts (no BK6004 to BK6008 finding): only then
    /// are rule and copy retentions compared with it (BK7001, BK7002), so that a wrong range is one finding, not also
    /// one per rule that writes to the vault.
    /// </summary>
    /// <param name="isLogicallyAirGapped">Whether the range is the air-gapped vault's retention (else a Vault Lock's).</param>
    /// <param name="minRetentionDays">The minimum retention, or <see langword="null"/>.</param>
    /// <param name="maxRetentionDays">The maximum retention, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the range is valid.</returns>
    public static bool IsValidEnforcedRange(bool isLogicallyAirGapped, long? minRetentionDays, long? maxRetentionDays) =>
        isLogicallyAirGapped
            ? CheckAirGappedRetention(minRetentionDays ?? 0, maxRetentionDays ?? 0).Count == 0
            : CheckVaultLock(minRetentionDays, maxRetentionDays, null).Count == 0;

    /// <summary>Checks the retention of a logically air-gapped vault (BK6008): min at least 7 days, max at most 36,500, min &lt;= max.</summary>
    /// <param name="minRetentionDays">The minimum retention in days.</param>
    /// <param name="maxRetentionDays">The maximum retention in days.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckAirGappedRetention(long minRetentionDays, long maxRetentionDays)
    {
        var violations = new List<RuleViolation>();
        if (minRetentionDays < MinAirGappedRetentionDays || minRetentionDays > LifecycleRules.MaxDays)
        {
            violations.Add(new RuleViolation(RuleCatalog.AirGappedRetention, "logicallyAirGapped.minRetention", RuleViolation.Days(minRetentionDays),
                "Set a minimum retention of 7 to 36,500 days.", "the minimum retention of " + RuleViolation.Days(minRetentionDays) + " is outside 7 to 36,500 days"));
        }

        if (maxRetentionDays < 1 || maxRetentionDays > LifecycleRules.MaxDays)
        {
            violations.Add(new RuleViolation(RuleCatalog.AirGappedRetention, "logicallyAirGapped.maxRetention", RuleViolation.Days(maxRetentionDays),
                "Set a maximum retention of at most 36,500 days.", "the maximum retention of " + RuleViolation.Days(maxRetentionDays) + " is outside 1 to 36,500 days"));
        }

        if (minRetentionDays > maxRetentionDays)
        {
            violations.Add(new RuleViolation(RuleCatalog.AirGappedRetention, "logicallyAirGapped", RuleViolation.Days(minRetentionDays) + " > " + RuleViolation.Days(maxRetentionDays),
                "Make the minimum retention at most the maximum retention.",
                "the minimum retention of " + RuleViolation.Days(minRetentionDays) + " is longer than the maximum of " + RuleViolation.Days(maxRetentionDays)));
        }

        return violations;
    }

    /// <summary>Checks that a logically air-gapped vault does not also declare a Vault Lock (BK6009).</summary>
    /// <param name="vaultName">The vault name.</param>
    /// <param name="isAirGapped">Whether the vault is logically air-gapped.</param>
    /// <param name="hasLock">Whether it declares a Vault Lock.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckAirGappedWithoutLock(string vaultName, bool isAirGapped, bool hasLock) =>
        isAirGapped && hasLock
            ? Violations.One(new RuleViolation(RuleCatalog.AirGappedWithLock, "lock", vaultName,
                "Remove the Lock(...) call; the air-gapped vault's min/max retention is its lock.", vaultName))
            : Violations.None;

    /// <summary>Checks the number of vaults against the default quota (BK6010, a warning).</summary>
    /// <param name="vaultCount">The number of vaults.</param>
    /// <returns>The violations; empty when within the default quota.</returns>
    public static IReadOnlyList<RuleViolation> CheckVaultQuota(int vaultCount) =>
        vaultCount <= DefaultVaultQuota
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.VaultQuota, "vaults", vaultCount.ToString(CultureInfo.InvariantCulture),
                "Request a quota increase in Service Quotas, or share vaults between plans.", vaultCount));

    /// <summary>
    /// Checks the principals a vault access policy excepts through an <c>aws:PrincipalArn</c> ARN condition, such as
    /// the ones <c>DenyRecoveryPointDeletion</c> writes (BK6011): each is an IAM role or user ARN.
    /// </summary>
    /// <param name="principalArns">The excepted principals, as written.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckExceptedPrincipals(IEnumerable<string?> principalArns)
    {
        List<RuleViolation>? violations = null;
        foreach (var principal in principalArns)
        {
            if (Arns.IsIamPrincipal(principal))
            {
                continue;
            }

            (violations ??= new List<RuleViolation>()).Add(new RuleViolation(RuleCatalog.DeletionExceptionPrincipal, "accessPolicy", principal,
                "Pass role or user ARNs, e.g. 'arn:aws:iam::123456789012:role/BackupAdmin' (aws iam get-role shows the ARN).", principal ?? "(null)"));
        }

        return violations ?? Violations.None;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
