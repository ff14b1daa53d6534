namespace BackupKit.Model;

/// <summary>An AWS Backup vault: the container recovery points are stored in.</summary>
public sealed record BackupVault
{
    /// <summary>Gets the vault name: 2 to 50 letters, digits, hyphens or underscores (no dots); unique per account and Region.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets the ARN of the customer managed KMS key that encrypts the vault (a key ARN, not an alias), or
    /// <see langword="null"/> to let AWS Backup use its default key.
    /// </summary>
    public string? EncryptionKeyArn { get; init; }

    /// <summary>Gets the vault access policy as an IAM policy JSON document, or <see langword="null"/> for none.</summary>
    public string? AccessPolicy { get; init; }

    /// <summary>Gets the SNS notification settings, or <see langword="null"/> when the vault sends none.</summary>
    public VaultNotifications? Notifications { get; init; }

    /// <summary>Gets the Vault Lock configuration, or <see langword="null"/> when the vault is not locked.</summary>
    public VaultLock? Lock { get; init; }

    /// <summary>
    /// Gets the logically air-gapped settings, or <see langword="null"/> for a standard backup vault. A logically
    /// air-gapped vault has compliance-mode lock semantics built in.
    /// </summary>
    public LogicallyAirGappedSettings? LogicallyAirGapped { get; init; }

    /// <summary>Gets the tags of the vault.</summary>
    public ValueMap<string> Tags { get; init; }

    /// <summary>Gets a value indicating whether this is a logically air-gapped vault.</summary>
    public bool IsLogicallyAirGapped => LogicallyAirGapped is not null;

    /// <summary>
    /// Gets the retention range every new backup or copy into this vault must respect (from its Vault Lock or its
    /// air-gapped settings), or <see langword="null"/> when the vault imposes none.
    /// </summary>
    public RetentionRange? EnforcedRetention =>
        LogicallyAirGapped is { } airGapped
            ? new RetentionRange(airGapped.MinRetention, airGapped.MaxRetention)
            : Lock is { } vaultLock && (vaultLock.MinRetention is not null || vaultLock.MaxRetention is not null)
                ? new RetentionRange(vaultLock.MinRetention, vaultLock.MaxRetention)
                : null;
}

/// <summary>Where a vault sends SNS notifications, and for which events.</summary>
public sealed record VaultNotifications
{
    /// <summary>Gets the ARN of the SNS topic (<c>arn:aws:sns:region:account:topic</c>).</summary>
    public required string SnsTopicArn { get; init; }

    /// <summary>Gets the events to notify, as AWS event names (see <see cref="BackupVaultEvents"/>).</summary>
    public required ValueList<string> Events { get; init; }
}

/// <summary>The retention bounds of a logically air-gapped vault (both required by AWS; the minimum is at least 7 days).</summary>
public sealed record LogicallyAirGappedSettings
{
    /// <summary>Gets the minimum retention of recovery points in the vault.</summary>
    public required Retention MinRetention { get; init; }

    /// <summary>Gets the maximum retention of recovery points in the vault.</summary>
    public required Retention MaxRetention { get; init; }
}

/// <summary>A retention range; a missing bound means "no bound on that side".</summary>
/// <param name="Min">The shortest retention allowed, or <see langword="null"/>.</param>
/// <param name="Max">The longest retention allowed, or <see langword="null"/>.</param>
public sealed record RetentionRange(Retention? Min, Retention? Max);
