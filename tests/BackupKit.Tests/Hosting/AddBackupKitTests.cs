using BackupKit.Hosting;
using BackupKit.Local;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Tests.Hosting;

/// <summary>The DI registration: one client, options validated at start, the host's clock used.</summary>
public sealed class AddBackupKitTests
{
    [Fact]
    public async Task AddBackupKit_RegistersOneClient_ThatCallsTheEmulator()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddBackupKit(o =>
        {
            o.Client.ServiceUrl = emulator.Endpoint;
            o.Client.Region = TestCredentials.Region;
            o.Client.Credentials = TestCredentials.Basic;
        });
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var client = provider.GetRequiredService<IBackupClient>();
        var vault = await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "di-vault" });

        Assert.Same(client, provider.GetRequiredService<IBackupClient>());
        Assert.Same(client, provider.GetRequiredService<BackupClient>());
        Assert.Equal("di-vault", vault.BackupVaultName);
    }

    [Fact]
    public void InvalidOptions_FailAtStart_WithEveryBrokenRuleNamed()
    {
        var services = new ServiceCollection();
        services.AddBackupKit(o =>
        {
            o.Client.ServiceUrl = new Uri("http://127.0.0.1:4566");
            o.Client.UseFips = true;
            o.Client.Resilience.MaxAttempts = 42;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith("BackupKitOptions.Client.UseFips is true while BackupKitOptions.Client.ServiceUrl is set", StringComparison.Ordinal));
        Assert.Contains("BackupKitOptions.Client.Resilience.MaxAttempts is 42; it must be between 1 and 10 (1 turns retries off).", error.Failures);
    }

    [FactWhenNoRegionInEnvironment]
    public void MissingRegion_FailsAtStart_WhenTheEnvironmentHasNone()
    {
        var services = new ServiceCollection();
        services.AddBackupKit(o => o.Client.ServiceUrl = new Uri("http://127.0.0.1:4566"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith("BackupKitOptions.Client.Region is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegisteredTimeProvider_IsKept_AndSignsTheRequests()
    {
        await using var server = new RawHttpServer();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddBackupKit(o =>
        {
            o.Client.ServiceUrl = server.Endpoint;
            o.Client.Region = TestCredentials.Region;
            o.Client.Credentials = TestCredentials.Basic;
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IBackupClient>().ListBackupPlansAsync(new ListBackupPlansInput());

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        var request = Assert.Single(server.Requests);
        Assert.Equal("20300102T030405Z", request.Header("x-amz-date"));
        Assert.Contains("Credential=AKIDBACKUPKITTEST/20300102/us-east-1/backup/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutRegisteredTimeProvider_TheSystemClockIsRegistered()
    {
        var services = new ServiceCollection();
        services.AddBackupKit(o => o.Client.Region = TestCredentials.Region);
        using var provider = services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }
}

/// <summary>
/// A fact that only means something where the environment names no AWS Region (AWS_REGION, shared config, instance
/// metadata); elsewhere it is reported as skipped, not silently passed.
/// </summary>
internal sealed class FactWhenNoRegionInEnvironmentAttribute : FactAttribute
{
    public FactWhenNoRegionInEnvironmentAttribute()
    {
        if (Amazon.Runtime.FallbackRegionFactory.GetRegionEndpoint() is { } region)
        {
            Skip = $"This machine names the Region {region.SystemName} (environment, shared config or instance metadata): nothing is missing.";
        }
    }
}
