using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.Runtime;
using BackupKit.Local;
using BackupKit.Telemetry;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackupKit.Tests.Hosting;

/// <summary>
/// A sentinel secret key and session token must never show up in a log line (Trace level and up), an exception
/// message or an activity tag, on success and on every error path; neither may a signature or Authorization header.
/// </summary>
public sealed class SecretLeakTests
{
    private const string SentinelSecret = "SENTINEL-SECRET-9f2c41d7e0b3";
    private const string SentinelToken = "SENTINEL-TOKEN-5a8e02c6b1f4";

    [Fact]
    public async Task Secrets_NeverReachLogsExceptionsOrActivities()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddBackupKit(o =>
        {
            o.Client.ServiceUrl = emulator.Endpoint;
            o.Client.Region = TestCredentials.Region;
            o.Client.Credentials = new SessionAWSCredentials(TestCredentials.AccessKey, SentinelSecret, SentinelToken);
            o.Client.Resilience = TestCredentials.FastResilience();
            o.Client.Resilience.CircuitBreakerMinimumThroughput = 2;
            o.Client.Resilience.CircuitBreakerFailureRatio = 0.9;
            o.Client.Resilience.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(10);
        });
        var tags = new ConcurrentQueue<string>();
        using var root = new Activity("secret-leak-root").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BackupKitTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == root.TraceId)
                {
                    foreach (var tag in activity.TagObjects)
                    {
                        tags.Enqueue($"{tag.Key}={tag.Value}");
                    }

                    tags.Enqueue(activity.StatusDescription ?? string.Empty);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IBackupClient>();
        var exceptions = new List<Exception>();

        await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "leak-vault" });
        emulator.Faults.Throttle("ListBackupVaults", times: 1);
        await client.ListBackupVaultsAsync(new ListBackupVaultsInput());
        emulator.Faults.DropConnectionAfterCommit("CreateBackupPlan");
        await client.CreateBackupPlanAsync(Plan("leak-plan"));
        emulator.Faults.Error("CreateBackupPlan", "LimitExceededException", 400);
        exceptions.Add(await Assert.ThrowsAsync<LimitExceededException>(() => client.CreateBackupPlanAsync(Plan("leak-plan-2"))));
        exceptions.Add(await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = "no-such-vault" })));
        emulator.Faults.Throttle("ListBackupPlans", times: 10);
        exceptions.Add(await Assert.ThrowsAsync<ThrottlingException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput())));
        emulator.Faults.ServerError("GetBackupPlan", times: 100);
        exceptions.Add(await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = "x" })));
        exceptions.Add(await Assert.ThrowsAnyAsync<Exception>(() => client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = "x" })));
        exceptions.Add(await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput(), new CancellationToken(true))));

        Assert.NotEmpty(logs.Logs);
        Assert.Contains(logs.Logs, l => l.Level == LogLevel.Trace);
        Assert.Contains(logs.Logs, l => l.EventId.Name == "RetryScheduled");
        Assert.Contains(logs.Logs, l => l.EventId.Name == "CallFailed");
        Assert.NotEmpty(tags);
        var everything = logs.Logs.Select(l => l.AllText)
            .Concat(exceptions.Select(e => e.ToString()))
            .Concat(tags)
            .ToList();
        foreach (var text in everything)
        {
            Assert.DoesNotContain(SentinelSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SentinelToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Signature=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AWS4-HMAC-SHA256", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ATokenTheServerEchoesBack_IsMaskedInTheExceptionAndTheLogs()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(
            400,
            $$"""{"message":"The security token {{SentinelToken}} included in the request is invalid; secret {{SentinelSecret}}","Context":"{{SentinelToken}}"}""",
            [new("x-amzn-errortype", "UnrecognizedClientException")]);
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var client = new BackupClient(
            new BackupClientOptions
            {
                ServiceUrl = server.Endpoint,
                Region = TestCredentials.Region,
                Credentials = new SessionAWSCredentials(TestCredentials.AccessKey, SentinelSecret, SentinelToken),
                Resilience = TestCredentials.FastResilience(),
            },
            factory,
            null);

        var error = await Assert.ThrowsAnyAsync<BackupServiceException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.Contains("The security token ****", error.Message, StringComparison.Ordinal);
        foreach (var text in logs.Logs.Select(l => l.AllText).Append(error.ToString()))
        {
            Assert.DoesNotContain(SentinelSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SentinelToken, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UserInfoInTheServiceUrl_IsRefused_WithoutRepeatingIt()
    {
        var options = new BackupClientOptions
        {
            ServiceUrl = new Uri("https://admin:" + SentinelSecret + "@backup.example.test:8443/"),
            Region = TestCredentials.Region,
            Credentials = TestCredentials.Basic,
        };

        var error = Assert.Throws<ArgumentException>(() => new BackupClient(options));

        Assert.Contains("user information", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://backup.example.test:8443/", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SentinelSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("admin", error.ToString(), StringComparison.Ordinal);
    }

    private static CreateBackupPlanInput Plan(string name) => new()
    {
        BackupPlan = new BackupPlanInput { BackupPlanName = name, Rules = [new BackupRuleInput { RuleName = "r", TargetBackupVaultName = "leak-vault" }] },
    };
}
