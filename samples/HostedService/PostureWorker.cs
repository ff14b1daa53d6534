using BackupKit.Hosting;
using BackupKit.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackupKit.Samples.HostedService;

/// <summary>
/// Applies the posture to every configured Region (one keyed client each), then reports drift on a timer until the
/// host stops; with <c>--once</c> it reports once and stops the host.
/// </summary>
public sealed partial class PostureWorker(
    BackupKitClients clients,
    IOptions<PostureWorkerOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<PostureWorker> logger) : BackgroundService
{
    private readonly BackupPosture _posture = SamplePosture.Declare();

    /// <summary>The number of drift reports that found drift, over all Regions (read by the sample's test).</summary>
    public int DriftFound { get; private set; }

    /// <summary>The number of drift checks done, over all Regions.</summary>
    public int DriftChecks { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var region in clients.Keys)
        {
            var result = await clients.GetApplier(region).ApplyAsync(_posture, stoppingToken);
            LogApplied(logger, region, result.Changes.Count(c => c.IsWrite));
        }

        using var timer = new PeriodicTimer(options.Value.DriftCheckInterval, timeProvider);
        do
        {
            foreach (var region in clients.Keys)
            {
                var drift = await clients.GetApplier(region).DetectDriftAsync(_posture, stoppingToken);
                DriftChecks++;
                if (drift.HasDrift)
                {
                    DriftFound++;
                    LogDrift(logger, region, drift.ToString());
                }
                else
                {
                    LogNoDrift(logger, region);
                }
            }

            if (options.Value.Once)
            {
                lifetime.StopApplication();
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Region}: posture applied ({Writes} writes)")]
    private static partial void LogApplied(ILogger logger, string region, int writes);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Region}: no drift")]
    private static partial void LogNoDrift(ILogger logger, string region);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Region}: drift found\n{Drift}")]
    private static partial void LogDrift(ILogger logger, string region, string drift);
}
