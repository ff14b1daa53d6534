using System.IO.Enumeration;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Runs restore testing plans with the emulator clock, as part of <see cref="BackupJobEngine.Advance"/> (under the
/// region gate). At each run of a plan's cron (read in its time zone), every selection picks the protected resources of
/// its type (explicit ARNs, or <c>*</c> filtered by StringEquals / StringNotEquals on the tags of the resource's latest
/// recovery point), and for each resource one recovery point: COMPLETED at the run, created within SelectionWindowDays,
/// of an allowed type (SNAPSHOT / CONTINUOUS), in a vault IncludeVaults matches and ExcludeVaults does not; the latest,
/// or one at random. A resource without such a point is skipped. The restore job starts through
/// <see cref="RestoreJobEngine.Start"/> with the inferred metadata overlaid by the selection's overrides, carrying the
/// plan's ARN, at the run time or, when the per-type cap of concurrent restore tests is reached, as soon as a slot
/// frees; one that cannot start before the start window ends is recorded FAILED with AWS's message. A completed restore
/// test's resource is deleted (DeletionStatus DELETING, then SUCCESSFUL) when a final validation result is put or its
/// validation window ends; the deletion fails when the <c>awsbackup-restore-test</c> tag was removed.
/// </summary>
internal static class RestoreTestingEngine
{
    /// <summary>The StatusMessage AWS gives a restore test that could not start in its start window.</summary>
    public const string StartWindowMissed = "Restore job was unable to start within the specified start window. Try increasing your start window.";

    /// <summary>How long deleting a restored resource takes (DeletionStatus DELETING until then).</summary>
    public static readonly TimeSpan DeletionDuration = TimeSpan.FromMinutes(5);

    /// <summary>The most runs of one plan started by one catch-up; older missed runs are skipped.</summary>
    public const int MaxRunsPerCatchUp = 1000;

    /// <summary>Concurrent restore jobs restore testing runs per resource type (AWS quota).</summary>
    public static int ConcurrencyCap(string resourceType) => resourceType switch
    {
        "EBS" or "EC2" => 100,
        "EFS" or "S3" => 30,
        _ => 40,
    };

    /// <summary>Starts the restore tests due up to <paramref name="now"/>: new runs, then queued tests as slots free.</summary>
    public static void StartDue(RegionState state, DateTimeOffset now)
    {
        foreach (var plan in state.RestoreTestingPlans.Values)
        {
            RunSchedule(state, plan, now);
        }

        if (state.RestoreTesting.Queue.Count > 0)
        {
            StartQueued(state, now);
        }
    }

    /// <summary>Moves the deletion of restored resources (call after <see cref="RestoreJobEngine.Advance"/>).</summary>
    public static void DeleteRestored(RegionState state, DateTimeOffset now)
    {
        var kept = state.RestoreTesting.Kept;
        var count = 0;
        for (var i = 0; i < kept.Count; i++)
        {
            var job = kept[i];
            if (!Settled(state, job, now))
            {
                kept[count++] = job;
            }
        }

        kept.RemoveRange(count, kept.Count - count);
    }

    /// <summary>A final validation result was put: the restored resource of a restore test is deleted from now on.</summary>
    public static void Validated(RestoreJobRecord job, DateTimeOffset now)
    {
        if (job.RestoreTestingPlanArn is not null && job.ValidationStatus is { } status && status != RestoreValidationStatus.VALIDATING
            && job.Status == RestoreJobStatus.COMPLETED && job.DeletionStartedAt is null)
        {
            job.DeletionStartedAt = now;
            job.DeletionStatus = RestoreDeletionStatus.DELETING;
        }
    }

    private static bool Settled(RegionState state, RestoreJobRecord job, DateTimeOffset now)
    {
        if (!job.IsFinished)
        {
            return false;
        }

        if (job.Status != RestoreJobStatus.COMPLETED)
        {
            // Nothing was restored, so nothing is deleted.
            return true;
        }

        if (job.DeletionStartedAt is null)
        {
            var windowEnd = job.CompletionDate!.Value.AddHours(job.ValidationWindowHours);
            if (windowEnd > now)
            {
                return false;
            }

            job.DeletionStartedAt = windowEnd;
            job.DeletionStatus = RestoreDeletionStatus.DELETING;
        }

        if (job.DeletionStartedAt.Value + DeletionDuration > now)
        {
            return false;
        }

        var restored = state.Resources.Find(job.CreatedResourceArn);
        if (restored is not null && !restored.Tags.ContainsKey(SelectionMatcher.RestoreTestMarker))
        {
            // AWS Backup deletes only what carries its restore test tag.
            job.DeletionStatus = RestoreDeletionStatus.FAILED;
            job.DeletionStatusMessage = $"{job.CreatedResourceArn} no longer has the {SelectionMatcher.RestoreTestMarker} tag, so AWS Backup did not delete it; delete it yourself.";
            return true;
        }

        if (restored is not null)
        {
            state.Resources.Remove(job.CreatedResourceArn);
        }

        job.DeletionStatus = RestoreDeletionStatus.SUCCESSFUL;
        job.DeletionStatusMessage = restored is null ? "The restored resource was already deleted." : null;
        return true;
    }

    private static void RunSchedule(RegionState state, RestoreTestingPlanRecord plan, DateTimeOffset now)
    {
        var from = plan.ScheduledThrough;
        if (now <= from)
        {
            return;
        }

        var key = plan.ScheduleExpression + "\n" + plan.ScheduleExpressionTimezone;
        if (plan.ScheduleKey == key && now < plan.NextRunAt)
        {
            plan.ScheduledThrough = now;
            return;
        }

        if (plan.ScheduleKey != key || plan.Schedule is null)
        {
            plan.Schedule = (RequestRules.ParseSchedule(plan.ScheduleExpression), RequestRules.ScheduleZone(plan.ScheduleExpressionTimezone));
            plan.ScheduleKey = key;
        }

        var (schedule, zone) = plan.Schedule.Value;
        var next = DateTimeOffset.MaxValue;
        var runs = 0;
        foreach (var runAt in schedule.NextRuns(from, zone))
        {
            if (runAt > now)
            {
                next = runAt;
                break;
            }

            if (++runs <= MaxRunsPerCatchUp)
            {
                Run(state, plan, runAt);
            }
        }

        plan.ScheduledThrough = now;
        plan.NextRunAt = next;
    }

    /// <summary>One run of a plan: a restore test per selected resource that has an eligible recovery point.</summary>
    private static void Run(RegionState state, RestoreTestingPlanRecord plan, DateTimeOffset runAt)
    {
        plan.LastExecutionTime = runAt;
        var selections = new List<RestoreTestingSelectionRecord>(plan.Selections.Values);
        selections.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        var rules = plan.RecoveryPointSelection;
        var windowStart = runAt.AddDays(-(rules.SelectionWindowDays ?? RestoreTestingOperations.DefaultSelectionWindowDays));
        var startBy = runAt.AddHours(plan.StartWindowHours);
        foreach (var selection in selections)
        {
            // Per resource of the selection's type: its latest point (whose tags the conditions read) and the eligible ones.
            var byResource = new Dictionary<string, (RecoveryPointRecord Latest, List<RecoveryPointRecord> Eligible)>(StringComparer.Ordinal);
            foreach (var vault in state.Vaults.Values)
            {
                var vaultAllowed = VaultAllowed(vault.Arn, rules);
                foreach (var point in vault.RecoveryPoints.Values)
                {
                    if (point.ResourceType != selection.ProtectedResourceType || point.CreationDate > runAt
                        || point.ResourceArn.Contains(SelectionMatcher.RestoreTestMarker, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    byResource.TryGetValue(point.ResourceArn, out var entry);
                    if (entry.Latest is null || point.CreationDate > entry.Latest.CreationDate)
                    {
                        entry.Latest = point;
                    }

                    entry.Eligible ??= [];
                    if (vaultAllowed && Eligible(state, point, rules, windowStart, runAt))
                    {
                        entry.Eligible.Add(point);
                    }

                    byResource[point.ResourceArn] = entry;
                }
            }

            var resources = new List<string>(byResource.Keys);
            resources.Sort(StringComparer.Ordinal);
            foreach (var resourceArn in resources)
            {
                var (latest, eligible) = byResource[resourceArn];
                if (eligible.Count == 0 || !Selects(selection, resourceArn, latest))
                {
                    continue;
                }

                var point = Choose(eligible, rules.Algorithm, state);
                var metadata = new Dictionary<string, string>(RestoreMetadataKeys.Inferred(point, state.Region, state.NewGuid()), StringComparer.OrdinalIgnoreCase);
                foreach (var (overrideKey, value) in selection.RestoreMetadataOverrides ?? [])
                {
                    metadata[overrideKey] = value;
                }

                state.RestoreTesting.Queue.Add(new QueuedRestoreTest(
                    plan.Arn, plan.Name, selection.ProtectedResourceType, point.Arn, metadata, selection.IamRoleArn,
                    selection.ValidationWindowHours ?? 0, runAt, startBy));
            }
        }
    }

    private static bool Eligible(RegionState state, RecoveryPointRecord point, RestoreTestingRecoveryPointSelection rules, DateTimeOffset windowStart, DateTimeOffset runAt)
    {
        var type = point.IsContinuous ? RestoreTestingRecoveryPointType.CONTINUOUS : RestoreTestingRecoveryPointType.SNAPSHOT;
        if (rules.RecoveryPointTypes?.Contains(type) != true || point.Status != RecoveryPointStatus.COMPLETED)
        {
            return false;
        }

        // A snapshot must have completed by the run and been taken within the window; a continuous point restores to
        // its latest time, which lies in the window while its rule still runs.
        var lastTime = point.IsContinuous ? point.LastContinuousRunAt : point.CreationDate;
        if ((!point.IsContinuous && point.CompletionDate > runAt) || lastTime < windowStart)
        {
            return false;
        }

        return point.DeleteAt is not { } deleteAt || deleteAt > runAt || state.IsUnderLegalHold(point.Arn);
    }

    private static bool VaultAllowed(string vaultArn, RestoreTestingRecoveryPointSelection rules)
    {
        static bool Any(List<string>? selectors, string arn)
        {
            foreach (var selector in selectors ?? [])
            {
                if (selector == "*" || FileSystemName.MatchesSimpleExpression(selector, arn, ignoreCase: false))
                {
                    return true;
                }
            }

            return false;
        }

        return Any(rules.IncludeVaults, vaultArn) && !Any(rules.ExcludeVaults, vaultArn);
    }

    /// <summary>Whether the selection picks the resource: by ARN, or <c>*</c> with every condition holding on the latest point's tags.</summary>
    private static bool Selects(RestoreTestingSelectionRecord selection, string resourceArn, RecoveryPointRecord latest)
    {
        if (!selection.ProtectedResourceArns.Contains("*"))
        {
            return selection.ProtectedResourceArns.Contains(resourceArn);
        }

        if (selection.ProtectedResourceConditions is not { } conditions)
        {
            return true;
        }

        string? TagValue(string key) =>
            latest.Tags.TryGetValue(key, out var own) ? own
            : latest.SourceTags is { } source && source.TryGetValue(key, out var copied) ? copied
            : null;

        foreach (var condition in conditions.StringEquals ?? [])
        {
            if (TagValue(condition.Key!) != condition.Value)
            {
                return false;
            }
        }

        foreach (var condition in conditions.StringNotEquals ?? [])
        {
            if (TagValue(condition.Key!) == condition.Value)
            {
                return false;
            }
        }

        return true;
    }

    private static RecoveryPointRecord Choose(List<RecoveryPointRecord> eligible, RestoreTestingRecoveryPointSelectionAlgorithm? algorithm, RegionState state)
    {
        if (algorithm == RestoreTestingRecoveryPointSelectionAlgorithm.RANDOM_WITHIN_WINDOW)
        {
            // The Region's id source, not Random: a replayed --state-dir journal picks the same points.
            return eligible[(int)(BitConverter.ToUInt32(state.NewGuid().ToByteArray(), 0) % (uint)eligible.Count)];
        }

        var latest = eligible[0];
        foreach (var point in eligible)
        {
            var time = point.IsContinuous ? point.LastContinuousRunAt : point.CreationDate;
            var best = latest.IsContinuous ? latest.LastContinuousRunAt : latest.CreationDate;
            if (time > best)
            {
                latest = point;
            }
        }

        return latest;
    }

    /// <summary>
    /// Starts queued restore tests in the order they became due, each as soon as its type has a free slot (a started
    /// restore test holds one until its job finishes); fails those whose start window ended first.
    /// </summary>
    private static void StartQueued(RegionState state, DateTimeOffset now)
    {
        var queue = state.RestoreTesting.Queue;
        var ordered = queue.OrderBy(static q => q.ReadyAt).ToList();
        queue.Clear();
        var slots = new Dictionary<string, PriorityQueue<DateTimeOffset, DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var test in ordered)
        {
            if (!PlanExists(state, test.PlanArn))
            {
                continue;
            }

            if (!slots.TryGetValue(test.ResourceType, out var busy))
            {
                slots[test.ResourceType] = busy = Occupied(state, test.ResourceType);
            }

            // A test that waited through an earlier catch-up cannot start before it; so start times only grow.
            var at = test.ReadyAt > test.NotBefore ? test.ReadyAt : test.NotBefore;
            while (busy.Count > 0 && busy.Peek() <= at)
            {
                busy.Dequeue();
            }

            if (busy.Count >= ConcurrencyCap(test.ResourceType))
            {
                at = busy.Dequeue();
                while (busy.Count > 0 && busy.Peek() <= at)
                {
                    busy.Dequeue();
                }
            }

            if (at <= test.StartBy && at <= now)
            {
                var job = Start(state, test, at, failed: false);
                if (job is not null)
                {
                    busy.Enqueue(job.FinishAt, job.FinishAt);
                }
            }
            else if (test.StartBy <= now)
            {
                // The slot it would have had goes to the next test.
                busy.Enqueue(at, at);
                Start(state, test, test.StartBy, failed: true);
            }
            else
            {
                // Still waiting: it keeps its place (and the slot it will take) ahead of later tests.
                busy.Enqueue(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);
                queue.Add(test with { NotBefore = now });
            }
        }
    }

    private static bool PlanExists(RegionState state, string planArn)
    {
        foreach (var plan in state.RestoreTestingPlans.Values)
        {
            if (plan.Arn == planArn)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When the started restore tests of a type free their slot (those already free are dropped as times pass).</summary>
    private static PriorityQueue<DateTimeOffset, DateTimeOffset> Occupied(RegionState state, string resourceType)
    {
        var busy = new PriorityQueue<DateTimeOffset, DateTimeOffset>();
        foreach (var job in state.RestoreTesting.Kept)
        {
            if (job.ResourceType == resourceType && job.CreationDate < job.FinishAt)
            {
                busy.Enqueue(job.FinishAt, job.FinishAt);
            }
        }

        return busy;
    }

    private static RestoreJobRecord? Start(RegionState state, QueuedRestoreTest test, DateTimeOffset at, bool failed)
    {
        if (RestoreJobEngine.FindPoint(state, test.RecoveryPointArn) is not { } point || !state.Vaults.TryGetValue(point.VaultName, out var vault))
        {
            // The point was deleted while the test waited: nothing to restore.
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [SelectionMatcher.RestoreTestMarker] = test.PlanName };
        RestoreJobRecord job;
        try
        {
            job = RestoreJobEngine.Start(
                state, point, vault, test.Metadata, test.IamRoleArn, idempotencyToken: null, copySourceTags: false, at,
                new RestoreJobEngine.RestoreTestStart(test.PlanArn, test.ValidationWindowHours, tags, ApplyFaults: !failed));
        }
        catch (BackupApiError)
        {
            // Overrides that make the metadata invalid (a RestoreTime outside the window): AWS reports no job either.
            return null;
        }

        if (failed)
        {
            job.Status = RestoreJobStatus.FAILED;
            job.StatusMessage = StartWindowMissed;
            job.CompletionDate = at;
            job.FinishAt = at;
        }

        state.RestoreTesting.Kept.Add(job);
        return job;
    }
}
