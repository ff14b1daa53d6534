using System.Diagnostics;
using System.Diagnostics.Metrics;
using BackupKit.Telemetry;

namespace BackupKit.Verification;

/// <summary>
/// Activities and instruments of restore verification, on BackupKit's <c>BackupKit</c> activity source and meter.
/// Activities: <c>RestoreDrill</c> per drill, <c>RestoreDrill.Resource</c> per resource,
/// <c>RestoreTesting.Validate</c> per validated restore test job.
/// </summary>
internal sealed class VerificationTelemetry
{
    public const string DrillActivity = "RestoreDrill";
    public const string ResourceActivity = "RestoreDrill.Resource";
    public const string RestoreTestingActivity = "RestoreTesting.Validate";

    /// <summary>Restore duration in seconds (tags <c>backupkit.resource.type</c>, <c>outcome</c>).</summary>
    public const string RestoreDurationInstrument = "backupkit.restore.duration";

    /// <summary>Validation duration in seconds (tags <c>backupkit.resource.type</c>).</summary>
    public const string ValidationDurationInstrument = "backupkit.restore.validation.duration";

    /// <summary>Validator results (tags <c>backupkit.validator</c>, <c>backupkit.resource.type</c>, <c>outcome</c>).</summary>
    public const string ValidationsInstrument = "backupkit.restore.validations";

    /// <summary>Resources found stale by the last staleness check.</summary>
    public const string StaleResourcesInstrument = "backupkit.restore.stale_resources";

    internal const string ResourceTypeTag = "backupkit.resource.type";
    internal const string ValidatorTag = "backupkit.validator";

    private readonly Histogram<double> _restoreDuration;
    private readonly Histogram<double> _validationDuration;
    private readonly Counter<long> _validations;
    private int _stale;

    private VerificationTelemetry(Meter meter)
    {
        _restoreDuration = meter.CreateHistogram<double>(RestoreDurationInstrument, "s", "Restore job duration, created to completed, as AWS Backup reports it.");
        _validationDuration = meter.CreateHistogram<double>(ValidationDurationInstrument, "s", "Time the validators of one restored resource took.");
        _validations = meter.CreateCounter<long>(ValidationsInstrument, "{validation}", "Validator results of restored resources.");
        meter.CreateObservableGauge(StaleResourcesInstrument, () => Volatile.Read(ref _stale), "{resource}", "Resources whose last successful restore verification is older than the limit, at the last check.");
    }

    public static ActivitySource Source => BackupKitTelemetry.ActivitySource;

    /// <summary>The process-wide instruments.</summary>
    public static VerificationTelemetry Metrics { get; } = new(new Meter(BackupKitTelemetry.Name, BackupKitTelemetry.Version));

    public static VerificationTelemetry For(IMeterFactory? factory) =>
        factory is null ? Metrics : new(factory.Create(new MeterOptions(BackupKitTelemetry.Name) { Version = BackupKitTelemetry.Version }));

    public void RecordRestore(string resourceType, TimeSpan duration, bool succeeded)
    {
        if (_restoreDuration.Enabled)
        {
            _restoreDuration.Record(
                duration.TotalSeconds,
                new KeyValuePair<string, object?>(ResourceTypeTag, resourceType),
                new KeyValuePair<string, object?>(BackupKitTelemetry.OutcomeTag, succeeded ? "success" : "failure"));
        }
    }

    public void RecordValidation(string resourceType, string validator, ValidatorOutcome outcome)
    {
        if (_validations.Enabled)
        {
            _validations.Add(
                1,
                new KeyValuePair<string, object?>(ValidatorTag, validator),
                new KeyValuePair<string, object?>(ResourceTypeTag, resourceType),
                new KeyValuePair<string, object?>(BackupKitTelemetry.OutcomeTag, OutcomeName(outcome)));
        }
    }

    public void RecordValidationDuration(string resourceType, TimeSpan duration)
    {
        if (_validationDuration.Enabled)
        {
            _validationDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(ResourceTypeTag, resourceType));
        }
    }

    public void RecordStale(int count) => Volatile.Write(ref _stale, count);

    internal static string OutcomeName(ValidatorOutcome outcome) => outcome switch
    {
        ValidatorOutcome.Passed => "passed",
        ValidatorOutcome.Failed => "failed",
        ValidatorOutcome.TimedOut => "timed_out",
        _ => "errored",
    };
}
