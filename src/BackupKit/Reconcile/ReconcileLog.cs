using Microsoft.Extensions.Logging;

namespace BackupKit.Reconcile;

/// <summary>The log messages of the reconcile engine (event ids 3000-3099).</summary>
internal static partial class ReconcileLog
{
    [LoggerMessage(EventId = 3000, EventName = "PostureRead", Level = LogLevel.Debug,
        Message = "Read live state: {VaultCount} vault(s), {PlanCount} plan(s) found for a posture of {DeclaredVaults} vault(s) and {DeclaredPlans} plan(s)")]
    public static partial void PostureRead(ILogger logger, int vaultCount, int planCount, int declaredVaults, int declaredPlans);

    [LoggerMessage(EventId = 3001, EventName = "PlanComputed", Level = LogLevel.Information,
        Message = "Posture plan: {Writes} change(s) to apply, {Unchanged} unchanged, {Undeclared} undeclared left alone, {Blocked} blocked")]
    public static partial void PlanComputed(ILogger logger, int writes, int unchanged, int undeclared, int blocked);

    [LoggerMessage(EventId = 3002, EventName = "ChangeApplying", Level = LogLevel.Debug,
        Message = "Applying {Action} of {Kind} {Name}")]
    public static partial void ChangeApplying(ILogger logger, ChangeAction action, PostureObjectKind kind, string name);

    [LoggerMessage(EventId = 3003, EventName = "ChangeApplied", Level = LogLevel.Information,
        Message = "Applied {Action} of {Kind} {Name}")]
    public static partial void ChangeApplied(ILogger logger, ChangeAction action, PostureObjectKind kind, string name);

    [LoggerMessage(EventId = 3004, EventName = "ApplyFailed", Level = LogLevel.Error,
        Message = "Applying {Action} of {Kind} {Name} failed after {Completed} completed change(s); {Remaining} change(s) not attempted")]
    public static partial void ApplyFailed(ILogger logger, Exception exception, ChangeAction action, PostureObjectKind kind, string name, int completed, int remaining);

    [LoggerMessage(EventId = 3005, EventName = "ApplyCanceled", Level = LogLevel.Warning,
        Message = "Apply canceled after {Completed} completed change(s); {Remaining} change(s) not attempted")]
    public static partial void ApplyCanceled(ILogger logger, int completed, int remaining);

    [LoggerMessage(EventId = 3006, EventName = "ApplyRefused", Level = LogLevel.Error,
        Message = "Apply refused before writing: {Blocked} change(s) cannot be applied in place")]
    public static partial void ApplyRefused(ILogger logger, int blocked);

    [LoggerMessage(EventId = 3007, EventName = "ApplyCompleted", Level = LogLevel.Information,
        Message = "Apply completed: {Writes} change(s) written, {Unchanged} unchanged")]
    public static partial void ApplyCompleted(ILogger logger, int writes, int unchanged);

    [LoggerMessage(EventId = 3008, EventName = "DriftDetected", Level = LogLevel.Information,
        Message = "Drift check: {Count} object(s) differ from the posture")]
    public static partial void DriftDetected(ILogger logger, int count);

    [LoggerMessage(EventId = 3009, EventName = "PlanStale", Level = LogLevel.Error,
        Message = "Apply of a reviewed plan refused before writing: {Count} object(s) moved since the plan was read")]
    public static partial void PlanStale(ILogger logger, int count);

    [LoggerMessage(EventId = 3010, EventName = "ConsentMissing", Level = LogLevel.Error,
        Message = "Apply refused before writing: {Count} irreversible or destructive change(s) not acknowledged")]
    public static partial void ConsentMissing(ILogger logger, int count);
}
