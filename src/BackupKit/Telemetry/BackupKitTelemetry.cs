using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BackupKit.Telemetry;

/// <summary>
/// Names of BackupKit's <see cref="ActivitySource"/> and <see cref="Meter"/> (both <c>BackupKit</c>) and of its
/// instruments. Subscribe with <c>AddSource("BackupKit")</c> / <c>AddMeter("BackupKit")</c> in OpenTelemetry. Tags carry
/// operation names, error codes and request ids, never credentials or headers.
/// </summary>
public static class BackupKitTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "BackupKit";

    /// <summary>Instrument name: calls made (tags <c>rpc.method</c>, <c>outcome</c>).</summary>
    public const string CallsInstrument = "backupkit.client.calls";

    /// <summary>Instrument name: retries made (tags <c>rpc.method</c>, <c>backupkit.retry.reason</c>).</summary>
    public const string RetriesInstrument = "backupkit.client.retries";

    /// <summary>Instrument name: failed calls (tags <c>rpc.method</c>, <c>error.type</c>).</summary>
    public const string ErrorsInstrument = "backupkit.client.errors";

    /// <summary>Instrument name: call duration in seconds, retries included (tags <c>rpc.method</c>, <c>outcome</c>).</summary>
    public const string DurationInstrument = "backupkit.client.duration";

    internal const string OperationTag = "rpc.method";
    internal const string OutcomeTag = "outcome";
    internal const string ErrorTypeTag = "error.type";
    internal const string RetryReasonTag = "backupkit.retry.reason";
    internal const string AttemptsTag = "backupkit.attempts";
    internal const string RequestIdTag = "aws.request_id";
    internal const string RegionTag = "cloud.region";
    internal const string StatusCodeTag = "http.response.status_code";

    internal static readonly string? Version = typeof(BackupKitTelemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource ActivitySource = new(Name, Version);
}
