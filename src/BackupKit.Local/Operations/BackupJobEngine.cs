using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Moves backup plans, jobs and recovery points along with the emulator clock, lazily: every operation that reads or
/// changes plans' selections, jobs, recovery points or vaults first brings the region up to "now". Plans start a job per
/// scheduled run and selected resource. Restore jobs are PENDING, RUNNING one minute later and COMPLETED ten minutes after
/// they were created. A backup job is CREATED, RUNNING one minute later and
/// finishes ten minutes after it was created: COMPLETED with a recovery point in its vault, or FAILED when the vault is
/// gone or its lock does not allow the job's retention. Recovery points move to cold storage and expire at the dates
/// their lifecycle gives. Call under the region gate.
/// </summary>
internal static class BackupJobEngine
{
    public static readonly TimeSpan StartDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RunDuration = TimeSpan.FromMinutes(10);

    /// <summary>The size the emulator reports for every backup (it stores no data).</summary>
    public const long BackupSizeInBytes = 1024 * 1024;

    /// <summary>The most scheduled runs of one rule started by one catch-up; older missed runs are skipped.</summary>
    public const int MaxRunsPerCatchUp = 1000;

    public static void Advance(RegionState state, DateTimeOffset now)
    {
        foreach (var plan in state.Plans.Values)
        {
            RunSchedules(state, plan, now);
        }

        foreach (var job in state.Jobs.Values)
        {
            if (!job.IsFinished)
            {
                AdvanceJob(state, job, now);
            }
        }

        foreach (var restore in state.RestoreJobs.Values)
        {
            if (!restore.IsFinished && now >= restore.CreationDate + StartDelay)
            {
                restore.Status = now >= restore.CreationDate + RunDuration ? RestoreJobStatus.COMPLETED : RestoreJobStatus.RUNNING;
                restore.CompletionDate = restore.IsFinished ? restore.CreationDate + RunDuration : null;
            }
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
                    destination.RecoveryPoints[copy.Point.Arn] = copy.Point;
                }
            }
        }

        foreach (var vault in state.Vaults.Values)
        {
            if (vault.RecoveryPoints.Count == 0)
            {
                continue;
            }

            List<string>? expired = null;
            foreach (var point in vault.RecoveryPoints.Values)
            {
                if (point.DeleteAt is { } deleteAt && deleteAt <= now && !state.IsUnderLegalHold(point.Arn))
                {
                    (expired ??= []).Add(point.Arn);
                }
                else if (point.MoveToColdStorageAt is { } coldAt && coldAt <= now && point.StorageClass == StorageClass.WARM
                    && ResourceTypes.SupportsColdStorage(point.ResourceType, point.Lifecycle?.OptInToArchiveForSupportedResources == true))
                {
                    point.StorageClass = StorageClass.COLD;
                }
            }

            foreach (var arn in expired ?? [])
            {
                // Lifecycle deletion goes ahead in locked vaults too (the lock only stops early deletion), not under a legal hold.
                vault.RecoveryPoints.Remove(arn);
            }
        }
    }

    private static void AdvanceJob(RegionState state, BackupJobRecord job, DateTimeOffset now)
    {
        var startAt = job.CreationDate + StartDelay;
        var finishAt = job.CreationDate + RunDuration;
        if (now < startAt)
        {
            return;
        }

        job.State = BackupJobState.RUNNING;
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
            BackupSizeInBytes = BackupSizeInBytes,
            EncryptionKeyArn = vault.EncryptionKeyArn,
            Lifecycle = job.Lifecycle,
        };
        foreach (var (key, value) in job.RecoveryPointTags ?? [])
        {
            point.Tags[key] = value;
        }

        vault.RecoveryPoints[point.Arn] = point;
        job.State = BackupJobState.COMPLETED;
        job.BackupSizeInBytes = BackupSizeInBytes;
    }

    /// <summary>
    /// Starts the backup jobs a plan's rules would have started since the plan was last brought up to date: one per
    /// run of the rule's cron (read in its time zone) and per resource its selections name by ARN. Selections that pick
    /// resources by tags or conditions start nothing: the emulator knows no resources and their tags.
    /// </summary>
    private static void RunSchedules(RegionState state, PlanRecord plan, DateTimeOffset now)
    {
        var until = plan.DeletionDate is { } deleted && deleted < now ? deleted : now;
        var from = plan.ScheduledThrough;
        if (until <= from)
        {
            return;
        }

        plan.ScheduledThrough = until;
        var resources = SelectedResources(plan);
        if (resources.Count == 0)
        {
            return;
        }

        var version = plan.Current;
        foreach (var rule in version.Document.Rules ?? [])
        {
            var timezone = rule.ScheduleExpressionTimezone ?? BackupPlanOperations.DefaultTimezone;
            var cron = CronExpression.Parse(rule.ScheduleExpression ?? BackupPlanOperations.DefaultScheduleExpression, static message => new InvalidOperationException(message));
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timezone);
            var runs = 0;
            foreach (var runAt in cron.NextRuns(from, zone))
            {
                if (runAt > until || ++runs > MaxRunsPerCatchUp)
                {
                    break;
                }

                var creator = new RecoveryPointCreator
                {
                    BackupPlanId = plan.Id,
                    BackupPlanArn = plan.Arn,
                    BackupPlanName = version.Document.BackupPlanName,
                    BackupPlanVersion = version.VersionId,
                    BackupRuleId = rule.RuleId,
                    BackupRuleName = rule.RuleName,
                    BackupRuleCron = rule.ScheduleExpression,
                    BackupRuleTimezone = timezone,
                };
                foreach (var (resourceArn, resourceType, role) in resources)
                {
                    var vaultArn = state.VaultArn(rule.TargetBackupVaultName!);
                    var job = new BackupJobRecord
                    {
                        Id = Guid.NewGuid().ToString("D").ToUpperInvariant(),
                        Sequence = state.NextSequence(),
                        VaultName = rule.TargetBackupVaultName!,
                        VaultArn = vaultArn,
                        ResourceArn = resourceArn,
                        ResourceType = resourceType,
                        IamRoleArn = role,
                        RecoveryPointArn = ResourceTypes.RecoveryPointArn(resourceType, resourceArn, state.Region, state.AccountId, runAt),
                        CreationDate = runAt,
                        StartBy = runAt.AddMinutes(rule.StartWindowMinutes ?? BackupPlanOperations.DefaultStartWindowMinutes),
                        CompleteBy = runAt.AddMinutes(rule.CompletionWindowMinutes ?? BackupPlanOperations.DefaultCompletionWindowMinutes),
                        Lifecycle = rule.Lifecycle,
                        RecoveryPointTags = rule.RecoveryPointTags,
                        CreatedBy = creator,
                    };
                    state.Jobs.Add(job.Id, job);
                }

                plan.LastExecutionDate = runAt;
            }
        }
    }

    /// <summary>The resources a plan's selections name by ARN (no wildcards), minus their NotResources, with the role to back each up.</summary>
    private static List<(string Arn, string Type, string Role)> SelectedResources(PlanRecord plan)
    {
        var selected = new List<(string, string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in plan.Selections.Values)
        {
            var selection = record.Selection;
            if (selection.ListOfTags is { Count: > 0 } || HasConditions(selection.Conditions))
            {
                continue;
            }

            foreach (var arn in selection.Resources ?? [])
            {
                if (arn.Contains('*', StringComparison.Ordinal) || IsExcluded(arn, selection.NotResources) || !seen.Add(arn))
                {
                    continue;
                }

                try
                {
                    selected.Add((arn, ResourceTypes.Of(arn), selection.IamRoleArn!));
                }
                catch (Protocol.BackupApiError)
                {
                    // A resource type AWS Backup does not protect is never backed up.
                }
            }
        }

        return selected;
    }

    private static bool HasConditions(Conditions? conditions) =>
        conditions is not null
        && (conditions.StringEquals is { Count: > 0 } || conditions.StringNotEquals is { Count: > 0 }
            || conditions.StringLike is { Count: > 0 } || conditions.StringNotLike is { Count: > 0 });

    // NotResources entries are ARNs or ARN patterns where '*' matches any run of characters.
    private static bool IsExcluded(string arn, List<string>? notResources)
    {
        foreach (var pattern in notResources ?? [])
        {
            if (System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, arn, ignoreCase: false))
            {
                return true;
            }
        }

        return false;
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
