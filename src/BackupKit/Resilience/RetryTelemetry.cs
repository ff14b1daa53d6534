using BackupKit.Telemetry;

namespace BackupKit.Resilience;

/// <summary>
/// Turns a <see cref="RetryKind"/> into the <c>backupkit.retry.reason</c> tag value, so that the telemetry folder stays
/// below Resilience and knows nothing of its types.
/// </summary>
internal static class RetryTelemetry
{
    public static void RecordRetry(this BackupKitMetrics metrics, string operation, RetryKind kind) =>
        metrics.RecordRetry(operation, kind switch
        {
            RetryKind.Throttling => "throttling",
            RetryKind.ClockSkew => "clock_skew",
            _ => "transient",
        });
}
