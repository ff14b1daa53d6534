using Amazon.Runtime;
using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Hosting;

/// <summary>What a user reads: expected look-ups stay at Debug, refused credentials arrive as typed exceptions.</summary>
public sealed class LogLevelAndErrorTests
{
    [Fact]
    public async Task PlanAndApply_OfANewVault_LogNoWarning_TheNotFoundLookUpsAreDebug()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddBackupKit(o =>
        {
            o.Client.ServiceUrl = emulator.Endpoint;
            o.Client.Region = TestCredentials.Region;
            o.Client.Credentials = TestCredentials.Basic;
        });
        await using var provider = services.BuildServiceProvider();
        var applier = provider.GetRequiredService<PostureApplier>();
        var posture = BackupPosture.Create().AddVault("quiet", v => v.Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(35)))).Build();

        await applier.PlanAsync(posture);
        await applier.ApplyAsync(posture);
        await applier.ApplyAsync(posture); // the vault now exists, without access policy or notifications

        Assert.DoesNotContain(logs.Logs, l => l.Level >= LogLevel.Warning);
        Assert.Contains(logs.Logs, l => l.EventId.Name == "LookupFoundNothing" && l.Level == LogLevel.Debug && l.Message.StartsWith("DescribeBackupVault found nothing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWrite_ThatFindsNothing_IsStillAWarning()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var client = new BackupClient(
            new BackupClientOptions { ServiceUrl = emulator.Endpoint, Region = TestCredentials.Region, Credentials = TestCredentials.Basic },
            loggerFactory, null);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DeleteBackupVaultAsync(new DeleteBackupVaultInput { BackupVaultName = "absent" }));

        Assert.Contains(logs.Logs, l => l.EventId.Name == "CallFailed" && l.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task AWrongSecret_IsABackupAuthenticationException_NamingTheCredentialSource_NotTheSecret()
    {
        var options = new BackupEmulatorOptions();
        options.SecretsByAccessKey[TestCredentials.AccessKey] = TestCredentials.SecretKey;
        await using var emulator = await BackupEmulator.StartAsync(options);
        using var client = TestCredentials.CreateClient(emulator.Endpoint, new BasicAWSCredentials(TestCredentials.AccessKey, "not-the-secret"));

        var error = await Assert.ThrowsAsync<BackupAuthenticationException>(() => client.ListBackupVaultsAsync(new ListBackupVaultsInput()));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("did not accept the credentials from BasicAWSCredentials for ListBackupVaults", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<BackupServiceException>(error);
    }
}
