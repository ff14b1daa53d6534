using BackupKit.Local.Inventory;
using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Moves restore jobs with the emulator clock: PENDING, RUNNING one minute after creation, and finished at the time
/// <see cref="JobDurations"/> gives for the backup's type and size (ten minutes for backups of unmodeled resources).
/// A job finishes FAILED when an injected fault says so, when its recovery point was deleted or expired before the
/// restore finished, or when a resource with the target ARN already exists; else COMPLETED, and the restored resource
/// appears in the inventory under <c>CreatedResourceArn</c> with the recovery point's content. Call under the region gate.
/// </summary>
internal static class RestoreJobEngine
{
    public static void Advance(RegionState state, DateTimeOffset now)
    {
        foreach (var restore in state.RestoreJobs.Values)
        {
            if (restore.IsFinished || now < restore.CreationDate + BackupJobEngine.StartDelay)
            {
                continue;
            }

            restore.Status = RestoreJobStatus.RUNNING;
            if (now >= restore.FinishAt)
            {
                Finish(state, restore);
            }
        }
    }

    /// <summary>
    /// Records a restore job of the point, as StartRestoreJob and scheduled restore tests start it: the target from the
    /// metadata (and the point-in-time keys of continuous points), the next matching restore fault, the duration by type
    /// and size. A restore test passes its plan, validation window and the tags of its restored resource
    /// (<paramref name="test"/>). Throws <see cref="Protocol.BackupApiError"/> when the metadata is wrong. Call under the
    /// region gate.
    /// </summary>
    public static RestoreJobRecord Start(
        RegionState state, RecoveryPointRecord point, VaultRecord vault, Dictionary<string, string> metadata,
        string? iamRoleArn, string? idempotencyToken, bool copySourceTags, DateTimeOffset now, RestoreTestStart? test = null)
    {
        var pointInTime = RestoreMetadataKeys.PointInTime(point, metadata, now);
        var createdArn = RestoreOperations.CreatedResourceArn(point, metadata, state);
        var jobId = state.NewGuid().ToString("D").ToUpperInvariant();
        var fault = test is { ApplyFaults: false } ? null : state.Emulator?.Faults?.TakeRestoreFault(point.ResourceArn);
        var content = pointInTime is { } at ? ContinuousBackup.ContentAt(point, at) : point.Content;
        var size = point.SourceSizeInBytes ?? point.BackupSizeInBytes;
        var duration = point.SourceSizeInBytes is null
            ? BackupJobEngine.RunDuration
            : JobDurations.Restore(point.ResourceType, size, point.StorageClass == StorageClass.COLD);
        var job = new RestoreJobRecord
        {
            Metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal),
            Id = jobId,
            Sequence = state.NextSequence(),
            RecoveryPointArn = point.Arn,
            RecoveryPointCreationDate = point.CreationDate,
            SourceResourceArn = point.ResourceArn,
            BackupVaultArn = vault.Arn,
            ResourceType = point.ResourceType,
            IamRoleArn = iamRoleArn,
            IdempotencyToken = idempotencyToken,
            CreatedResourceArn = createdArn,
            CreationDate = now,
            FinishAt = now + duration,
            BackupSizeInBytes = point.BackupSizeInBytes,
            RestoredContent = Apply(fault, content, jobId),
            RestoredSizeInBytes = size,
            RestoredTags = test?.RestoredTags ?? (copySourceTags ? point.SourceTags : null),
            RestoreTestingPlanArn = test?.PlanArn,
            ValidationWindowHours = test?.ValidationWindowHours ?? 0,
            FailureMessage = fault is { Kind: RestoreFaultKind.Fail } failed ? failed.Message : null,
        };
        state.RestoreJobs.Add(job.Id, job);
        return job;
    }

    /// <summary>What a restore test adds to a restore job.</summary>
    public sealed record RestoreTestStart(string PlanArn, int ValidationWindowHours, IReadOnlyDictionary<string, string> RestoredTags, bool ApplyFaults = true);

    private static void Finish(RegionState state, RestoreJobRecord restore)
    {
        var finishAt = restore.FinishAt;
        restore.CompletionDate = finishAt;
        if (restore.FailureMessage is { } injected)
        {
            Fail(restore, injected);
            return;
        }

        if (FindPoint(state, restore.RecoveryPointArn) is not { } point
            || point.Status == RecoveryPointStatus.EXPIRED
            || (point.DeleteAt is { } deleteAt && deleteAt <= finishAt && !state.IsUnderLegalHold(point.Arn)))
        {
            Fail(restore, $"Recovery point {restore.RecoveryPointArn} was deleted or expired before the restore finished.");
            return;
        }

        var modeled = ResourceArns.TryParse(restore.CreatedResourceArn, out var parsed, out _);
        if (modeled && state.Resources.Find(restore.CreatedResourceArn) is not null)
        {
            Fail(restore, $"Cannot restore to {restore.CreatedResourceArn}: a resource with that name already exists. Choose a new name in the restore metadata.");
            return;
        }

        restore.Status = RestoreJobStatus.COMPLETED;
        if (modeled)
        {
            EmulatedInventory.AddRestored(state, new EmulatedResource(
                restore.CreatedResourceArn,
                parsed.ResourceType,
                state.AccountId,
                state.Region,
                restore.RestoredTags ?? new Dictionary<string, string>(StringComparer.Ordinal),
                restore.RestoredSizeInBytes,
                restore.RestoredContent ?? ResourceArns.DefaultContent(restore.SourceResourceArn),
                restore.RecoveryPointArn));
        }
    }

    private static void Fail(RestoreJobRecord restore, string message)
    {
        restore.Status = RestoreJobStatus.FAILED;
        restore.StatusMessage = message;
    }

    internal static RecoveryPointRecord? FindPoint(RegionState state, string arn)
    {
        foreach (var vault in state.Vaults.Values)
        {
            if (vault.RecoveryPoints.TryGetValue(arn, out var point))
            {
                return point;
            }
        }

        return null;
    }

    /// <summary>The content a restore produces: the source content, or what an injected fault makes of it.</summary>
    public static ResourceContent? Apply(RestoreFault? fault, ResourceContent? content, string jobId)
    {
        if (content is null || fault is null)
        {
            return content;
        }

        return fault.Kind switch
        {
            RestoreFaultKind.Corrupt => content with { Checksum = ResourceArns.ChecksumOf($"corrupted:{content.Checksum}:{jobId}") },
            RestoreFaultKind.Incomplete => new ResourceContent(
                content.ItemCount - Math.Max(1, content.ItemCount / 2) is var left and >= 0 ? left : 0,
                ResourceArns.ChecksumOf($"incomplete:{content.Checksum}:{jobId}")),
            _ => content,
        };
    }
}
