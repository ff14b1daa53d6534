using BackupKit.Local.State;

namespace BackupKit.Local.Operations;

/// <summary>
/// Continuous backup (point-in-time recovery) of rules with <c>EnableContinuousBackup</c>, for the types that support
/// it (RDS, Aurora, S3): one continuous recovery point per resource, kept up to date by each run of the rule instead of
/// a new snapshot each time. It records the resource's content over time, so a restore can go back to any moment from
/// <c>max(first backup, now - retention)</c> to five minutes ago (<see cref="LatestRestoreLag"/>). A resource that
/// already has a continuous point in another vault gets snapshots there, as AWS falls back to snapshots. The point
/// expires its retention after the rule last ran.
/// </summary>
internal static class ContinuousBackup
{
    /// <summary>How far behind "now" the latest restorable time lags (AWS: about five minutes for RDS).</summary>
    public static readonly TimeSpan LatestRestoreLag = TimeSpan.FromMinutes(5);

    public static bool Supports(string resourceType) => resourceType is "RDS" or "Aurora" or "S3";

    /// <summary>Whether the resource can have its continuous point in this vault (it has none in another vault).</summary>
    public static bool CanKeepIn(RegionState state, string vaultName, string resourceArn)
    {
        if (state.DisassociatedContinuous.Contains((vaultName, resourceArn)))
        {
            // Handed back to the source service (DisassociateRecoveryPoint): AWS Backup no longer manages it continuously.
            return false;
        }

        foreach (var (vault, arn) in state.ContinuousArns.Keys)
        {
            if (arn == resourceArn && vault != vaultName)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The ARN of the resource's continuous point in the vault: the existing one, or a new one.</summary>
    public static string PointArn(RegionState state, string vaultName, string resourceArn)
    {
        if (!state.ContinuousArns.TryGetValue((vaultName, resourceArn), out var arn))
        {
            arn = $"arn:aws:backup:{state.Region}:{state.AccountId}:recovery-point:continuous:{Inventory.ResourceArns.NameOf(resourceArn)}-{state.NewGuid().ToString("N")[..8]}";
            state.ContinuousArns[(vaultName, resourceArn)] = arn;
        }

        return arn;
    }

    /// <summary>The continuous point is gone (expired or deleted): the next continuous job starts a new one.</summary>
    public static void Forget(RegionState state, string vaultName, string resourceArn)
    {
        state.ContinuousPoints.Remove((vaultName, resourceArn));
        state.ContinuousArns.Remove((vaultName, resourceArn));
    }

    /// <summary>A continuous job completed: create the point or bring it up to date.</summary>
    public static RecoveryPointRecord Complete(RegionState state, VaultRecord vault, BackupJobRecord job, DateTimeOffset finishAt)
    {
        var resource = job.Snapshot!;
        var key = (vault.Name, job.ResourceArn);
        if (!state.ContinuousPoints.TryGetValue(key, out var point) || !vault.RecoveryPoints.ContainsKey(point.Arn))
        {
            point = new RecoveryPointRecord
            {
                CreatedBy = job.CreatedBy,
                Arn = PointArn(state, vault.Name, job.ResourceArn),
                Sequence = state.NextSequence(),
                VaultName = vault.Name,
                ResourceArn = job.ResourceArn,
                ResourceType = job.ResourceType,
                IamRoleArn = job.IamRoleArn,
                CreationDate = job.CreationDate,
                CompletionDate = finishAt,
                BackupSizeInBytes = resource.SizeInBytes,
                EncryptionKeyArn = vault.EncryptionKeyArn,
                IsContinuous = true,
                ContentHistory = [(job.CreationDate + BackupJobEngine.StartDelay, resource.Content)],
            };
            foreach (var (tagKey, value) in job.RecoveryPointTags ?? [])
            {
                point.Tags[tagKey] = value;
            }

            state.ContinuousPoints[key] = point;
        }

        point.Lifecycle = job.Lifecycle;
        point.LastContinuousRunAt = job.CreationDate;
        point.Content = resource.Content;
        point.SourceSizeInBytes = resource.SizeInBytes;
        point.SourceTags = resource.Tags;
        state.AddRecoveryPoint(vault, point);
        return point;
    }

    /// <summary>The resource's data changed: its continuous points record the new content from now on.</summary>
    public static void RecordChange(RegionState state, EmulatedResource resource, DateTimeOffset now)
    {
        if (state.ContinuousPoints.Count == 0)
        {
            return;
        }

        foreach (var ((_, arn), point) in state.ContinuousPoints)
        {
            if (arn != resource.Arn || point.ContentHistory is not { } history)
            {
                continue;
            }

            history.Add((now, resource.Content));
            point.Content = resource.Content;

            // Keep what the retention window can still restore: entries inside it and the last one before it.
            var earliest = EarliestRestorableTime(point, now);
            var firstKept = 0;
            while (firstKept + 1 < history.Count && history[firstKept + 1].At <= earliest)
            {
                firstKept++;
            }

            history.RemoveRange(0, firstKept);
        }
    }

    public static DateTimeOffset EarliestRestorableTime(RecoveryPointRecord point, DateTimeOffset now)
    {
        var first = point.ContentHistory is { Count: > 0 } history ? history[0].At : point.CreationDate;
        var retention = point.Lifecycle?.DeleteAfterDays is { } days and >= 0 ? now.AddDays(-days) : DateTimeOffset.MinValue;
        return first > retention ? first : retention;
    }

    public static DateTimeOffset LatestRestorableTime(DateTimeOffset now) => now - LatestRestoreLag;

    /// <summary>The resource's content at a moment of the point's window.</summary>
    public static ResourceContent? ContentAt(RecoveryPointRecord point, DateTimeOffset at)
    {
        if (point.ContentHistory is not { Count: > 0 } history)
        {
            return point.Content;
        }

        var content = history[0].Content;
        foreach (var (when, recorded) in history)
        {
            if (when > at)
            {
                break;
            }

            content = recorded;
        }

        return content;
    }
}
