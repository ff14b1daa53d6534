using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupKit.Verification.RestoreTesting;

/// <summary>
/// A hosted service that validates AWS's scheduled restore tests every <see cref="RestoreTestingValidationOptions.ScanInterval"/>.
/// Register it with <c>services.AddRestoreTestingValidation(...)</c>. A failed scan is logged and retried at the next
/// interval; it never stops the host.
/// </summary>
public sealed class RestoreTestingValidationService : BackgroundService
{
    private readonly RestoreTestingValidationHandler _handler;
    private readonly RestoreTestingValidationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="handler">The handler that validates.</param>
    /// <param name="options">The options (for the scan interval).</param>
    /// <param name="timeProvider">The clock for the interval.</param>
    /// <param name="logger">Where to log, or <see langword="null"/>.</param>
    public RestoreTestingValidationService(RestoreTestingValidationHandler handler, RestoreTestingValidationOptions options, TimeProvider timeProvider, ILogger<RestoreTestingValidationService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _handler = handler;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Raised after each scan with its results (for monitoring and tests).</summary>
    public event Action<IReadOnlyList<RestoreTestValidation>>? Scanned;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ScanInterval, _timeProvider);
        do
        {
            try
            {
                var results = await _handler.ValidatePendingAsync(stoppingToken).ConfigureAwait(false);
                Scanned?.Invoke(results);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                VerificationLog.RestoreTestScanFailed(_logger, e, BackupKit.Rules.DurationText.Format(_options.ScanInterval));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
