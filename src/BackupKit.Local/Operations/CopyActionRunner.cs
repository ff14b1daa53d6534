using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Runs the copy actions of a backup rule when one of its backup jobs completes: a copy job per action, created by the
/// plan (<c>CreatedBy</c>), that copies the new recovery point into the action's destination vault (same or another
/// region or account) with the action's lifecycle (the source's when it has none). The destination is judged exactly
/// as <c>StartCopyJob</c> judges it (<see cref="CopyJobOperations.DestinationRefusal"/>): a missing vault, a
/// cross-account vault whose access policy does not allow the copy, or a lock whose retention range the copy breaks
/// fails the job. Runs under the source region's gate; the destination is read through the emulator's vault
/// directory and receives the copy through its inbox, so no second gate is taken.
/// </summary>
internal static class CopyActionRunner
{
    public static void Run(RegionState source, BackupJobRecord job, RecoveryPointRecord point, List<CopyAction> actions, DateTimeOffset at)
    {
        var emulator = source.Emulator;
        foreach (var action in actions)
        {
            var destinationArn = action.DestinationBackupVaultArn!;
            var lifecycle = action.Lifecycle ?? point.Lifecycle;
            string? failure;
            string? encryptionKeyArn = null;
            string? destinationRegion = null, destinationAccount = null, destinationVault = null;
            if (!RequestRules.IsVaultArn(destinationArn))
            {
                failure = $"Destination {destinationArn} is not a backup vault ARN.";
            }
            else
            {
                var parts = destinationArn.Split(':');
                (destinationRegion, destinationAccount, destinationVault) = (parts[3], parts[4], parts[6]);
                var vault = emulator?.VaultsByArn.GetValueOrDefault(destinationArn);
                failure = CopyJobOperations.DestinationRefusal(vault, destinationArn, destinationAccount, source.AccountId, lifecycle, out encryptionKeyArn, emulator);
            }

            var copyArn = failure is null
                ? ResourceTypes.CopyRecoveryPointArn(point.ResourceType, point.ResourceArn, destinationRegion!, destinationAccount!, point.CreationDate, source.NewGuid())
                : null;
            var copyJob = new CopyJobRecord
            {
                Id = source.NewGuid().ToString("D").ToUpperInvariant(),
                Sequence = source.NextSequence(),
                SourceBackupVaultArn = job.VaultArn,
                SourceRecoveryPointArn = point.Arn,
                DestinationBackupVaultArn = destinationArn,
                DestinationRecoveryPointArn = copyArn,
                DestinationLifecycle = lifecycle,
                ResourceArn = point.ResourceArn,
                ResourceType = point.ResourceType,
                IamRoleArn = job.IamRoleArn,
                CreationDate = at,
                BackupSizeInBytes = point.BackupSizeInBytes,
                CreatedBy = job.CreatedBy,
                CreatedByBackupJobId = job.Id,
                FailureMessage = failure,
            };
            source.CopyJobs.Add(copyJob.Id, copyJob);
            if (copyArn is null || emulator is null)
            {
                continue;
            }

            // A copy of a continuous point is a snapshot of its current content (copies have no point-in-time restore).
            var copy = new RecoveryPointRecord
            {
                Arn = copyArn,
                Sequence = 0,
                VaultName = destinationVault!,
                ResourceArn = point.ResourceArn,
                ResourceType = point.ResourceType,
                IamRoleArn = job.IamRoleArn,
                CreationDate = point.IsContinuous ? job.CreationDate : point.CreationDate,
                CompletionDate = at + BackupJobEngine.RunDuration,
                BackupSizeInBytes = point.BackupSizeInBytes,
                EncryptionKeyArn = encryptionKeyArn,
                CreatedBy = point.CreatedBy,
                Lifecycle = lifecycle,
                Content = point.Content,
                SourceSizeInBytes = point.SourceSizeInBytes,
                SourceTags = point.SourceTags,
            };
            emulator.For(destinationAccount!, destinationRegion!).CopyInbox.Enqueue(new PendingCopy(destinationVault!, at + BackupJobEngine.RunDuration, copy));
        }
    }
}
