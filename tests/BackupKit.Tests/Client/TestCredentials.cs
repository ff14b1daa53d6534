using Amazon.Runtime;
using BackupKit.Resilience;
using BackupKit.Wire;

namespace BackupKit.Tests.Client;

/// <summary>The credentials and fast resilience settings the client tests use.</summary>
internal static class TestCredentials
{
    public const string AccessKey = "AKIDBACKUPKITTEST";
    public const string SecretKey = "backupkit-test-secret";
    public const string Region = "us-east-1";

    public static BasicAWSCredentials Basic => new(AccessKey, SecretKey);

    /// <summary>Retries after about a millisecond; circuit breaker effectively off unless a test turns it on.</summary>
    public static BackupResilienceOptions FastResilience() => new()
    {
        ThrottlingBaseDelay = TimeSpan.FromMilliseconds(1),
        TransientBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryAfterExtension = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        TotalTimeout = TimeSpan.FromSeconds(20),
        CircuitBreakerMinimumThroughput = 1000,
        CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(10),
    };

    /// <summary>A client with its own retry quota, so that tests never share one through the process-wide registry.</summary>
    public static BackupClient CreateClient(Uri endpoint, AWSCredentials? credentials = null, BackupResilienceOptions? resilience = null, TimeProvider? timeProvider = null) =>
        new(
            new BackupClientOptions
            {
                ServiceUrl = endpoint,
                Region = Region,
                Credentials = credentials ?? Basic,
                Resilience = resilience ?? FastResilience(),
            },
            null,
            timeProvider,
            new RetryQuotaRegistry());
}
