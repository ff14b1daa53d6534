using BackupKit.Model;

namespace BackupKit.Building;

/// <summary>Configures a <see cref="BackupVault"/>; obtained from <see cref="BackupPostureBuilder.AddVault"/>.</summary>
public sealed class BackupVaultBuilder
{
    private readonly BuilderGuard _guard = new(nameof(BackupVaultBuilder));
    private readonly string _name;
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private string? _encryptionKeyArn;
    private string? _accessPolicy;
    private VaultNotifications? _notifications;
    private VaultLock? _lock;
    private LogicallyAirGappedSettings? _airGapped;

    internal BackupVaultBuilder(string name) => _name = name;

    /// <summary>Encrypts the vault with a customer managed KMS key. Without it AWS Backup uses its default key.</summary>
    /// <param name="kmsKeyArn">The key ARN (not an alias), e.g. <c>arn:aws:kms:us-east-1:123456789012:key/1234abcd-...</c>.</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder EncryptWith(string kmsKeyArn)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(kmsKeyArn);
        _encryptionKeyArn = kmsKeyArn;
        return this;
    }

    /// <summary>Sets the vault access policy.</summary>
    /// <param name="policyJson">An IAM policy document as JSON.</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder WithAccessPolicy(string policyJson)
    {
        _guard.ThrowIfFrozen();
        ArgumentException.ThrowIfNullOrWhiteSpace(policyJson);
        _accessPolicy = policyJson;
        return this;
    }

    /// <summary>
    /// Sets an access policy that denies deleting recovery points and changing their lifecycle to everyone except
    /// <paramref name="exceptPrincipalArns"/> (see <see cref="VaultAccessPolicies.DenyRecoveryPointDeletion"/>).
    /// </summary>
    /// <param name="exceptPrincipalArns">The IAM principals still allowed to delete (AWS Audit Manager accepts up to 5); none to deny everyone.</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder DenyRecoveryPointDeletion(params string[] exceptPrincipalArns) =>
        WithAccessPolicy(VaultAccessPolicies.DenyRecoveryPointDeletion(exceptPrincipalArns));

    /// <summary>Sends vault events to an SNS topic.</summary>
    /// <param name="snsTopicArn">The topic ARN.</param>
    /// <param name="events">The events (see <see cref="BackupVaultEvents"/>); at least one.</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder NotifyTo(string snsTopicArn, params string[] events) => NotifyTo(snsTopicArn, (IEnumerable<string>)events);

    /// <summary>Sends vault events to an SNS topic.</summary>
    /// <param name="snsTopicArn">The topic ARN.</param>
    /// <param name="events">The events (see <see cref="BackupVaultEvents"/>, e.g. <see cref="BackupVaultEvents.Failures"/>); at least one.</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder NotifyTo(string snsTopicArn, IEnumerable<string> events)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(snsTopicArn);
        ArgumentNullException.ThrowIfNull(events);
        _notifications = new VaultNotifications { SnsTopicArn = snsTopicArn, Events = new ValueList<string>(events) };
        return this;
    }

    /// <summary>Locks the vault with Vault Lock (governance mode unless the callback chooses compliance).</summary>
    /// <param name="configure">Chooses the mode and the retention bounds.</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder Lock(Action<VaultLockBuilder> configure)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new VaultLockBuilder();
        configure(builder);
        _lock = builder.ToModel();
        return this;
    }

    /// <summary>Locks the vault with a ready-made <see cref="VaultLock"/>.</summary>
    /// <param name="vaultLock">The lock, from <see cref="VaultLock.Governance"/> or <see cref="VaultLock.Compliance"/>.</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder Lock(VaultLock vaultLock)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(vaultLock);
        _lock = vaultLock;
        return this;
    }

    /// <summary>
    /// Makes this a logically air-gapped vault: recovery points are stored in a service-owned account, with
    /// compliance-mode lock semantics built in.
    /// </summary>
    /// <param name="minRetention">The minimum retention; AWS requires at least 7 days.</param>
    /// <param name="maxRetention">The maximum retention; at most 36,500 days.</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder LogicallyAirGapped(Retention minRetention, Retention maxRetention)
    {
        _guard.ThrowIfFrozen();
        _airGapped = new LogicallyAirGappedSettings { MinRetention = minRetention, MaxRetention = maxRetention };
        return this;
    }

    /// <summary>Adds or replaces a tag of the vault.</summary>
    /// <param name="key">The tag key (1 to 128 characters).</param>
    /// <param name="value">The tag value (0 to 256 characters).</param>
    /// <returns>This builder.</returns>
    public BackupVaultBuilder Tag(string key, string value)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _tags[key] = value;
        return this;
    }

    internal BackupVault ToModel()
    {
        _guard.Freeze();
        return new BackupVault
        {
            Name = _name,
            EncryptionKeyArn = _encryptionKeyArn,
            AccessPolicy = _accessPolicy,
            Notifications = _notifications,
            Lock = _lock,
            LogicallyAirGapped = _airGapped,
            Tags = new ValueMap<string>(_tags),
        };
    }
}

/// <summary>Configures a <see cref="VaultLock"/>; obtained from <see cref="BackupVaultBuilder.Lock(Action{VaultLockBuilder})"/>.</summary>
public sealed class VaultLockBuilder
{
    private readonly BuilderGuard _guard = new(nameof(VaultLockBuilder));
    private Retention? _minRetention;
    private Retention? _maxRetention;
    private Retention? _changeableFor;
    private ComplianceLockAcknowledgement? _acknowledgement;

    internal VaultLockBuilder()
    {
    }

    /// <summary>Chooses governance mode (the default): the lock can be removed by principals allowed <c>backup:DeleteBackupVaultLockConfiguration</c>.</summary>
    /// <returns>This builder.</returns>
    public VaultLockBuilder Governance()
    {
        _guard.ThrowIfFrozen();
        _changeableFor = null;
        _acknowledgement = null;
        return this;
    }

    /// <summary>
    /// Chooses compliance mode: after <paramref name="changeableFor"/> nobody, not even the root user, can change or
    /// remove the lock, and recovery points cannot be deleted before they expire.
    /// </summary>
    /// <param name="changeableFor">The cooling-off period (3 to 36,500 days) during which the lock can still be changed.</param>
    /// <param name="acknowledge">Pass <see cref="ComplianceLock.IrreversibleAfterCoolingOff"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="acknowledge"/> is <see langword="null"/>.</exception>
    public VaultLockBuilder Compliance(Retention changeableFor, ComplianceLockAcknowledgement acknowledge)
    {
        _guard.ThrowIfFrozen();
        ComplianceLock.EnsureAcknowledged(acknowledge);
        _changeableFor = changeableFor;
        _acknowledgement = acknowledge;
        return this;
    }

    /// <summary>Sets the shortest retention a new recovery point may have (at least 1 day).</summary>
    /// <param name="minRetention">The minimum retention.</param>
    /// <returns>This builder.</returns>
    public VaultLockBuilder MinRetention(Retention minRetention)
    {
        _guard.ThrowIfFrozen();
        _minRetention = minRetention;
        return this;
    }

    /// <summary>Sets the longest retention a new recovery point may have (at most 36,500 days); "keep forever" is then refused.</summary>
    /// <param name="maxRetention">The maximum retention.</param>
    /// <returns>This builder.</returns>
    public VaultLockBuilder MaxRetention(Retention maxRetention)
    {
        _guard.ThrowIfFrozen();
        _maxRetention = maxRetention;
        return this;
    }

    internal VaultLock ToModel()
    {
        _guard.Freeze();
        return _changeableFor is { } changeableFor
            ? VaultLock.Compliance(changeableFor, _acknowledgement!, _minRetention, _maxRetention)
            : VaultLock.Governance(_minRetention, _maxRetention);
    }
}
