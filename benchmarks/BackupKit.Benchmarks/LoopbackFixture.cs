using System.Globalization;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using BackupKit.Wire;

namespace BackupKit.Benchmarks;

/// <summary>Shared set-up: test credentials, a plan to read, and a pre-signed GetBackupPlan request.</summary>
internal static class LoopbackFixture
{
    public const string Region = "us-east-1";
    public static readonly BasicAWSCredentials Credentials = new("AKIDBACKUPKITTEST", "backupkit-test-secret");

    public static BackupClient CreateClient(Uri endpoint) => new(endpoint, Region, Credentials);

    public static async Task<string> CreatePlanAsync(Uri endpoint)
    {
        using var client = CreateClient(endpoint);
        await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "bench-vault" });
        var plan = await client.CreateBackupPlanAsync(new CreateBackupPlanInput
        {
            BackupPlan = new BackupPlanInput
            {
                BackupPlanName = "bench",
                Rules =
                [
                    new BackupRuleInput { RuleName = "daily", TargetBackupVaultName = "bench-vault", ScheduleExpression = "cron(0 5 ? * * *)", Lifecycle = new Lifecycle { DeleteAfterDays = 35 } },
                    new BackupRuleInput { RuleName = "monthly", TargetBackupVaultName = "bench-vault", ScheduleExpression = "cron(0 5 1 * ? *)", Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 30, DeleteAfterDays = 365 } },
                ],
            },
        });
        return plan.BackupPlanId!;
    }

    /// <summary>A GetBackupPlan request signed once; the floor a client cannot go below.</summary>
    public static (Uri Uri, string Authorization, string AmzDate) PresignGetBackupPlan(Uri endpoint, string planId)
    {
        var path = "/backup/plans/" + planId + "/";
        var uri = new Uri(endpoint, path);
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var emptyHash = Convert.ToHexString(SHA256.HashData([])).ToLowerInvariant();
        var canonical = $"GET\n{path}\n\nhost:{host}\nx-amz-date:{amzDate}\n\nhost;x-amz-date\n{emptyHash}";
        var signature = AWS4Signer.ComputeSignature(Credentials.GetCredentials(), Region, now, "backup", "host;x-amz-date", canonical);
        return (uri, signature.ForAuthorizationHeader, amzDate);
    }

    /// <summary>
    /// A GetBackupPlan request with exactly the headers BackupKit's client sends on a first attempt (the JS-parity set,
    /// in the client's order), signed once with AWSSDK.Core's own SigV4 code: the honest floor, because the emulator
    /// then does the same work for the bare call as for the client's call.
    /// </summary>
    public static PresignedRequest PresignGetBackupPlanLikeClient(Uri endpoint, string planId)
    {
        // The client drops the trailing slash of the model's URI template, as the AWS SDK for JavaScript v3 does.
        var path = "/backup/plans/" + planId;
        var uri = new Uri(endpoint, path);
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = uri.IsDefaultPort ? uri.IdnHost : uri.IdnHost + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var emptyHash = Convert.ToHexString(SHA256.HashData([])).ToLowerInvariant();
        var invocationId = Guid.NewGuid().ToString();
        const string SdkRequest = "attempt=1; max=3";
        const string SignedHeaders = "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent";
        var canonical =
            $"GET\n{path}\n\n" +
            $"amz-sdk-invocation-id:{invocationId}\namz-sdk-request:{SdkRequest}\nhost:{host}\n" +
            $"x-amz-content-sha256:{emptyHash}\nx-amz-date:{amzDate}\nx-amz-user-agent:{BackupClient.SdkUserAgent}\n\n" +
            $"{SignedHeaders}\n{emptyHash}";
        var signature = AWS4Signer.ComputeSignature(Credentials.GetCredentials(), Region, now, "backup", SignedHeaders, canonical);
        return new PresignedRequest(uri,
        [
            new("Host", host),
            new("amz-sdk-invocation-id", invocationId),
            new("amz-sdk-request", SdkRequest),
            new("x-amz-content-sha256", emptyHash),
            new("x-amz-date", amzDate),
            new("x-amz-user-agent", BackupClient.SdkUserAgent),
            new("User-Agent", BackupClient.FullUserAgent),
            new("Authorization", signature.ForAuthorizationHeader),
        ]);
    }
}

/// <summary>A request URI and its headers, in send order, signed once.</summary>
internal sealed record PresignedRequest(Uri Uri, KeyValuePair<string, string>[] Headers);

