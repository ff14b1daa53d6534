using System.Text.Json;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// Backup vaults with their access policy, notifications and Vault Lock: create (idempotent by CreatorRequestId),
/// describe, delete (only when empty), list; put/get/delete policy and notifications; put and
/// delete the lock (governance mode without ChangeableForDays, compliance mode with it). The vault itself is here; the
/// lock, the access policy and the notifications are in BackupVaultOperations.Lock/.AccessPolicy/.Notifications.cs.
/// </summary>
internal static partial class BackupVaultOperations
{
    /// <summary>Vaults per account and region (AWS quota).</summary>
    public const int MaxVaults = BackupKit.Rules.AwsFacts.DefaultVaultQuota;

    /// <summary>How long a logically air-gapped vault stays CREATING on the emulator clock.</summary>
    public static readonly TimeSpan AirGappedCreationTime = TimeSpan.FromMinutes(1);

    public static CreateBackupVaultOutput Create(CallContext call, CreateBackupVaultInput input)
    {
        RequestRules.CheckVault(input.BackupVaultName, input.EncryptionKeyArn, input.BackupVaultTags);

        var vault = Add(call, input.BackupVaultName!, input.CreatorRequestId, input.BackupVaultTags, state => new VaultRecord
        {
            Name = input.BackupVaultName!,
            Arn = state.VaultArn(input.BackupVaultName!),
            Sequence = state.NextSequence(),
            CreationDate = call.Now,
            CreatorRequestId = input.CreatorRequestId,
            EncryptionKeyArn = input.EncryptionKeyArn ?? state.DefaultKeyArn,
            IsCustomerManagedKey = input.EncryptionKeyArn is not null,
            AvailableAt = call.Now,
        });
        return new CreateBackupVaultOutput { BackupVaultName = vault.Name, BackupVaultArn = vault.Arn, CreationDate = vault.CreationDate };
    }

    public static CreateLogicallyAirGappedBackupVaultOutput CreateLogicallyAirGapped(CallContext call, CreateLogicallyAirGappedBackupVaultInput input)
    {
        var min = input.MinRetentionDays!.Value;
        var max = input.MaxRetentionDays!.Value;
        RequestRules.CheckAirGappedRetention(min, max);
        RequestRules.CheckVault(input.BackupVaultName, input.EncryptionKeyArn, input.BackupVaultTags);

        var now = call.Now;
        var vault = Add(call, input.BackupVaultName!, input.CreatorRequestId, input.BackupVaultTags, state => new VaultRecord
        {
            Name = input.BackupVaultName!,
            Arn = state.VaultArn(input.BackupVaultName!),
            Sequence = state.NextSequence(),
            CreationDate = now,
            CreatorRequestId = input.CreatorRequestId,
            EncryptionKeyArn = input.EncryptionKeyArn,
            IsCustomerManagedKey = input.EncryptionKeyArn is not null,
            IsLogicallyAirGapped = true,
            AvailableAt = now + AirGappedCreationTime,

            // The retention range is locked in compliance mode from the start.
            Lock = new VaultLockRecord(min, max, null, now),
        });
        return new CreateLogicallyAirGappedBackupVaultOutput
        {
            BackupVaultName = vault.Name,
            BackupVaultArn = vault.Arn,
            CreationDate = vault.CreationDate,
            VaultState = StateOf(vault, now),
        };
    }

    private static VaultRecord Add(CallContext call, string name, string? creatorRequestId, Dictionary<string, string>? tags, Func<RegionState, VaultRecord> create)
    {
        var state = call.State;
        lock (state.Gate)
        {
            if (state.Vaults.TryGetValue(name, out var existing))
            {
                if (creatorRequestId is not null && existing.CreatorRequestId == creatorRequestId)
                {
                    // A repeated create with the same CreatorRequestId returns the vault it created.
                    return existing;
                }

                throw new BackupApiError(ErrorCodes.AlreadyExists, 400, $"Backup vault with the same name '{name}' already exists.")
                {
                    Arn = existing.Arn,
                    CreatorRequestId = existing.CreatorRequestId,
                };
            }

            if (state.Vaults.Count >= MaxVaults)
            {
                throw BackupApiError.LimitExceeded($"This account already has {MaxVaults} backup vaults in {call.Region}, the most AWS Backup allows.");
            }

            var vault = create(state);
            if (tags is not null)
            {
                TagOperations.Merge(vault.Tags, tags);
            }

            state.Vaults.Add(name, vault);
            call.Emulator.VaultsByArn[vault.Arn] = vault;
            return vault;
        }
    }

    internal static VaultType TypeOf(VaultRecord vault) =>
        vault.IsLogicallyAirGapped ? VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT : VaultType.BACKUP_VAULT;

    private static VaultState StateOf(VaultRecord vault, DateTimeOffset now) =>
        now >= vault.AvailableAt ? VaultState.AVAILABLE : VaultState.CREATING;

    private static EncryptionKeyType? KeyTypeOf(VaultRecord vault) =>
        vault.IsCustomerManagedKey ? EncryptionKeyType.CUSTOMER_MANAGED_KMS_KEY
        : vault.IsLogicallyAirGapped ? EncryptionKeyType.AWS_OWNED_KMS_KEY
        : (EncryptionKeyType?)null;

    public static DescribeBackupVaultOutput Describe(CallContext call, DescribeBackupVaultInput input)
    {
        if (input.BackupVaultAccountId is { } accountId && accountId != call.AccountId)
        {
            throw BackupApiError.NotFound($"Backup vault '{input.BackupVaultName}' of account {accountId} is not shared with account {call.AccountId}.");
        }

        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            var vault = Find(state, input.BackupVaultName!);
            return ToDescribeOutput(vault, now);
        }
    }

    public static EmptyOutput Delete(CallContext call, DeleteBackupVaultInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vault = Find(state, input.BackupVaultName!);
            // A locked vault keeps its recovery points until their lifecycle expires them (they cannot be deleted early),
            // so a locked vault that holds any cannot be deleted; an empty one can, even in compliance mode.
            if (vault.NumberOfRecoveryPoints > 0)
            {
                throw BackupApiError.InvalidRequest("Backup vault cannot be deleted because it contains recovery points.", bodyCode: "ERROR_9101");
            }

            state.Vaults.Remove(vault.Name);
            call.Emulator.VaultsByArn.TryRemove(new KeyValuePair<string, VaultRecord>(vault.Arn, vault));
            return EmptyOutput.Instance;
        }
    }

    public static ListBackupVaultsOutput List(CallContext call, ListBackupVaultsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vaults = new List<VaultRecord>(state.Vaults.Count);

            // Every vault here is owned by the caller; none is shared with it.
            if (input.ByShared != true)
            {
                foreach (var vault in state.Vaults.Values)
                {
                    if (input.ByVaultType is not { } type || type == TypeOf(vault))
                    {
                        vaults.Add(vault);
                    }
                }
            }

            var now = call.Now;
            var members = Paging.List(vaults, static v => v.Sequence, input.NextToken, input.MaxResults, out var next, vault => ToListMember(vault, now));
            return new ListBackupVaultsOutput { BackupVaultList = members, NextToken = next };
        }
    }

    /// <summary>A vault as DescribeBackupVault renders it; its state is read at <paramref name="now"/>.</summary>
    internal static DescribeBackupVaultOutput ToDescribeOutput(VaultRecord vault, DateTimeOffset now) => new()
    {
        BackupVaultName = vault.Name,
        BackupVaultArn = vault.Arn,
        VaultType = TypeOf(vault),
        VaultState = StateOf(vault, now),
        EncryptionKeyArn = vault.EncryptionKeyArn,
        CreationDate = vault.CreationDate,
        CreatorRequestId = vault.CreatorRequestId,
        NumberOfRecoveryPoints = vault.NumberOfRecoveryPoints,
        Locked = vault.Lock is not null,
        MinRetentionDays = vault.Lock?.MinRetentionDays,
        MaxRetentionDays = vault.Lock?.MaxRetentionDays,
        LockDate = vault.Lock?.LockDate,
        EncryptionKeyType = KeyTypeOf(vault),
    };

    /// <summary>A vault as ListBackupVaults renders it; its state is read at <paramref name="now"/>.</summary>
    internal static BackupVaultListMember ToListMember(VaultRecord vault, DateTimeOffset now) => new()
    {
        BackupVaultName = vault.Name,
        BackupVaultArn = vault.Arn,
        VaultType = TypeOf(vault),
        VaultState = StateOf(vault, now),
        CreationDate = vault.CreationDate,
        EncryptionKeyArn = vault.EncryptionKeyArn,
        CreatorRequestId = vault.CreatorRequestId,
        NumberOfRecoveryPoints = vault.NumberOfRecoveryPoints,
        Locked = vault.Lock is not null,
        MinRetentionDays = vault.Lock?.MinRetentionDays,
        MaxRetentionDays = vault.Lock?.MaxRetentionDays,
        LockDate = vault.Lock?.LockDate,
        EncryptionKeyType = KeyTypeOf(vault),
    };

    internal static VaultRecord Find(RegionState state, string name) =>
        state.Vaults.TryGetValue(name, out var vault)
            ? vault
            : throw BackupApiError.NotFound($"Backup vault '{name}' does not exist in account {state.AccountId}, region {state.Region}.");
}
