using System.Globalization;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;
using W = BackupKit.Wire;

namespace BackupKit.Mapping;

// Backup vaults and their settings (lock, notifications, access policy), model <-> wire.
static partial class PostureMapping
{
    /// <summary>Maps a standard vault to a <c>CreateBackupVault</c> request (name, key, tags).</summary>
    /// <param name="vault">The vault.</param>
    /// <param name="creatorRequestId">The idempotency token, or <see langword="null"/> to let the client generate one.</param>
    /// <returns>The request.</returns>
    public static CreateBackupVaultInput ToCreateBackupVaultInput(BackupVault vault, string? creatorRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        return new CreateBackupVaultInput
        {
            BackupVaultName = vault.Name,
            EncryptionKeyArn = vault.EncryptionKeyArn,
            BackupVaultTags = ToDictionary(vault.Tags),
            CreatorRequestId = creatorRequestId,
        };
    }

    /// <summary>Maps a logically air-gapped vault to a <c>CreateLogicallyAirGappedBackupVault</c> request.</summary>
    /// <param name="vault">The vault; <see cref="BackupVault.LogicallyAirGapped"/> must be set.</param>
    /// <param name="creatorRequestId">The idempotency token, or <see langword="null"/> to let the client generate one.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">The vault is not logically air-gapped.</exception>
    public static CreateLogicallyAirGappedBackupVaultInput ToCreateLogicallyAirGappedBackupVaultInput(BackupVault vault, string? creatorRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var settings = vault.LogicallyAirGapped
            ?? throw new ArgumentException($"Vault '{vault.Name}' is not logically air-gapped; create it with CreateBackupVault instead.", nameof(vault));
        return new CreateLogicallyAirGappedBackupVaultInput
        {
            BackupVaultName = vault.Name,
            EncryptionKeyArn = vault.EncryptionKeyArn,
            BackupVaultTags = ToDictionary(vault.Tags),
            MinRetentionDays = settings.MinRetention.TotalDays,
            MaxRetentionDays = settings.MaxRetention.TotalDays,
            CreatorRequestId = creatorRequestId,
        };
    }

    /// <summary>Maps a Vault Lock to a <c>PutBackupVaultLockConfiguration</c> request; the mode is carried by <c>ChangeableForDays</c>.</summary>
    /// <param name="vaultName">The vault name.</param>
    /// <param name="vaultLock">The lock.</param>
    /// <returns>The request.</returns>
    public static PutBackupVaultLockConfigurationInput ToPutLockInput(string vaultName, VaultLock vaultLock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vaultName);
        ArgumentNullException.ThrowIfNull(vaultLock);
        return new PutBackupVaultLockConfigurationInput
        {
            BackupVaultName = vaultName,
            MinRetentionDays = vaultLock.MinRetention?.TotalDays,
            MaxRetentionDays = vaultLock.MaxRetention?.TotalDays,
            ChangeableForDays = vaultLock.ChangeableFor?.TotalDays,
        };
    }

    /// <summary>Reads a Vault Lock from a <c>PutBackupVaultLockConfiguration</c> request.</summary>
    /// <param name="input">The request.</param>
    /// <returns>The lock.</returns>
    public static VaultLock ToModel(PutBackupVaultLockConfigurationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return VaultLock.FromExisting(ToRetention(input.MinRetentionDays), ToRetention(input.MaxRetentionDays), ToRetention(input.ChangeableForDays));
    }

    /// <summary>Maps vault notifications to a <c>PutBackupVaultNotifications</c> request.</summary>
    /// <param name="vaultName">The vault name.</param>
    /// <param name="notifications">The notifications.</param>
    /// <returns>The request.</returns>
    public static PutBackupVaultNotificationsInput ToPutNotificationsInput(string vaultName, VaultNotifications notifications)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vaultName);
        ArgumentNullException.ThrowIfNull(notifications);
        return new PutBackupVaultNotificationsInput
        {
            BackupVaultName = vaultName,
            SNSTopicArn = notifications.SnsTopicArn,
            BackupVaultEvents = [.. notifications.Events.Select(e => new BackupVaultEvent(e))],
        };
    }

    /// <summary>Reads vault notifications from a <c>PutBackupVaultNotifications</c> request.</summary>
    /// <param name="input">The request.</param>
    /// <returns>The notifications.</returns>
    public static VaultNotifications ToModel(PutBackupVaultNotificationsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new VaultNotifications { SnsTopicArn = input.SNSTopicArn ?? string.Empty, Events = new ValueList<string>((input.BackupVaultEvents ?? []).Select(e => e.Value)) };
    }

    /// <summary>Reads vault notifications from a <c>GetBackupVaultNotifications</c> output.</summary>
    /// <param name="output">The output.</param>
    /// <returns>The notifications.</returns>
    public static VaultNotifications ToModel(GetBackupVaultNotificationsOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new VaultNotifications { SnsTopicArn = output.SNSTopicArn ?? string.Empty, Events = new ValueList<string>((output.BackupVaultEvents ?? []).Select(e => e.Value)) };
    }

    /// <summary>Maps a vault access policy to a <c>PutBackupVaultAccessPolicy</c> request.</summary>
    /// <param name="vaultName">The vault name.</param>
    /// <param name="policy">The IAM policy JSON document.</param>
    /// <returns>The request.</returns>
    public static PutBackupVaultAccessPolicyInput ToPutAccessPolicyInput(string vaultName, string policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vaultName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        return new PutBackupVaultAccessPolicyInput { BackupVaultName = vaultName, Policy = policy };
    }

    /// <summary>
    /// Reads a vault as AWS describes it. AWS does not return <c>ChangeableForDays</c>: a compliance-mode lock
    /// (one with a <c>LockDate</c>) reads with <see cref="VaultLock.ChangeableFor"/> set to the whole days left
    /// until its lock date as of <paramref name="now"/> (zero once immutable).
    /// </summary>
    /// <param name="vault">The <c>DescribeBackupVault</c> output.</param>
    /// <param name="accessPolicy">The access policy JSON, or <see langword="null"/> for none.</param>
    /// <param name="notifications">The notifications, or <see langword="null"/> for none.</param>
    /// <param name="tags">The vault tags, or <see langword="null"/> for none.</param>
    /// <param name="now">The current time (for the remaining cooling-off period of a compliance lock).</param>
    /// <returns>The vault. An AWS-owned default key reads as no <see cref="BackupVault.EncryptionKeyArn"/>.</returns>
    public static BackupVault ToModel(
        DescribeBackupVaultOutput vault,
        string? accessPolicy,
        VaultNotifications? notifications,
        IReadOnlyDictionary<string, string>? tags,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ImportGuard.NoUnknownMembers(vault.UnknownMembers, "DescribeBackupVaultOutput", vault.BackupVaultName);
        var airGapped = vault.VaultType == VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT;
        VaultLock? vaultLock = null;
        if (!airGapped && vault.Locked == true)
        {
            Retention? changeableFor = vault.LockDate is { } lockDate
                ? Retention.Days(Math.Max(0, (long)Math.Ceiling((lockDate - now).TotalDays)))
                : null;
            vaultLock = VaultLock.FromExisting(ToRetention(vault.MinRetentionDays), ToRetention(vault.MaxRetentionDays), changeableFor);
        }

        return new BackupVault
        {
            Name = vault.BackupVaultName ?? string.Empty,
            EncryptionKeyArn = vault.EncryptionKeyType == EncryptionKeyType.AWS_OWNED_KMS_KEY ? null : vault.EncryptionKeyArn,
            AccessPolicy = accessPolicy,
            Notifications = notifications,
            Lock = vaultLock,
            LogicallyAirGapped = airGapped
                ? new LogicallyAirGappedSettings
                {
                    MinRetention = ToRetention(vault.MinRetentionDays) ?? Retention.Days(0),
                    MaxRetention = ToRetention(vault.MaxRetentionDays) ?? Retention.Days(0),
                }
                : null,
            Tags = ToValueMap(tags),
        };
    }
}
