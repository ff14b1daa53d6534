namespace BackupKit.Local.State;

/// <summary>A backup vault and what hangs off it: tags, access policy, notifications, lock.</summary>
internal sealed class VaultRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public string? CreatorRequestId { get; init; }

    /// <summary>The key the vault encrypts with; null for the AWS-owned key of a logically air-gapped vault.</summary>
    public string? EncryptionKeyArn { get; init; }

    /// <summary>Whether this is a logically air-gapped vault (its compliance-mode lock comes built in).</summary>
    public bool IsLogicallyAirGapped { get; init; }

    /// <summary>When a logically air-gapped vault leaves CREATING (AWS creates them asynchronously).</summary>
    public DateTimeOffset AvailableAt { get; init; }

    /// <summary>Whether the caller named its own KMS key (else the account's default AWS Backup key is used).</summary>
    public bool IsCustomerManagedKey { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public string? AccessPolicy { get; set; }

    public VaultNotificationRecord? Notifications { get; set; }

    public VaultLockRecord? Lock { get; set; }

    /// <summary>Recovery points stored in the vault, by ARN.</summary>
    public Dictionary<string, RecoveryPointRecord> RecoveryPoints { get; } = new(StringComparer.Ordinal);

    public long NumberOfRecoveryPoints => RecoveryPoints.Count;
}

/// <summary>Where a vault sends its events.</summary>
internal sealed record VaultNotificationRecord(string SnsTopicArn, IReadOnlyList<string> Events);

/// <summary>
/// A vault lock. Without <see cref="ChangeableForDays"/> it is in governance mode (removable any time, no lock date);
/// with it, compliance mode: changeable until <see cref="LockDate"/>, immutable from then on.
/// </summary>
internal sealed record VaultLockRecord(long? MinRetentionDays, long? MaxRetentionDays, long? ChangeableForDays, DateTimeOffset? LockDate)
{
    public bool IsImmutableAt(DateTimeOffset now) => LockDate is { } lockDate && now >= lockDate;
}
