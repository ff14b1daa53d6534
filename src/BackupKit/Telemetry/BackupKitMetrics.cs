using System.Diagnostics.Metrics;

namespace BackupKit.Telemetry;

/// <summary>
/// The client's instruments on a <c>BackupKit</c> meter: from the host's <see cref="IMeterFactory"/> when there is one
/// (so each container has its own meter, as .NET recommends), otherwise one process-wide meter.
/// </summary>
internal sealed class BackupKitMetrics
{
    private readonly Counter<long> _calls;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;

    private BackupKitMetrics(Meter meter)
    {
        _calls = meter.CreateCounter<long>(BackupKitTelemetry.CallsInstrument, "{call}", "AWS Backup calls made by BackupKit.");
        _retries = meter.CreateCounter<long>(BackupKitTelemetry.RetriesInstrument, "{retry}", "Retries of AWS Backup calls.");
        _errors = meter.CreateCounter<long>(BackupKitTelemetry.ErrorsInstrument, "{call}", "AWS Backup calls that failed.");
        _duration = meter.CreateHistogram<double>(BackupKitTelemetry.DurationInstrument, "s", "Duration of AWS Backup calls, retries included.");
    }

    /// <summary>The process-wide instruments, for clients created without a meter factory.</summary>
    public static BackupKitMetrics Shared { get; } = new(new Meter(BackupKitTelemetry.Name, BackupKitTelemetry.Version));

    /// <summary>The instruments of <paramref name="factory"/>'s <c>BackupKit</c> meter, or <see cref="Shared"/>.</summary>
    public static BackupKitMetrics For(IMeterFactory? factory) =>
        factory is null ? Shared : new(factory.Create(new MeterOptions(BackupKitTelemetry.Name) { Version = BackupKitTelemetry.Version }));

    /// <summary>Counts one retry; <paramref name="reason"/> is the tag value (<c>throttling</c>, <c>transient</c>, <c>clock_skew</c>).</summary>
    public void RecordRetry(string operation, string reason)
    {
        if (_retries.Enabled)
        {
            _retries.Add(
                1,
                new KeyValuePair<string, object?>(BackupKitTelemetry.OperationTag, operation),
                new KeyValuePair<string, object?>(BackupKitTelemetry.RetryReasonTag, reason));
        }
    }

    public void RecordCall(string operation, double seconds, string? errorType)
    {
        var outcome = new KeyValuePair<string, object?>(BackupKitTelemetry.OutcomeTag, errorType is null ? "success" : "failure");
        var op = new KeyValuePair<string, object?>(BackupKitTelemetry.OperationTag, operation);
        if (_calls.Enabled)
        {
            _calls.Add(1, op, outcome);
        }

        if (_duration.Enabled)
        {
            _duration.Record(seconds, op, outcome);
        }

        if (errorType is not null && _errors.Enabled)
        {
            _errors.Add(1, op, new KeyValuePair<string, object?>(BackupKitTelemetry.ErrorTypeTag, errorType));
        }
    }
}
