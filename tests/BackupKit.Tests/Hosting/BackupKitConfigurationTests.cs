using BackupKit.Hosting;
using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Hosting;

/// <summary>AddBackupKit's overloads, configuration binding, keyed clients per Region and start-up checks.</summary>
public sealed class BackupKitConfigurationTests
{
    [Fact]
    public async Task ConfigurationSection_BindsTheDefaultClient_TheApplyOptions_AndOneKeyedClientPerRegion()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackupKit:Client:Region"] = "eu-west-1",
            ["BackupKit:Client:ServiceUrl"] = emulator.Endpoint.ToString(),
            ["BackupKit:Client:Resilience:MaxAttempts"] = "2",
            ["BackupKit:Apply:DeleteUndeclared"] = "true",
            ["BackupKit:Clients:us-east-1:Resilience:MaxAttempts"] = "4",
            ["BackupKit:Clients:dr/us-west-2:Resilience:AttemptTimeout"] = "00:00:04",
        }).Build();
        var services = new ServiceCollection();
        var builder = services.AddBackupKit(configuration);
        builder.Configure(o => o.Client.Credentials = TestCredentials.Basic);
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var defaults = provider.GetRequiredService<IOptions<BackupKitOptions>>().Value;
        Assert.Equal("eu-west-1", defaults.Client.Region);
        Assert.Equal(2, defaults.Client.Resilience.MaxAttempts);
        Assert.True(defaults.Apply.DeleteUndeclared);

        var monitor = provider.GetRequiredService<IOptionsMonitor<BackupKitOptions>>();
        var east = monitor.Get("us-east-1");
        Assert.Equal("us-east-1", east.Client.Region);
        Assert.Equal(emulator.Endpoint, east.Client.ServiceUrl);              // inherited from the default client
        Assert.Equal(4, east.Client.Resilience.MaxAttempts);                  // its own
        Assert.True(east.Apply.DeleteUndeclared);
        var dr = monitor.Get("dr/us-west-2");
        Assert.Equal("us-west-2", dr.Client.Region);
        Assert.Equal(TimeSpan.FromSeconds(4), dr.Client.Resilience.AttemptTimeout);
        Assert.Equal(2, dr.Client.Resilience.MaxAttempts);

        var clients = provider.GetRequiredService<BackupKitClients>();
        Assert.Equal(["dr/us-west-2", "us-east-1"], clients.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("us-east-1", Assert.IsType<BackupClient>(provider.GetRequiredKeyedService<IBackupClient>("us-east-1")).Region);
        Assert.Same(clients.GetClient("us-east-1"), provider.GetRequiredKeyedService<IBackupClient>("us-east-1"));
        Assert.Equal("eu-west-1", provider.GetRequiredService<BackupClient>().Region);
    }

    [Fact]
    public async Task KeyedClients_ApplyOnePostureToTwoRegions()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddBackupKit(o =>
            {
                o.Client.ServiceUrl = emulator.Endpoint;
                o.Client.Credentials = TestCredentials.Basic;
            })
            .AddClient("us-east-1")
            .AddClient("eu-central-1");
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var posture = BackupPosture.Create()
            .AddVault("hosted", v => v.Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400))))
            .Build();

        var clients = provider.GetRequiredService<BackupKitClients>();
        foreach (var key in clients.Keys)
        {
            var result = await clients.GetApplier(key).ApplyAsync(posture);
            Assert.True(result.HasChanges);
        }

        foreach (var key in clients.Keys)
        {
            var vault = await clients.GetClient(key).DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = "hosted" });
            Assert.StartsWith($"arn:aws:backup:{key}:", vault.BackupVaultArn, StringComparison.Ordinal);
            Assert.False((await clients.GetApplier(key).DetectDriftAsync(posture)).HasDrift);
        }
    }

    [Fact]
    public void SecondRegistrationOfAKey_FailsLoudly()
    {
        var services = new ServiceCollection();
        var builder = services.AddBackupKit().AddClient("eu-west-1");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddClient("eu-west-1", o => o.ProfileName = "other"));
        Assert.Contains("A BackupKit client with the key 'eu-west-1' is already registered", error.Message, StringComparison.Ordinal);

        // Also across calls and sources: a key from configuration, then the same key in code.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackupKit:Clients:us-east-1:ProfileName"] = "prod",
        }).Build();
        var other = new ServiceCollection();
        other.AddBackupKit(configuration);
        Assert.Throws<InvalidOperationException>(() => other.AddBackupKit().AddClient("us-east-1"));
    }

    [Theory]
    [InlineData("us-east-l", "did you mean 'us-east-1'?")]
    [InlineData("eu-wset-1", "did you mean 'eu-west-1'?")]
    [InlineData("mars-north-1", "use a Region name such as 'us-east-1'")]
    public void RegionTypo_FailsAtStart_WithASuggestion(string region, string expected)
    {
        var services = new ServiceCollection();
        services.AddBackupKit(o => o.Client.Region = region);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith($"BackupKitOptions.Client.Region is '{region}', which is not an AWS Region", StringComparison.Ordinal) && f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void KeyedClientRegionTypo_FailsAtStart_NamingTheKey()
    {
        var services = new ServiceCollection();
        services.AddBackupKit(o => o.Client.Region = "us-east-1").AddClient("us-wset-2");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("BackupKitOptions.Clients[us-wset-2].Region is 'us-wset-2', which is not an AWS Region; did you mean 'us-west-2'?", error.Failures);
    }

    [Fact]
    public void ARegionNewerThanTheTable_IsAccepted_WhenItFollowsThePartitionPattern()
    {
        var services = new ServiceCollection();
        services.AddBackupKit(o => o.Client.Region = "ap-south-9");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void ApplyOptions_SetInCode_ReachTheRegisteredApplier()
    {
        var services = new ServiceCollection();
        services.AddBackupKit(o =>
        {
            o.Client.Region = "us-east-1";
            o.Apply = o.Apply with { DeleteUndeclared = true, DeleteUndeclaredVaults = true };
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<BackupKitOptions>>().Value;
        Assert.True(options.Apply.DeleteUndeclared);
        Assert.True(options.Apply.DeleteUndeclaredVaults);
        Assert.NotNull(provider.GetRequiredService<PostureApplier>());
    }

    [Theory]
    [InlineData("http://127.0.0.1:4566", null, null, "http://127.0.0.1:4566/")]
    [InlineData(null, "http://127.0.0.1:9000", null, "http://127.0.0.1:9000/")]
    [InlineData("http://127.0.0.1:4566", "http://127.0.0.1:9000", null, "http://127.0.0.1:4566/")]
    [InlineData("http://127.0.0.1:4566", "http://127.0.0.1:9000", "true", null)]
    [InlineData(null, null, null, null)]
    public void ConfiguredEndpoint_FollowsTheAwsSdkPrecedence(string? serviceVariable, string? globalVariable, string? ignore, string? expected)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_BACKUP"] = serviceVariable,
            ["AWS_ENDPOINT_URL"] = globalVariable,
            ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = ignore,
        };

        var endpoint = ConfiguredEndpoint.Find(name => environment.GetValueOrDefault(name));

        Assert.Equal(expected, endpoint?.ToString());
    }

    [Fact]
    public void ConfiguredEndpoint_ThatIsNotAUrl_SaysWhichVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfiguredEndpoint.Find(name => name == "AWS_ENDPOINT_URL_BACKUP" ? "localhost:4566" : null));

        Assert.Contains("AWS_ENDPOINT_URL_BACKUP is 'localhost:4566'", error.Message, StringComparison.Ordinal);
    }
}
