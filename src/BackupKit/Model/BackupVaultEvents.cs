namespace BackupKit.Model;

/// <summary>The vault notification event names of AWS Backup (the <c>BackupVaultEvent</c> enum of the service model).</summary>
public static class BackupVaultEvents
{
    /// <summary>The <c>BACKUP_JOB_STARTED</c> event.</summary>
    public const string BackupJobStarted = "BACKUP_JOB_STARTED";

    /// <summary>The <c>BACKUP_JOB_COMPLETED</c> event.</summary>
    public const string BackupJobCompleted = "BACKUP_JOB_COMPLETED";

    /// <summary>The <c>BACKUP_JOB_SUCCESSFUL</c> event.</summary>
    public const string BackupJobSuccessful = "BACKUP_JOB_SUCCESSFUL";

    /// <summary>The <c>BACKUP_JOB_FAILED</c> event.</summary>
    public const string BackupJobFailed = "BACKUP_JOB_FAILED";

    /// <summary>The <c>BACKUP_JOB_EXPIRED</c> event.</summary>
    public const string BackupJobExpired = "BACKUP_JOB_EXPIRED";

    /// <summary>The <c>RESTORE_JOB_STARTED</c> event.</summary>
    public const string RestoreJobStarted = "RESTORE_JOB_STARTED";

    /// <summary>The <c>RESTORE_JOB_COMPLETED</c> event.</summary>
    public const string RestoreJobCompleted = "RESTORE_JOB_COMPLETED";

    /// <summary>The <c>RESTORE_JOB_SUCCESSFUL</c> event.</summary>
    public const string RestoreJobSuccessful = "RESTORE_JOB_SUCCESSFUL";

    /// <summary>The <c>RESTORE_JOB_FAILED</c> event.</summary>
    public const string RestoreJobFailed = "RESTORE_JOB_FAILED";

    /// <summary>The <c>COPY_JOB_STARTED</c> event.</summary>
    public const string CopyJobStarted = "COPY_JOB_STARTED";

    /// <summary>The <c>COPY_JOB_SUCCESSFUL</c> event.</summary>
    public const string CopyJobSuccessful = "COPY_JOB_SUCCESSFUL";

    /// <summary>The <c>COPY_JOB_FAILED</c> event.</summary>
    public const string CopyJobFailed = "COPY_JOB_FAILED";

    /// <summary>The <c>RECOVERY_POINT_MODIFIED</c> event.</summary>
    public const string RecoveryPointModified = "RECOVERY_POINT_MODIFIED";

    /// <summary>The <c>BACKUP_PLAN_CREATED</c> event.</summary>
    public const string BackupPlanCreated = "BACKUP_PLAN_CREATED";

    /// <summary>The <c>BACKUP_PLAN_MODIFIED</c> event.</summary>
    public const string BackupPlanModified = "BACKUP_PLAN_MODIFIED";

    /// <summary>The <c>S3_BACKUP_OBJECT_FAILED</c> event.</summary>
    public const string S3BackupObjectFailed = "S3_BACKUP_OBJECT_FAILED";

    /// <summary>The <c>S3_RESTORE_OBJECT_FAILED</c> event.</summary>
    public const string S3RestoreObjectFailed = "S3_RESTORE_OBJECT_FAILED";

    /// <summary>The <c>CONTINUOUS_BACKUP_INTERRUPTED</c> event.</summary>
    public const string ContinuousBackupInterrupted = "CONTINUOUS_BACKUP_INTERRUPTED";

    /// <summary>The <c>RECOVERY_POINT_INDEX_COMPLETED</c> event.</summary>
    public const string RecoveryPointIndexCompleted = "RECOVERY_POINT_INDEX_COMPLETED";

    /// <summary>The <c>RECOVERY_POINT_INDEX_DELETED</c> event.</summary>
    public const string RecoveryPointIndexDeleted = "RECOVERY_POINT_INDEX_DELETED";

    /// <summary>The <c>RECOVERY_POINT_INDEXING_FAILED</c> event.</summary>
    public const string RecoveryPointIndexingFailed = "RECOVERY_POINT_INDEXING_FAILED";

    /// <summary>The <c>EKS_RESTORE_OBJECT_FAILED</c> event.</summary>
    public const string EksRestoreObjectFailed = "EKS_RESTORE_OBJECT_FAILED";

    /// <summary>The <c>EKS_RESTORE_OBJECT_SKIPPED</c> event.</summary>
    public const string EksRestoreObjectSkipped = "EKS_RESTORE_OBJECT_SKIPPED";

    /// <summary>The <c>EKS_BACKUP_OBJECT_FAILED</c> event.</summary>
    public const string EksBackupObjectFailed = "EKS_BACKUP_OBJECT_FAILED";

    /// <summary>The <c>ACCESS_POINT_AVAILABLE</c> event.</summary>
    public const string AccessPointAvailable = "ACCESS_POINT_AVAILABLE";

    /// <summary>The <c>ACCESS_POINT_CREATION_FAILED</c> event.</summary>
    public const string AccessPointCreationFailed = "ACCESS_POINT_CREATION_FAILED";

    /// <summary>The <c>ACCESS_POINT_DELETED</c> event.</summary>
    public const string AccessPointDeleted = "ACCESS_POINT_DELETED";

    /// <summary>The <c>ACCESS_POINT_DISASSOCIATED</c> event.</summary>
    public const string AccessPointDisassociated = "ACCESS_POINT_DISASSOCIATED";

    /// <summary>The <c>ACCESS_POINT_DELETION_FAILED</c> event.</summary>
    public const string AccessPointDeletionFailed = "ACCESS_POINT_DELETION_FAILED";

    /// <summary>The <c>ACCESS_POINT_EXPIRED</c> event.</summary>
    public const string AccessPointExpired = "ACCESS_POINT_EXPIRED";

    /// <summary>Gets the events most teams alert on: failed and expired jobs, and interrupted continuous backups.</summary>
    public static IReadOnlyList<string> Failures { get; } = [BackupJobFailed, BackupJobExpired, CopyJobFailed, RestoreJobFailed, ContinuousBackupInterrupted, S3BackupObjectFailed, S3RestoreObjectFailed];
}
