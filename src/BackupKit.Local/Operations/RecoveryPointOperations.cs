using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// Recovery points: list by vault or by resource, describe, delete and change the lifecycle, all refused in a locked
/// vault (Vault Lock forbids deleting recovery points or changing their retention, in governance and compliance mode).
/// </summary>
internal static class RecoveryPointOperations
{
    public static ListRecoveryPointsByBackupVaultOutput ListByVault(CallContext call, ListRecoveryPointsByBackupVaultInput input)
    {
        CheckOwnAccount(call, input.BackupVaultAccountId);
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vault = BackupVaultOperations.Find(state, input.BackupVaultName!);
            var points = new List<RecoveryPointRecord>();
            foreach (var point in vault.RecoveryPoints.Values)
            {
                if ((input.ByResourceArn is null || input.ByResourceArn == point.ResourceArn)
                    && (input.ByResourceType is null || input.ByResourceType == point.ResourceType)
                    && (input.ByCreatedBefore is not { } before || point.CreationDate < before)
                    && (input.ByCreatedAfter is not { } after || point.CreationDate > after)
                    && (input.ByBackupPlanId is null || input.ByBackupPlanId == point.CreatedBy?.BackupPlanId)
                    && input.ByParentRecoveryPointArn is null)
                {
                    points.Add(point);
                }
            }

            var members = Paging.List(points, static p => p.Sequence, input.NextToken, input.MaxResults, out var next, point => ToByVaultMember(point, vault));

            return new ListRecoveryPointsByBackupVaultOutput { RecoveryPoints = members, NextToken = next };
        }
    }

    public static ListRecoveryPointsByResourceOutput ListByResource(CallContext call, ListRecoveryPointsByResourceInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var points = new List<(RecoveryPointRecord Point, VaultRecord Vault)>();
            foreach (var vault in state.Vaults.Values)
            {
                foreach (var point in vault.RecoveryPoints.Values)
                {
                    if (point.ResourceArn == input.ResourceArn)
                    {
                        points.Add((point, vault));
                    }
                }
            }

            var members = Paging.List(points, static p => p.Point.Sequence, input.NextToken, input.MaxResults, out var next, static p => ToByResourceMember(p.Point, p.Vault));
            return new ListRecoveryPointsByResourceOutput { RecoveryPoints = members, NextToken = next };
        }
    }

    public static DescribeRecoveryPointOutput Describe(CallContext call, DescribeRecoveryPointInput input)
    {
        CheckOwnAccount(call, input.BackupVaultAccountId);
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vault = BackupVaultOperations.Find(state, input.BackupVaultName!);
            var point = Find(vault, input.RecoveryPointArn!);
            return ToDescribeOutput(point, vault);
        }
    }

    /// <summary>A recovery point as ListRecoveryPointsByBackupVault renders it.</summary>
    private static RecoveryPointByBackupVault ToByVaultMember(RecoveryPointRecord point, VaultRecord vault) => new()
    {
        RecoveryPointArn = point.Arn,
        BackupVaultName = vault.Name,
        BackupVaultArn = vault.Arn,
        ResourceArn = point.ResourceArn,
        ResourceType = point.ResourceType,
        ResourceName = Inventory.ResourceArns.NameOf(point.ResourceArn),
        IamRoleArn = point.IamRoleArn,
        CreatedBy = point.CreatedBy,
        Status = point.Status,
        StatusMessage = point.StatusMessage,
        CreationDate = point.CreationDate,
        InitiationDate = point.CreationDate,
        CompletionDate = point.CompletionDate,
        BackupSizeInBytes = point.BackupSizeInBytes,
        CalculatedLifecycle = Calculated(point),
        Lifecycle = point.Lifecycle,
        EncryptionKeyArn = point.EncryptionKeyArn,
        IsEncrypted = true,
        IsParent = false,
        VaultType = BackupVaultOperations.TypeOf(vault),
    };

    /// <summary>A recovery point as ListRecoveryPointsByResource renders it.</summary>
    private static RecoveryPointByResource ToByResourceMember(RecoveryPointRecord point, VaultRecord vault) => new()
    {
        RecoveryPointArn = point.Arn,
        CreationDate = point.CreationDate,
        Status = point.Status,
        StatusMessage = point.StatusMessage,
        EncryptionKeyArn = point.EncryptionKeyArn,
        BackupSizeBytes = point.BackupSizeInBytes,
        BackupVaultName = vault.Name,
        IsParent = false,
        VaultType = BackupVaultOperations.TypeOf(vault),
    };

    /// <summary>A recovery point as DescribeRecoveryPoint renders it.</summary>
    private static DescribeRecoveryPointOutput ToDescribeOutput(RecoveryPointRecord point, VaultRecord vault) => new()
    {
        RecoveryPointArn = point.Arn,
        BackupVaultName = vault.Name,
        BackupVaultArn = vault.Arn,
        ResourceArn = point.ResourceArn,
        ResourceType = point.ResourceType,
        ResourceName = Inventory.ResourceArns.NameOf(point.ResourceArn),
        IamRoleArn = point.IamRoleArn,
        CreatedBy = point.CreatedBy,
        Status = point.Status,
        StatusMessage = point.StatusMessage,
        CreationDate = point.CreationDate,
        InitiationDate = point.CreationDate,
        CompletionDate = point.CompletionDate,
        BackupSizeInBytes = point.BackupSizeInBytes,
        CalculatedLifecycle = Calculated(point),
        Lifecycle = point.Lifecycle,
        EncryptionKeyArn = point.EncryptionKeyArn,
        IsEncrypted = true,
        StorageClass = point.StorageClass,
        IsParent = false,
        VaultType = BackupVaultOperations.TypeOf(vault),
    };

    public static EmptyOutput Delete(CallContext call, DeleteRecoveryPointInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vault = BackupVaultOperations.Find(state, input.BackupVaultName!);
            var point = Find(vault, input.RecoveryPointArn!);
            RefuseWhenLocked(vault, "deleted");
            if (state.IsUnderLegalHold(point.Arn))
            {
                throw BackupApiError.InvalidRequest($"Recovery point {point.Arn} is under an active legal hold and cannot be deleted.");
            }

            vault.RecoveryPoints.Remove(point.Arn);
            if (point.IsContinuous)
            {
                ContinuousBackup.Forget(state, vault.Name, point.ResourceArn);
            }
            return EmptyOutput.Instance;
        }
    }

    public static UpdateRecoveryPointLifecycleOutput UpdateLifecycle(CallContext call, UpdateRecoveryPointLifecycleInput input)
    {
        RequestRules.CheckLifecycle(input.Lifecycle);
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            var vault = BackupVaultOperations.Find(state, input.BackupVaultName!);
            var point = Find(vault, input.RecoveryPointArn!);
            RefuseWhenLocked(vault, "given a new lifecycle");
            var lifecycle = input.Lifecycle ?? new Lifecycle();
            if (point.StorageClass == StorageClass.COLD && lifecycle.MoveToColdStorageAfterDays != point.Lifecycle?.MoveToColdStorageAfterDays)
            {
                throw BackupApiError.InvalidParameter($"Recovery point {point.Arn} is already in cold storage; its MoveToColdStorageAfterDays can no longer change.");
            }

            if (lifecycle.MoveToColdStorageAfterDays is { } cold && point.StorageClass == StorageClass.WARM
                && point.CreationDate.AddDays(cold) <= now)
            {
                var age = (int)(now - point.CreationDate).TotalDays;
                throw BackupApiError.InvalidParameter($"MoveToColdStorageAfterDays must be at least {age + 1}: recovery point {point.Arn} is already {age} days old.");
            }

            point.Lifecycle = lifecycle;
            state.WatchLifecycle(point);
            return new UpdateRecoveryPointLifecycleOutput
            {
                BackupVaultArn = vault.Arn,
                RecoveryPointArn = point.Arn,
                Lifecycle = lifecycle,
                CalculatedLifecycle = Calculated(point),
            };
        }
    }

    /// <summary>
    /// DisassociateRecoveryPoint: removes a continuous recovery point from AWS Backup and hands its continuous backup back
    /// to the source service. AWS Backup keeps no continuous point for the resource in that vault any more: the plan's
    /// continuous rule takes snapshots of it from then on. Snapshots, held points and locked vaults are refused.
    /// </summary>
    public static EmptyOutput Disassociate(CallContext call, DisassociateRecoveryPointInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vault = BackupVaultOperations.Find(state, input.BackupVaultName!);
            var point = Find(vault, input.RecoveryPointArn!);
            if (!point.IsContinuous)
            {
                throw BackupApiError.InvalidRequest(
                    $"Recovery point {point.Arn} is a snapshot; DisassociateRecoveryPoint only supports continuous backup recovery points (delete a snapshot with DeleteRecoveryPoint).");
            }

            if (state.IsUnderLegalHold(point.Arn))
            {
                throw BackupApiError.InvalidRequest($"Recovery point {point.Arn} is under an active legal hold and cannot be disassociated.");
            }

            RefuseWhenLocked(vault, "disassociated");
            vault.RecoveryPoints.Remove(point.Arn);
            ContinuousBackup.Forget(state, vault.Name, point.ResourceArn);
            state.DisassociatedContinuous.Add((vault.Name, point.ResourceArn));
            return EmptyOutput.Instance;
        }
    }

    /// <summary>
    /// DisassociateRecoveryPointFromParent: the emulator makes no composite recovery points, so every existing point has
    /// no parent and the request is refused as AWS refuses it for a point that is not a child.
    /// </summary>
    public static EmptyOutput DisassociateFromParent(CallContext call, DisassociateRecoveryPointFromParentInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var vault = BackupVaultOperations.Find(state, input.BackupVaultName!);
            var point = Find(vault, input.RecoveryPointArn!);
            throw BackupApiError.InvalidRequest(
                $"Recovery point {point.Arn} is not a child (nested) recovery point of a composite recovery point; it has no parent to be disassociated from.");
        }
    }

    /// <summary>A recovery point's tags, for TagResource on recovery point ARNs.</summary>
    internal static Dictionary<string, string>? TagsOf(RegionState state, string arn)
    {
        foreach (var vault in state.Vaults.Values)
        {
            if (vault.RecoveryPoints.TryGetValue(arn, out var point))
            {
                return point.Tags;
            }
        }

        return null;
    }

    private static void RefuseWhenLocked(VaultRecord vault, string what)
    {
        if (vault.Lock is not null)
        {
            throw BackupApiError.InvalidRequest($"Backup vault {vault.Name} has a Vault Lock: its recovery points cannot be {what}.");
        }
    }

    private static CalculatedLifecycle? Calculated(RecoveryPointRecord point) =>
        point.MoveToColdStorageAt is null && point.DeleteAt is null
            ? null
            : new CalculatedLifecycle { MoveToColdStorageAt = point.MoveToColdStorageAt, DeleteAt = point.DeleteAt };

    private static RecoveryPointRecord Find(VaultRecord vault, string arn) =>
        vault.RecoveryPoints.TryGetValue(arn, out var point)
            ? point
            : throw BackupApiError.NotFound($"Backup vault {vault.Name} has no recovery point {arn}.");

    private static void CheckOwnAccount(CallContext call, string? accountId)
    {
        if (accountId is not null && accountId != call.AccountId)
        {
            throw BackupApiError.NotFound($"No backup vault of account {accountId} is shared with account {call.AccountId}.");
        }
    }
}
