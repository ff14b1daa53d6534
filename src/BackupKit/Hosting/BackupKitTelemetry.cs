using System.Diagnostics;
using System.Diagnostics.Metrics;
using BackupKit.Resilience;

namespace BackupKit.Hosting;

/// <summary>
/// BackupKit's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>BackupKit</c>. Subscribe with
/// <c>AddSource("BackupKit")</c> / <c>AddMeter("BackupKit")</c> in OpenTelemetry. Tags carry operation names, error codes
/// and request ids, never credentials or headers.
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

    private static readonly string? Version = typeof(BackupKitTelemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource ActivitySource = new(Name, Version);
    internal static readonly Meter Meter = new(Name, Version);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsInstrument, "{call}", "AWS Backup calls made by BackupKit.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Retries of AWS Backup calls.");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsInstrument, "{call}", "AWS Backup calls that failed.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "s", "Duration of AWS Backup calls, retries included.");

    internal static void RecordRetry(string operation, RetryKind kind)
    {
        if (Retries.Enabled)
        {
            Retries.Add(1, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(RetryReasonTag, kind == RetryKind.Throttling ? "throttling" : "transient"));
        }
    }

    internal static void RecordCall(string operation, double seconds, string? errorType)
    {
        var outcome = errorType is null ? "success" : "failure";
        if (Calls.Enabled)
        {
            Calls.Add(1, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }

        if (Duration.Enabled)
        {
            Duration.Record(seconds, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }

        if (errorType is not null && Errors.Enabled)
        {
            Errors.Add(1, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(ErrorTypeTag, errorType));
        }
    }
}
