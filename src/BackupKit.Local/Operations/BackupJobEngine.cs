using BackupKit.Local.State;
using BackupKit.Rules;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Moves backup plans, jobs, copies, restores and recovery points along with the emulator clock, lazily: every
/// operation that reads or changes them (and every change of the inventory) first brings the region up to "now".
/// Plans start a job per scheduled run and selected resource (<see cref="SelectionMatcher"/>). A backup job is
/// CREATED, RUNNING one minute later (when it reads the resource's content) and finishes after the time
/// <see cref="JobDurations"/> gives for the resource's type and size (ten minutes from creation for resources the
/// inventory does not model): COMPLETED with a recovery point in its vault, or FAILED when the resource or vault is
/// gone or the vault's lock does not allow the job's retention. A completed job runs its rule's copy actions
/// (<see cref="CopyActionRunner"/>). Restore jobs move as <see cref="RestoreJobEngine"/> says; restore testing plans
/// run as <see cref="RestoreTestingEngine"/> says. Recovery points move to
/// cold storage and expire at the dates their lifecycle gives. Finished jobs are kept for 30 days, the job history
/// AWS Backup lists. Call under the region gate.
/// </summary>
internal static class BackupJobEngine
{
    public static readonly TimeSpan StartDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RunDuration = TimeSpan.FromMinutes(10);

    /// <summary>How long finished jobs stay listable (ListBackupJobs covers the last 30 days).</summary>
    public static readonly TimeSpan JobHistory = TimeSpan.FromDays(30);

    /// <summary>The size the emulator reports for backups of resources the inventory does not model.</summary>
    public const long BackupSizeInBytes = 1024 * 1024;

    /// <summary>The most scheduled runs of one rule started by one catch-up; older missed runs are skipped.</summary>
    public const int MaxRunsPerCatchUp = 1000;

    public static void Advance(RegionState state, DateTimeOffset now)
    {
        foreach (var plan in state.Plans.Values)
        {
            RunSchedules(state, plan, now);
        }

        if (state.ActiveJobs.Count > 0)
        {
            var active = state.ActiveJobs;
            var kept = 0;
            for (var i = 0; i < active.Count; i++)
            {
                var job = active[i];
                if (!job.IsFinished)
                {
                    AdvanceJob(state, job, now);
                }

                if (!job.IsFinished)
                {
                    active[kept++] = job;
                }
            }

            active.RemoveRange(kept, active.Count - kept);
        }

        ReceiveCopies(state, now);

        // Restore tests pick among the points that exist now (copies received included, expiries not yet applied).
        RestoreTestingEngine.StartDue(state, now);
        RestoreJobEngine.Advance(state, now);
        RestoreTestingEngine.DeleteRestored(state, now);
        ApplyLifecycles(state, now);
        PruneHistory(state, now);
    }

    private static void ReceiveCopies(RegionState state, DateTimeOffset now)
    {
        while (state.CopyInbox.TryDequeue(out var sent))
        {
            state.IncomingCopies.Add(sent);
        }

        for (var i = state.IncomingCopies.Count - 1; i >= 0; i--)
        {
            var copy = state.IncomingCopies[i];
            if (copy.ArrivesAt <= now)
            {
                state.IncomingCopies.RemoveAt(i);

                // A vault deleted while the copy was on its way receives nothing.
                if (state.Vaults.TryGetValue(copy.VaultName, out var destination))
                {
                    copy.Point.Sequence = state.NextSequence();
                    state.AddRecoveryPoint(destination, copy.Point);
                }
            }
        }
    }

    private static void ApplyLifecycles(RegionState state, DateTimeOffset now)
    {
        if (now < state.NextLifecycleEventAt)
        {
            return;
        }

        var next = DateTimeOffset.MaxValue;
        foreach (var vault in state.Vaults.Values)
        {
            if (vault.RecoveryPoints.Count == 0)
            {
                continue;
            }

            List<RecoveryPointRecord>? expired = null;
            foreach (var point in vault.RecoveryPoints.Values)
            {
                var held = state.IsUnderLegalHold(point.Arn);
                if (point.DeleteAt is { } deleteAt && !held && point.Status != RecoveryPointStatus.EXPIRED)
                {
                    if (deleteAt <= now)
                    {
                        if (state.Emulator?.Faults?.TakeExpiryFailure(point.ResourceArn) is { } reason)
                        {
                            // AWS Backup could not delete it: the point stays, EXPIRED, until someone deletes it.
                            point.Status = RecoveryPointStatus.EXPIRED;
                            point.StatusMessage = reason;
                            continue;
                        }

                        (expired ??= []).Add(point);
                        continue;
                    }

                    next = deleteAt < next ? deleteAt : next;
                }

                if (point.MoveToColdStorageAt is { } coldAt && point.StorageClass == StorageClass.WARM
                    && ResourceTypes.SupportsColdStorage(point.ResourceType, point.Lifecycle?.OptInToArchiveForSupportedResources == true))
                {
                    if (coldAt <= now)
                    {
                        point.StorageClass = StorageClass.COLD;
                    }
                    else
                    {
                        next = coldAt < next ? coldAt : next;
                    }
                }
            }

            foreach (var point in expired ?? [])
            {
                // Lifecycle deletion goes ahead in locked vaults too (the lock only stops early deletion), not under a legal hold.
                vault.RecoveryPoints.Remove(point.Arn);
                if (point.IsContinuous)
                {
                    ContinuousBackup.Forget(state, vault.Name, point.ResourceArn);
                }
            }
        }

        state.NextLifecycleEventAt = next;
    }

    private static void PruneHistory(RegionState state, DateTimeOffset now)
    {
        if (now < state.NextJobPruneAt)
        {
            return;
        }

        state.NextJobPruneAt = now.AddDays(1);
        var cutoff = now - JobHistory;
        List<string>? old = null;
        foreach (var job in state.Jobs.Values)
        {
            if (job.IsFinished && job.CompletionDate < cutoff)
            {
                (old ??= []).Add(job.Id);
            }
        }

        foreach (var id in old ?? [])
        {
            state.Jobs.Remove(id);
        }

        old?.Clear();
        foreach (var copy in state.CopyJobs.Values)
        {
            if (copy.CreationDate + RunDuration < cutoff)
            {
                (old ??= []).Add(copy.Id);
            }
        }

        foreach (var id in old ?? [])
        {
            state.CopyJobs.Remove(id);
        }

        old?.Clear();
        foreach (var restore in state.RestoreJobs.Values)
        {
            if (restore.IsFinished && restore.CompletionDate < cutoff)
            {
                (old ??= []).Add(restore.Id);
            }
        }

        foreach (var id in old ?? [])
        {
            state.RestoreJobs.Remove(id);
        }
    }

    private static void AdvanceJob(RegionState state, BackupJobRecord job, DateTimeOffset now)
    {
        var startAt = job.CreationDate + StartDelay;
        if (now < startAt)
        {
            return;
        }

        if (job.State == BackupJobState.CREATED)
        {
            job.State = BackupJobState.RUNNING;
            if (job.IsModeled)
            {
                // The backup reads the resource when it starts; changes made later go into the next backup.
                job.Snapshot = state.Resources.Find(job.ResourceArn);
                if (job.Snapshot is null)
                {
                    job.CompletionDate = startAt;
                    Fail(job, $"Resource {job.ResourceArn} was not found; it was deleted before the backup started.");
                    return;
                }
            }
        }

        var finishAt = job.FinishAt;
        if (now < finishAt)
        {
            return;
        }

        job.CompletionDate = finishAt;
        if (!state.Vaults.TryGetValue(job.VaultName, out var vault) || vault.Arn != job.VaultArn)
        {
            Fail(job, $"Backup vault {job.VaultName} does not exist.");
            return;
        }

        if (vault.Lock is { } vaultLock && RetentionBreaksLock(job.Lifecycle, vaultLock) is { } reason)
        {
            Fail(job, reason);
            return;
        }

        var size = job.Snapshot?.SizeInBytes ?? BackupSizeInBytes;
        var point = job.IsContinuous
            ? ContinuousBackup.Complete(state, vault, job, finishAt)
            : NewPoint(state, vault, job, finishAt, size);
        job.State = BackupJobState.COMPLETED;
        job.BackupSizeInBytes = size;
        if (job.CopyActions is { Count: > 0 } actions)
        {
            CopyActionRunner.Run(state, job, point, actions, finishAt);
        }
    }

    private static RecoveryPointRecord NewPoint(RegionState state, VaultRecord vault, BackupJobRecord job, DateTimeOffset finishAt, long size)
    {
        var point = new RecoveryPointRecord
        {
            CreatedBy = job.CreatedBy,
            Arn = job.RecoveryPointArn,
            Sequence = state.NextSequence(),
            VaultName = vault.Name,
            ResourceArn = job.ResourceArn,
            ResourceType = job.ResourceType,
            IamRoleArn = job.IamRoleArn,
            CreationDate = job.CreationDate,
            CompletionDate = finishAt,
            BackupSizeInBytes = size,
            EncryptionKeyArn = vault.EncryptionKeyArn,
            Lifecycle = job.Lifecycle,
            Content = job.Snapshot?.Content,
            SourceSizeInBytes = job.Snapshot?.SizeInBytes,
            SourceTags = job.Snapshot?.Tags,
        };
        foreach (var (key, value) in job.RecoveryPointTags ?? [])
        {
            point.Tags[key] = value;
        }

        state.AddRecoveryPoint(vault, point);
        return point;
    }

    /// <summary>
    /// Starts the backup jobs a plan's rules would have started since the plan was last brought up to date: one per
    /// run of the rule's cron (read in its time zone) and per resource its selections pick at that run.
    /// </summary>
    private static void RunSchedules(RegionState state, PlanRecord plan, DateTimeOffset now)
    {
        var until = plan.DeletionDate is { } deleted && deleted < now ? deleted : now;
        var from = plan.ScheduledThrough;
        if (until <= from)
        {
            return;
        }

        var version = plan.Current;
        var schedules = version.Schedules ??= ParseSchedules(version);
        if (plan.ScheduleComputedFor == version && until < plan.NextRunAt)
        {
            // No rule runs before "until": nothing to start, and nothing to evaluate.
            plan.ScheduledThrough = until;
            return;
        }

        plan.ScheduledThrough = until;
        List<SelectionMatcher.Selected>? resources = null;
        var nextRun = DateTimeOffset.MaxValue;
        foreach (var (rule, cron, zone) in schedules)
        {
            var runs = 0;
            foreach (var runAt in cron.NextRuns(from, zone))
            {
                if (runAt > until)
                {
                    nextRun = runAt < nextRun ? runAt : nextRun;
                    break;
                }

                if (++runs > MaxRunsPerCatchUp)
                {
                    continue;
                }

                // Selections are evaluated against the inventory as it is now: every change of a resource brings the
                // region up to date first, so the inventory has not changed since this run was due.
                resources ??= SelectionMatcher.Select(state, plan);
                if (resources.Count == 0)
                {
                    continue;
                }

                StartRun(state, plan, version, rule, runAt, resources);
            }
        }

        plan.ScheduleComputedFor = version;
        plan.NextRunAt = nextRun;
    }

    private static List<(BackupRule Rule, AwsCron Cron, TimeZoneInfo Zone)> ParseSchedules(PlanVersion version)
    {
        var schedules = new List<(BackupRule, AwsCron, TimeZoneInfo)>();
        foreach (var rule in version.Document.Rules ?? [])
        {
            schedules.Add((rule, RequestRules.ParseSchedule(rule.ScheduleExpression), RequestRules.ScheduleZone(rule.ScheduleExpressionTimezone)));
        }

        return schedules;
    }

    private static void StartRun(RegionState state, PlanRecord plan, PlanVersion version, BackupRule rule, DateTimeOffset runAt, List<SelectionMatcher.Selected> resources)
    {
        var creator = new RecoveryPointCreator
        {
            BackupPlanId = plan.Id,
            BackupPlanArn = plan.Arn,
            BackupPlanName = version.Document.BackupPlanName,
            BackupPlanVersion = version.VersionId,
            BackupRuleId = rule.RuleId,
            BackupRuleName = rule.RuleName,
            BackupRuleCron = rule.ScheduleExpression,
            BackupRuleTimezone = rule.ScheduleExpressionTimezone ?? BackupPlanOperations.DefaultTimezone,
        };
        var vaultName = rule.TargetBackupVaultName!;
        var vaultArn = state.VaultArn(vaultName);
        foreach (var (resourceArn, resourceType, role, resource) in resources)
        {
            var continuous = rule.EnableContinuousBackup == true
                && ContinuousBackup.Supports(resourceType) && resource is not null
                && ContinuousBackup.CanKeepIn(state, vaultName, resourceArn);
            var job = new BackupJobRecord
            {
                Id = state.NewGuid().ToString("D").ToUpperInvariant(),
                Sequence = state.NextSequence(),
                VaultName = vaultName,
                VaultArn = vaultArn,
                ResourceArn = resourceArn,
                ResourceType = resourceType,
                IamRoleArn = role,
                RecoveryPointArn = continuous
                    ? ContinuousBackup.PointArn(state, vaultName, resourceArn)
                    : ResourceTypes.RecoveryPointArn(resourceType, resourceArn, state.Region, state.AccountId, runAt, state.NewGuid()),
                CreationDate = runAt,
                StartBy = runAt.AddMinutes(rule.StartWindowMinutes ?? BackupPlanOperations.DefaultStartWindowMinutes),
                CompleteBy = runAt.AddMinutes(rule.CompletionWindowMinutes ?? BackupPlanOperations.DefaultCompletionWindowMinutes),
                FinishAt = runAt + (resource is null ? RunDuration : JobDurations.Backup(resourceType, resource.SizeInBytes)),
                IsModeled = resource is not null,
                IsContinuous = continuous,
                Lifecycle = rule.Lifecycle,
                RecoveryPointTags = rule.RecoveryPointTags,
                CopyActions = rule.CopyActions,
                CreatedBy = creator,
            };
            state.AddJob(job);
        }

        plan.LastExecutionDate = runAt;
    }

    private static void Fail(BackupJobRecord job, string message)
    {
        job.State = BackupJobState.FAILED;
        job.StatusMessage = message;
    }

    /// <summary>Why a retention does not fit a vault lock's range, or null when it fits.</summary>
    public static string? RetentionBreaksLock(Lifecycle? lifecycle, VaultLockRecord vaultLock)
    {
        // No DeleteAfterDays (or -1) keeps the recovery point forever.
        long? days = lifecycle?.DeleteAfterDays is { } d and >= 0 ? d : null;
        if (vaultLock.MinRetentionDays is { } min && days is { } shortDays && shortDays < min)
        {
            return $"The retention of {shortDays} days is shorter than the vault lock's minimum retention of {min} days.";
        }

        if (vaultLock.MaxRetentionDays is { } max && (days is null || days > max))
        {
            return days is null
                ? $"The recovery point would be kept forever, longer than the vault lock's maximum retention of {max} days."
                : $"The retention of {days} days is longer than the vault lock's maximum retention of {max} days.";
        }

        return null;
    }
}
