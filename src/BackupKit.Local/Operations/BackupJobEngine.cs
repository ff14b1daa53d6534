using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Moves backup jobs and recovery points along with the emulator clock, lazily: every operation that reads or changes
/// jobs, recovery points or vaults first brings the region up to "now". A job is CREATED, RUNNING one minute later and
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

    public static void Advance(RegionState state, DateTimeOffset now)
    {
        foreach (var job in state.Jobs.Values)
        {
            if (!job.IsFinished)
            {
                AdvanceJob(state, job, now);
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
                if (point.DeleteAt is { } deleteAt && deleteAt <= now)
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
                // Lifecycle deletion goes ahead in locked vaults too: the lock only stops early deletion.
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
