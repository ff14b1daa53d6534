using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.Runtime;
using BackupKit.Local;
using BackupKit.Resilience;
using BackupKit.Telemetry;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Tests.Client;

/// <summary>
/// Signatures checked by BackupKit.Local's independent SigV4 verifier (enabled by registering the secret), and the
/// clock-skew correction AWS SDKs perform when the service refuses a signing time.
/// </summary>
public sealed class SigningAgainstEmulatorTests
{
    [Fact]
    public async Task EverySignature_Verifies_ForLabelsWithReservedCharactersQueriesBodiesAndSessionTokens()
    {
        var options = new BackupEmulatorOptions();
        options.SecretsByAccessKey[TestCredentials.AccessKey] = TestCredentials.SecretKey;
        await using var emulator = await BackupEmulator.StartAsync(options);
        using var client = TestCredentials.CreateClient(
            emulator.Endpoint, new SessionAWSCredentials(TestCredentials.AccessKey, TestCredentials.SecretKey, "session/token+with=chars"));

        var vault = await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "signed-vault", BackupVaultTags = new() { ["team"] = "a b" } });
        var tags = await client.ListTagsAsync(new ListTagsInput { ResourceArn = vault.BackupVaultArn, MaxResults = 10 });
        await client.ListBackupVaultsAsync(new ListBackupVaultsInput { MaxResults = 5 });

        Assert.Contains(":", vault.BackupVaultArn, StringComparison.Ordinal);
        Assert.Equal("a b", tags.Tags!["team"]);
        Assert.Equal(1, emulator.Faults.RequestCount("ListTags"));
    }

    [Fact]
    public async Task WrongSecret_IsRefused_AndNotRetried()
    {
        var options = new BackupEmulatorOptions();
        options.SecretsByAccessKey[TestCredentials.AccessKey] = TestCredentials.SecretKey;
        await using var emulator = await BackupEmulator.StartAsync(options);
        using var client = TestCredentials.CreateClient(emulator.Endpoint, new BasicAWSCredentials(TestCredentials.AccessKey, "not-the-secret"));
        using var attempts = new AttemptRecorder();

        var error = await Assert.ThrowsAsync<BackupAuthenticationException>(() => client.ListBackupVaultsAsync(new ListBackupVaultsInput()));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal([1], attempts.Attempts);
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(20)]
    public async Task ClockSkew_IsCorrectedWithOneExtraRequest_AndNoRetryQuota(int skewMinutes)
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var skewedClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(skewMinutes));
        var quotas = new RetryQuotaRegistry();
        var resilience = TestCredentials.FastResilience();
        using var client = new BackupClient(
            new BackupClientOptions { ServiceUrl = emulator.Endpoint, Region = TestCredentials.Region, Credentials = TestCredentials.Basic, Resilience = resilience },
            null,
            skewedClock,
            quotas);

        using var attempts = new AttemptRecorder();

        // The first call is refused ("Signature expired" / "not yet current"), corrects the offset from the answer's
        // Date header and succeeds on a second attempt; the next call is signed right at once.
        await client.ListBackupVaultsAsync(new ListBackupVaultsInput());
        await client.ListBackupVaultsAsync(new ListBackupVaultsInput());

        Assert.Equal([2, 1], attempts.Attempts);
        Assert.Equal(2, emulator.Faults.RequestCount("ListBackupVaults"));
        Assert.Equal(resilience.RetryQuotaCapacity, quotas.Get(emulator.Endpoint, resilience.RetryQuotaCapacity).Available);
    }

    /// <summary>Records the attempt count of every BackupKit activity of the current trace.</summary>
    private sealed class AttemptRecorder : IDisposable
    {
        private readonly Activity _root = new Activity("attempt-recorder").Start();
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<int> _attempts = new();

        public AttemptRecorder()
        {
            var traceId = _root.TraceId;
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == BackupKitTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.TraceId == traceId)
                    {
                        _attempts.Enqueue((int)activity.GetTagItem("backupkit.attempts")!);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int[] Attempts => [.. _attempts];

        public void Dispose()
        {
            _listener.Dispose();
            _root.Dispose();
        }
    }
}
