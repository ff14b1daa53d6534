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
/// delete the lock (governance mode without ChangeableForDays, compliance mode with it).
/// </summary>
internal static class BackupVaultOperations
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
            return new DescribeBackupVaultOutput
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

            vaults.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            var page = Paging.Page(vaults, static v => v.Sequence, input.NextToken, input.MaxResults, out var next);
            var now = call.Now;
            var members = new List<BackupVaultListMember>(page.Count);
            foreach (var vault in page)
            {
                members.Add(new BackupVaultListMember
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
                });
            }

            return new ListBackupVaultsOutput { BackupVaultList = members, NextToken = next };
        }
    }

    public static EmptyOutput PutAccessPolicy(CallContext call, PutBackupVaultAccessPolicyInput input)
    {
        var policy = input.Policy;
        if (string.IsNullOrWhiteSpace(policy))
        {
            throw BackupApiError.MissingParameter("Policy is required: give the vault access policy as a JSON IAM policy document.");
        }

        CheckPolicyDocument(policy);
        var state = call.State;
        lock (state.Gate)
        {
            Find(state, input.BackupVaultName!).AccessPolicy = policy;
            return EmptyOutput.Instance;
        }
    }

    public static GetBackupVaultAccessPolicyOutput GetAccessPolicy(CallContext call, GetBackupVaultAccessPolicyInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var vault = Find(state, input.BackupVaultName!);
            return vault.AccessPolicy is { } policy
                ? new GetBackupVaultAccessPolicyOutput { BackupVaultName = vault.Name, BackupVaultArn = vault.Arn, Policy = policy }
                : throw BackupApiError.NotFound($"Backup vault '{vault.Name}' has no access policy.");
        }
    }

    public static EmptyOutput DeleteAccessPolicy(CallContext call, DeleteBackupVaultAccessPolicyInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            Find(state, input.BackupVaultName!).AccessPolicy = null;
            return EmptyOutput.Instance;
        }
    }

    public static EmptyOutput PutNotifications(CallContext call, PutBackupVaultNotificationsInput input)
    {
        var topic = input.SNSTopicArn!;
        RequestRules.CheckNotifications(topic, [.. input.BackupVaultEvents!.Select(static e => e.Value)]);

        var events = new List<string>(input.BackupVaultEvents!.Count);
        foreach (var e in input.BackupVaultEvents)
        {
            if (!events.Contains(e.Value))
            {
                events.Add(e.Value);
            }
        }

        var state = call.State;
        lock (state.Gate)
        {
            Find(state, input.BackupVaultName!).Notifications = new VaultNotificationRecord(topic, events);
            return EmptyOutput.Instance;
        }
    }

    public static GetBackupVaultNotificationsOutput GetNotifications(CallContext call, GetBackupVaultNotificationsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var vault = Find(state, input.BackupVaultName!);
            if (vault.Notifications is not { } notifications)
            {
                throw BackupApiError.NotFound($"Backup vault '{vault.Name}' has no notification configuration.");
            }

            var events = new List<BackupVaultEvent>(notifications.Events.Count);
            foreach (var e in notifications.Events)
            {
                events.Add(new BackupVaultEvent(e));
            }

            return new GetBackupVaultNotificationsOutput
            {
                BackupVaultName = vault.Name,
                BackupVaultArn = vault.Arn,
                SNSTopicArn = notifications.SnsTopicArn,
                BackupVaultEvents = events,
            };
        }
    }

    public static EmptyOutput DeleteNotifications(CallContext call, DeleteBackupVaultNotificationsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            Find(state, input.BackupVaultName!).Notifications = null;
            return EmptyOutput.Instance;
        }
    }

    public static EmptyOutput PutLock(CallContext call, PutBackupVaultLockConfigurationInput input)
    {
        var min = input.MinRetentionDays;
        var max = input.MaxRetentionDays;
        var changeable = input.ChangeableForDays;
        RequestRules.CheckVaultLock(min, max, changeable);

        var state = call.State;
        lock (state.Gate)
        {
            var vault = Find(state, input.BackupVaultName!);
            RefuseAirGapped(vault);
            var now = call.Now;
            if (vault.Lock is { } current && current.IsImmutableAt(now))
            {
                throw BackupApiError.InvalidRequest(
                    $"The Vault Lock of backup vault '{vault.Name}' is in compliance mode and became immutable on {current.LockDate:O}; it can no longer be changed.");
            }

            vault.Lock = new VaultLockRecord(min, max, changeable, changeable is { } d ? now.AddDays(d) : null);
            return EmptyOutput.Instance;
        }
    }

    public static EmptyOutput DeleteLock(CallContext call, DeleteBackupVaultLockConfigurationInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var vault = Find(state, input.BackupVaultName!);
            RefuseAirGapped(vault);
            if (vault.Lock is { } current && current.IsImmutableAt(call.Now))
            {
                throw BackupApiError.InvalidRequest(
                    $"The Vault Lock of backup vault '{vault.Name}' is in compliance mode and became immutable on {current.LockDate:O}; it cannot be deleted.");
            }

            vault.Lock = null;
            return EmptyOutput.Instance;
        }
    }

    internal static VaultRecord Find(RegionState state, string name) =>
        state.Vaults.TryGetValue(name, out var vault)
            ? vault
            : throw BackupApiError.NotFound($"Backup vault '{name}' does not exist in account {state.AccountId}, region {state.Region}.");

    private static void RefuseAirGapped(VaultRecord vault)
    {
        if (vault.IsLogicallyAirGapped)
        {
            throw BackupApiError.InvalidRequest(
                $"Backup vault '{vault.Name}' is logically air-gapped: its retention lock is set when it is created and cannot be changed or removed.");
        }
    }

    private static void CheckPolicyDocument(string policy)
    {
        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("Statement", out _))
            {
                throw BackupApiError.InvalidParameter("Policy is not a valid IAM policy document: it must be a JSON object with a Statement.");
            }
        }
        catch (JsonException ex)
        {
            throw BackupApiError.InvalidParameter($"Policy is not a valid IAM policy document: {ex.Message}");
        }
    }
}
