using Microsoft.Extensions.Logging;

namespace BackupKit.Verification;

/// <summary>Log lines of restore verification, source-generated. Event ids 4000-4099.</summary>
internal static partial class VerificationLog
{
    [LoggerMessage(EventId = 4000, EventName = "DrillStarting", Level = LogLevel.Information,
        Message = "Restore drill {Drill} ({RunId}) starting: {ResourceCount} resource(s) from {Source}, recovery point {Choice}")]
    public static partial void DrillStarting(ILogger logger, string drill, string runId, int resourceCount, string source, string choice);

    [LoggerMessage(EventId = 4001, EventName = "PreflightFailed", Level = LogLevel.Warning,
        Message = "Preflight of {ResourceArn} failed: {Reason}")]
    public static partial void PreflightFailed(ILogger logger, string resourceArn, string reason);

    [LoggerMessage(EventId = 4002, EventName = "NothingStarted", Level = LogLevel.Warning,
        Message = "Restore drill {Drill} ({RunId}) started no restore: {FailedCount} resource(s) failed preflight")]
    public static partial void NothingStarted(ILogger logger, string drill, string runId, int failedCount);

    [LoggerMessage(EventId = 4003, EventName = "RestoreStarted", Level = LogLevel.Information,
        Message = "Restore job {RestoreJobId} started for {ResourceArn} from {RecoveryPointArn}")]
    public static partial void RestoreStarted(ILogger logger, string restoreJobId, string resourceArn, string recoveryPointArn);

    [LoggerMessage(EventId = 4004, EventName = "RestoreEnded", Level = LogLevel.Information,
        Message = "Restore job {RestoreJobId} of {ResourceArn} ended {Status} after {DurationMinutes} min")]
    public static partial void RestoreEnded(ILogger logger, string restoreJobId, string resourceArn, string status, double durationMinutes);

    [LoggerMessage(EventId = 4005, EventName = "ValidatorEnded", Level = LogLevel.Information,
        Message = "Validator {Validator} on {RestoredResourceArn}: {Outcome}: {Message}")]
    public static partial void ValidatorEnded(ILogger logger, string validator, string restoredResourceArn, ValidatorOutcome outcome, string message);

    [LoggerMessage(EventId = 4006, EventName = "TargetMissed", Level = LogLevel.Warning,
        Message = "{ResourceArn} missed its {Measure} target of {Limit} ({Actual})")]
    // Durations are passed as text in the unit a person thinks in (e.g. "1 hour 30 minutes"), not as "01:30:00".
    public static partial void TargetMissed(ILogger logger, string resourceArn, RecoveryMeasure measure, string limit, string actual);

    [LoggerMessage(EventId = 4007, EventName = "CleanupEnded", Level = LogLevel.Information,
        Message = "Restored resource {RestoredResourceArn}: {Outcome}: {Message}")]
    public static partial void CleanupEnded(ILogger logger, string restoredResourceArn, CleanupOutcome outcome, string message);

    [LoggerMessage(EventId = 4008, EventName = "DrillEnded", Level = LogLevel.Information,
        Message = "Restore drill {Drill} ({RunId}) ended {Outcome}: {Passed} of {Total} resource(s) passed, {LeftBehind} left behind")]
    public static partial void DrillEnded(ILogger logger, string drill, string runId, DrillOutcome outcome, int passed, int total, int leftBehind);

    [LoggerMessage(EventId = 4009, EventName = "ResourceFaulted", Level = LogLevel.Error,
        Message = "Verifying {ResourceArn} failed unexpectedly")]
    public static partial void ResourceFaulted(ILogger logger, Exception exception, string resourceArn);

    [LoggerMessage(EventId = 4020, EventName = "RestoreTestValidated", Level = LogLevel.Information,
        Message = "Restore test job {RestoreJobId} of {ResourceArn} validated {Status}: {Message}")]
    public static partial void RestoreTestValidated(ILogger logger, string restoreJobId, string resourceArn, string status, string message);

    [LoggerMessage(EventId = 4021, EventName = "RestoreTestWindowMissed", Level = LogLevel.Warning,
        Message = "Restore test job {RestoreJobId} of {ResourceArn}: its validation window ended at {WindowEnd} before it could be validated")]
    public static partial void RestoreTestWindowMissed(ILogger logger, string restoreJobId, string resourceArn, DateTimeOffset windowEnd);

    [LoggerMessage(EventId = 4022, EventName = "RestoreTestScanFailed", Level = LogLevel.Error,
        Message = "Scanning restore test jobs waiting for validation failed; retrying in {Interval}")]
    public static partial void RestoreTestScanFailed(ILogger logger, Exception exception, string interval);
}
