using BackupKit.Samples.HostedService;

namespace BackupKit.Tests.Reconcile;

/// <summary>The HostedService sample runs in CI: with --once it applies to both Regions of its appsettings.json and reports no drift.</summary>
public sealed class HostedServiceSampleTests
{
    [Fact]
    public async Task Once_AppliesToBothRegions_AndFindsNoDrift()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var worker = await HostedServiceSample.RunAsync(["--once"], cancellationToken: timeout.Token);

        Assert.Equal(2, worker.DriftChecks);
        Assert.Equal(0, worker.DriftFound);
    }
}
