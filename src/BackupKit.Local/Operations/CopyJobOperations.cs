using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Copy jobs: copy a recovery point into a vault of the same or another region or account. The copy keeps the source's
/// creation date (retention counts from it) and takes the given lifecycle, or the source's. A destination lock whose
/// retention range the copy breaks, or a cross-account destination whose access policy does not allow
/// <c>backup:CopyIntoBackupVault</c>, fails the job (the call itself is accepted), as AWS does.
/// </summary>
internal static class CopyJobOperations
{
    public static StartCopyJobOutput Start(CallContext call, StartCopyJobInput input)
    {
        RequestRules.CheckLifecycle(input.Lifecycle);
        var (destinationRegion, destinationAccount, destinationVaultName) = ParseVaultArn(input.DestinationBackupVaultArn!);
        var source = call.State;
        var now = call.Now;

        // Read the source, then the destination, then record the job, then send the copy: one region lock at a time.
        RecoveryPointRecord point;
        string sourceVaultArn;
        lock (source.Gate)
        {
            BackupJobEngine.Advance(source, now);
            if (FindByToken(source, input.IdempotencyToken) is { } existing)
            {
                // A retried start with the same token succeeds and copies nothing new.
                return new StartCopyJobOutput { CopyJobId = existing.Id, CreationDate = existing.CreationDate, IsParent = false };
            }

            var sourceVault = BackupVaultOperations.Find(source, input.SourceBackupVaultName!);
            point = sourceVault.RecoveryPoints.TryGetValue(input.RecoveryPointArn!, out var found)
                ? found
                : throw BackupApiError.NotFound($"Backup vault {sourceVault.Name} has no recovery point {input.RecoveryPointArn}.");
            if (point.StorageClass == StorageClass.COLD)
            {
                throw BackupApiError.InvalidRequest($"Recovery point {point.Arn} is in cold storage; backups in cold storage cannot be copied.");
            }

            if (point.IsContinuous)
            {
                throw BackupApiError.InvalidRequest($"Recovery point {point.Arn} is a continuous backup; StartCopyJob does not copy continuous recovery points (copy a snapshot instead).");
            }

            sourceVaultArn = sourceVault.Arn;
        }

        var lifecycle = input.Lifecycle ?? point.Lifecycle;
        // An account or region nobody has used holds no vault: the copy fails without creating state for it.
        var destination = call.Emulator.Existing(destinationAccount, destinationRegion) ?? new RegionState(destinationAccount, destinationRegion);
        string? failure;
        string? encryptionKeyArn = null;
        lock (destination.Gate)
        {
            BackupJobEngine.Advance(destination, now);
            destination.Vaults.TryGetValue(destinationVaultName, out var vault);
            failure = DestinationRefusal(vault, input.DestinationBackupVaultArn!, destinationAccount, call.AccountId, lifecycle, out encryptionKeyArn, call.Emulator);
        }

        CopyJobRecord job;
        lock (source.Gate)
        {
            // Checked again: a concurrent start with the same token may have recorded its job meanwhile.
            if (FindByToken(source, input.IdempotencyToken) is { } raced)
            {
                return new StartCopyJobOutput { CopyJobId = raced.Id, CreationDate = raced.CreationDate, IsParent = false };
            }

            job = new CopyJobRecord
            {
                Id = call.State.NewGuid().ToString("D").ToUpperInvariant(),
                Sequence = source.NextSequence(),
                SourceBackupVaultArn = sourceVaultArn,
                SourceRecoveryPointArn = point.Arn,
                DestinationBackupVaultArn = input.DestinationBackupVaultArn!,
                DestinationRecoveryPointArn = failure is null
                    ? ResourceTypes.CopyRecoveryPointArn(point.ResourceType, point.ResourceArn, destinationRegion, destinationAccount, point.CreationDate, call.State.NewGuid())
                    : null,
                DestinationLifecycle = lifecycle,
                ResourceArn = point.ResourceArn,
                ResourceType = point.ResourceType,
                IamRoleArn = input.IamRoleArn!,
                IdempotencyToken = input.IdempotencyToken,
                CreationDate = now,
                BackupSizeInBytes = point.BackupSizeInBytes,
                FailureMessage = failure,
            };
            source.CopyJobs.Add(job.Id, job);
        }

        if (job.DestinationRecoveryPointArn is { } copyArn)
        {
            lock (destination.Gate)
            {
                var copy = new RecoveryPointRecord
                {
                    Arn = copyArn,
                    Sequence = destination.NextSequence(),
                    VaultName = destinationVaultName,
                    ResourceArn = point.ResourceArn,
                    ResourceType = point.ResourceType,
                    IamRoleArn = input.IamRoleArn!,
                    CreationDate = point.CreationDate,
                    CompletionDate = now + BackupJobEngine.RunDuration,
                    BackupSizeInBytes = point.BackupSizeInBytes,
                    EncryptionKeyArn = encryptionKeyArn,
                    CreatedBy = point.CreatedBy,
                    Lifecycle = lifecycle,
                    Content = point.Content,
                    SourceSizeInBytes = point.SourceSizeInBytes,
                    SourceTags = point.SourceTags,
                };
                destination.IncomingCopies.Add(new PendingCopy(destinationVaultName, now + BackupJobEngine.RunDuration, copy));
            }
        }

        return new StartCopyJobOutput { CopyJobId = job.Id, CreationDate = job.CreationDate, IsParent = false };
    }

    public static DescribeCopyJobOutput Describe(CallContext call, DescribeCopyJobInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var job = state.CopyJobs.TryGetValue(input.CopyJobId!, out var found)
                ? found
                : throw BackupApiError.NotFound($"Copy job {input.CopyJobId} does not exist in account {state.AccountId}, region {state.Region}.");
            return new DescribeCopyJobOutput { CopyJob = Member(state, job, call.Now) };
        }
    }

    public static ListCopyJobsOutput List(CallContext call, ListCopyJobsInput input)
    {
        var state = call.State;
        var now = call.Now;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, now);
            var jobs = new List<CopyJobRecord>();
            if ((input.ByAccountId is null || input.ByAccountId == state.AccountId) && input.ByParentJobId is null)
            {
                foreach (var job in state.CopyJobs.Values)
                {
                    var (jobState, completion) = StateAt(job, now);
                    if ((input.ByResourceArn is null || input.ByResourceArn == job.ResourceArn)
                        && (input.ByState is not { } byState || byState == jobState)
                        && (input.ByCreatedBefore is not { } before || job.CreationDate < before)
                        && (input.ByCreatedAfter is not { } after || job.CreationDate > after)
                        && (input.ByResourceType is null || input.ByResourceType == job.ResourceType)
                        && (input.ByDestinationVaultArn is null || input.ByDestinationVaultArn == job.DestinationBackupVaultArn)
                        && (input.ByCompleteBefore is not { } completeBefore || completion < completeBefore)
                        && (input.ByCompleteAfter is not { } completeAfter || completion > completeAfter)
                        && (input.BySourceRecoveryPointArn is null || input.BySourceRecoveryPointArn == job.SourceRecoveryPointArn))
                    {
                        jobs.Add(job);
                    }
                }
            }

            var members = Paging.List(jobs, static j => j.Sequence, input.NextToken, input.MaxResults, out var next, job => Member(state, job, now));

            return new ListCopyJobsOutput { CopyJobs = members, NextToken = next };
        }
    }

    internal static (CopyJobState State, DateTimeOffset? Completion) StateAt(CopyJobRecord job, DateTimeOffset now)
    {
        if (now < job.CreationDate + BackupJobEngine.StartDelay)
        {
            return (CopyJobState.CREATED, null);
        }

        var finish = job.CreationDate + BackupJobEngine.RunDuration;
        if (now < finish)
        {
            return (CopyJobState.RUNNING, null);
        }

        return (job.FailureMessage is null ? CopyJobState.COMPLETED : CopyJobState.FAILED, finish);
    }

    private static CopyJob Member(RegionState state, CopyJobRecord job, DateTimeOffset now)
    {
        var (jobState, completion) = StateAt(job, now);
        return new CopyJob
        {
            AccountId = state.AccountId,
            CopyJobId = job.Id,
            SourceBackupVaultArn = job.SourceBackupVaultArn,
            SourceRecoveryPointArn = job.SourceRecoveryPointArn,
            DestinationBackupVaultArn = job.DestinationBackupVaultArn,
            DestinationRecoveryPointArn = jobState == CopyJobState.COMPLETED ? job.DestinationRecoveryPointArn : null,
            DestinationRecoveryPointLifecycle = job.DestinationLifecycle,
            ResourceArn = job.ResourceArn,
            ResourceType = job.ResourceType,
            CreationDate = job.CreationDate,
            CompletionDate = completion,
            State = jobState,
            StatusMessage = jobState == CopyJobState.FAILED ? job.FailureMessage : null,
            BackupSizeInBytes = job.BackupSizeInBytes,
            IamRoleArn = job.IamRoleArn,
            CreatedBy = job.CreatedBy,
            CreatedByBackupJobId = job.CreatedByBackupJobId,
            ResourceName = Inventory.ResourceArns.NameOf(job.ResourceArn),
            IsParent = false,
        };
    }

    /// <summary>
    /// Why a destination vault refuses a copy (it is missing; across accounts, its access policy does not allow
    /// <c>backup:CopyIntoBackupVault</c>; its lock's retention range does not allow the copy's lifecycle), or null when
    /// it accepts it. Shared by StartCopyJob and the copy actions of backup rules.
    /// </summary>
    internal static string? DestinationRefusal(VaultRecord? vault, string destinationArn, string destinationAccount, string sourceAccount, Lifecycle? lifecycle, out string? encryptionKeyArn, EmulatorState? emulator)
    {
        encryptionKeyArn = null;
        if (vault is null)
        {
            return $"Destination backup vault {destinationArn} does not exist.";
        }

        if (destinationAccount != sourceAccount && emulator is not null && !emulator.Global.IsCrossAccountBackupEnabled)
        {
            return $"Cross-account backup is turned off for the organization (UpdateGlobalSettings isCrossAccountBackupEnabled=false): account {sourceAccount} cannot copy into {destinationArn}.";
        }

        if (destinationAccount != sourceAccount && !AllowsCopyFrom(vault.AccessPolicy))
        {
            return $"Access denied: the access policy of {vault.Arn} does not allow backup:CopyIntoBackupVault from account {sourceAccount}.";
        }

        encryptionKeyArn = vault.EncryptionKeyArn;
        return vault.Lock is { } vaultLock ? BackupJobEngine.RetentionBreaksLock(lifecycle, vaultLock) : null;
    }

    private static CopyJobRecord? FindByToken(RegionState state, string? token)
    {
        if (token is null)
        {
            return null;
        }

        foreach (var job in state.CopyJobs.Values)
        {
            if (job.IdempotencyToken == token)
            {
                return job;
            }
        }

        return null;
    }

    private static bool AllowsCopyFrom(string? policy) =>
        policy is not null && (policy.Contains("backup:CopyIntoBackupVault", StringComparison.Ordinal) || policy.Contains("\"backup:*\"", StringComparison.Ordinal));

    private static (string Region, string Account, string VaultName) ParseVaultArn(string arn)
    {
        if (!RequestRules.IsVaultArn(arn))
        {
            throw BackupApiError.InvalidParameter($"DestinationBackupVaultArn '{arn}' is not a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>).");
        }

        var parts = arn.Split(':');
        return (parts[3], parts[4], parts[6]);
    }
}
