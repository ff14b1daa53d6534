using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Rules;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// On-demand backup jobs: start (idempotent by IdempotencyToken), describe, list with AWS's filters, stop. Jobs move
/// through their states with the emulator clock (<see cref="BackupJobEngine"/>).
/// </summary>
internal static class BackupJobOperations
{
    public const long DefaultStartWindowMinutes = AwsFacts.DefaultStartWindowMinutes;

    public static StartBackupJobOutput Start(CallContext call, StartBackupJobInput input)
    {
        var resourceType = ResourceTypes.Of(input.ResourceArn!);
        if (input.StartWindowMinutes is { } startWindow && (startWindow < AwsFacts.MinStartWindowMinutes || startWindow > AwsFacts.MaxWindowMinutes))
        {
            throw BackupApiError.InvalidParameter($"StartWindowMinutes must be between {AwsFacts.MinStartWindowMinutes} and {AwsFacts.MaxWindowMinutes}; got {startWindow}.");
        }

        if (input.CompleteWindowMinutes is { } completeWindow && (completeWindow < 1 || completeWindow > AwsFacts.MaxWindowMinutes))
        {
            throw BackupApiError.InvalidParameter($"CompleteWindowMinutes must be between 1 and {AwsFacts.MaxWindowMinutes}; got {completeWindow}.");
        }

        RequestRules.CheckLifecycle(input.Lifecycle);
        if (input.LogicallyAirGappedBackupVaultArn is not null)
        {
            throw BackupApiError.InvalidParameter("BackupKit.Local has no logically air-gapped vaults; LogicallyAirGappedBackupVaultArn names a vault that does not exist.");
        }

        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            if (input.IdempotencyToken is { } token)
            {
                foreach (var existing in state.Jobs.Values)
                {
                    if (existing.IdempotencyToken == token)
                    {
                        // A retried start with the same token succeeds and starts nothing new.
                        return new StartBackupJobOutput { BackupJobId = existing.Id, RecoveryPointArn = existing.RecoveryPointArn, CreationDate = existing.CreationDate, IsParent = false };
                    }
                }
            }

            var vault = BackupVaultOperations.Find(state, input.BackupVaultName!);
            var resource = state.Resources.Find(input.ResourceArn!);
            var job = new BackupJobRecord
            {
                Id = state.NewGuid().ToString("D").ToUpperInvariant(),
                Sequence = state.NextSequence(),
                VaultName = vault.Name,
                VaultArn = vault.Arn,
                ResourceArn = input.ResourceArn!,
                ResourceType = resourceType,
                IamRoleArn = input.IamRoleArn!,
                RecoveryPointArn = ResourceTypes.RecoveryPointArn(resourceType, input.ResourceArn!, state.Region, state.AccountId, now, state.NewGuid()),
                CreationDate = now,
                StartBy = now.AddMinutes(input.StartWindowMinutes ?? DefaultStartWindowMinutes),
                CompleteBy = input.CompleteWindowMinutes is { } minutes ? now.AddMinutes(minutes) : null,
                FinishAt = now + (resource is null ? BackupJobEngine.RunDuration : JobDurations.Backup(resource.ResourceType, resource.SizeInBytes)),
                IsModeled = resource is not null,
                IdempotencyToken = input.IdempotencyToken,
                Lifecycle = input.Lifecycle,
                RecoveryPointTags = input.RecoveryPointTags,
                BackupOptions = input.BackupOptions,
            };
            state.AddJob(job);
            return new StartBackupJobOutput { BackupJobId = job.Id, RecoveryPointArn = job.RecoveryPointArn, CreationDate = job.CreationDate, IsParent = false };
        }
    }

    public static DescribeBackupJobOutput Describe(CallContext call, DescribeBackupJobInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var job = Find(state, input.BackupJobId!);
            return ToDescribeOutput(state, job);
        }
    }

    public static ListBackupJobsOutput List(CallContext call, ListBackupJobsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var jobs = new List<BackupJobRecord>();
            if (input.ByAccountId is null || input.ByAccountId == state.AccountId)
            {
                foreach (var job in state.Jobs.Values)
                {
                    if (Matches(job, input))
                    {
                        jobs.Add(job);
                    }
                }
            }

            var members = Paging.List(jobs, static j => j.Sequence, input.NextToken, input.MaxResults, out var next, job => ToListMember(state, job));

            return new ListBackupJobsOutput { BackupJobs = members, NextToken = next };
        }
    }

    public static EmptyOutput Stop(CallContext call, StopBackupJobInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            var job = Find(state, input.BackupJobId!);
            if (job.IsFinished)
            {
                throw BackupApiError.InvalidRequest($"Backup job {job.Id} is {job.State} and can no longer be stopped.");
            }

            job.State = BackupJobState.ABORTED;
            job.StatusMessage = "The backup job was stopped (StopBackupJob).";
            job.CompletionDate = now;
            return EmptyOutput.Instance;
        }
    }

    /// <summary>A backup job as DescribeBackupJob renders it.</summary>
    private static DescribeBackupJobOutput ToDescribeOutput(RegionState state, BackupJobRecord job) => new()
    {
        AccountId = state.AccountId,
        BackupJobId = job.Id,
        BackupVaultName = job.VaultName,
        BackupVaultArn = job.VaultArn,
        RecoveryPointArn = job.RecoveryPointArn,
        RecoveryPointLifecycle = job.Lifecycle,
        ResourceArn = job.ResourceArn,
        ResourceType = job.ResourceType,
        ResourceName = Inventory.ResourceArns.NameOf(job.ResourceArn),
        IamRoleArn = job.IamRoleArn,
        CreationDate = job.CreationDate,
        CompletionDate = job.CompletionDate,
        State = job.State,
        StatusMessage = job.StatusMessage,
        PercentDone = PercentDone(job),
        BackupSizeInBytes = job.BackupSizeInBytes,
        BytesTransferred = job.BackupSizeInBytes,
        ExpectedCompletionDate = job.FinishAt,
        StartBy = job.StartBy,
        BackupOptions = job.BackupOptions,
        IsParent = false,
        InitiationDate = job.CreationDate,
        CreatedBy = job.CreatedBy,
    };

    /// <summary>A backup job as ListBackupJobs renders it.</summary>
    private static BackupJob ToListMember(RegionState state, BackupJobRecord job) => new()
    {
        AccountId = state.AccountId,
        BackupJobId = job.Id,
        BackupVaultName = job.VaultName,
        BackupVaultArn = job.VaultArn,
        RecoveryPointArn = job.RecoveryPointArn,
        RecoveryPointLifecycle = job.Lifecycle,
        ResourceArn = job.ResourceArn,
        ResourceType = job.ResourceType,
        ResourceName = Inventory.ResourceArns.NameOf(job.ResourceArn),
        IamRoleArn = job.IamRoleArn,
        CreationDate = job.CreationDate,
        CompletionDate = job.CompletionDate,
        State = job.State,
        StatusMessage = job.StatusMessage,
        PercentDone = PercentDone(job),
        BackupSizeInBytes = job.BackupSizeInBytes,
        BytesTransferred = job.BackupSizeInBytes,
        ExpectedCompletionDate = job.FinishAt,
        StartBy = job.StartBy,
        BackupOptions = job.BackupOptions,
        IsParent = false,
        InitiationDate = job.CreationDate,
        CreatedBy = job.CreatedBy,
    };

    private static bool Matches(BackupJobRecord job, ListBackupJobsInput input) =>
        (input.ByResourceArn is null || input.ByResourceArn == job.ResourceArn)
        && (input.ByState is not { } byState || byState == job.State)
        && (input.ByBackupVaultName is null || input.ByBackupVaultName == job.VaultName)
        && (input.ByCreatedBefore is not { } before || job.CreationDate < before)
        && (input.ByCreatedAfter is not { } after || job.CreationDate > after)
        && (input.ByResourceType is null || input.ByResourceType == job.ResourceType)
        && (input.ByCompleteBefore is not { } completeBefore || job.CompletionDate < completeBefore)
        && (input.ByCompleteAfter is not { } completeAfter || job.CompletionDate > completeAfter)
        && input.ByParentJobId is null
        && (input.ByMessageCategory is null || input.ByMessageCategory == "ANY"
            || (input.ByMessageCategory == "SUCCESS" && job.State == BackupJobState.COMPLETED)
            || (input.ByMessageCategory == "ABORTED" && job.State == BackupJobState.ABORTED)
            || (input.ByMessageCategory == "FAILED" && job.State == BackupJobState.FAILED));

    private static string PercentDone(BackupJobRecord job) =>
        job.State == BackupJobState.COMPLETED ? "100.0" : job.State == BackupJobState.RUNNING ? "50.0" : "0.0";

    private static BackupJobRecord Find(RegionState state, string jobId) =>
        state.Jobs.TryGetValue(jobId, out var job)
            ? job
            : throw BackupApiError.NotFound($"Backup job {jobId} does not exist in account {state.AccountId}, region {state.Region}.");
}
