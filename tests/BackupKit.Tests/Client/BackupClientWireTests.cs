using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using BackupKit.Wire;

namespace BackupKit.Tests.Client;

/// <summary>
/// What the client puts on the wire, read back byte-for-byte by a loopback server: the same method, path, query, body
/// and signed header set as the AWS SDK for JavaScript v3, and a signature that verifies against what was sent.
/// </summary>
public sealed class BackupClientWireTests
{
    private const string JsSignedWithBodyAndToken =
        "amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-user-agent";

    private const string JsSignedWithoutBody =
        "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent";

    [Fact]
    public async Task CreateBackupPlan_SendsWhatTheJavaScriptSdkSends_AndTheSignatureVerifies()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(200, """{"BackupPlanId":"plan-1","VersionId":"v1"}""");
        var credentials = new SessionAWSCredentials(TestCredentials.AccessKey, TestCredentials.SecretKey, "session-token-1");
        using var client = TestCredentials.CreateClient(server.Endpoint, credentials);

        var output = await client.CreateBackupPlanAsync(new CreateBackupPlanInput
        {
            BackupPlan = new BackupPlanInput { BackupPlanName = "p", Rules = [new BackupRuleInput { RuleName = "r", TargetBackupVaultName = "v" }] },
            CreatorRequestId = "abc",
        });

        Assert.Equal("plan-1", output.BackupPlanId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/backup/plans", request.Target);
        Assert.Equal("""{"BackupPlan":{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v"}]},"CreatorRequestId":"abc"}""", request.BodyText);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("117", request.Header("Content-Length"));
        Assert.Equal("session-token-1", request.Header("X-Amz-Security-Token"));
        Assert.Equal("attempt=1; max=3", request.Header("amz-sdk-request"));
        Assert.True(Guid.TryParse(request.Header("amz-sdk-invocation-id"), out _));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(request.Body)), request.Header("x-amz-content-sha256"));
        Assert.Equal(JsSignedWithBodyAndToken, SignedHeadersOf(request));
        AssertSignatureVerifies(request, "session-token-1");
    }

    [Fact]
    public async Task ListBackupPlans_SendsQueryWithoutBodyOrContentHeaders_AndTheSignatureVerifies()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(200, """{"BackupPlansList":[]}""");
        using var client = TestCredentials.CreateClient(server.Endpoint);

        await client.ListBackupPlansAsync(new ListBackupPlansInput { MaxResults = 10, IncludeDeleted = true, NextToken = "a b/c" });

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.StartsWith("/backup/plans?", request.Target, StringComparison.Ordinal);
        Assert.Equal(
            ["includeDeleted=true", "maxResults=10", "nextToken=a%20b%2Fc"],
            request.Target[(request.Target.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Order(StringComparer.Ordinal));
        Assert.Empty(request.Body);
        Assert.Null(request.Header("Content-Type"));
        Assert.Null(request.Header("X-Amz-Security-Token"));
        Assert.Equal(SigV4EmptyHash, request.Header("x-amz-content-sha256"));
        Assert.Equal(JsSignedWithoutBody, SignedHeadersOf(request));
        AssertSignatureVerifies(request, null);
    }

    [Fact]
    public async Task HostHeader_IsSentOnceAsHttpClientWritesIt_AndSignedWithThatValue_ForAnIPv6Endpoint()
    {
        await using var server = new RawHttpServer(System.Net.IPAddress.IPv6Loopback);
        server.Default = new ScriptedResponse(200, """{"BackupPlanId":"plan-1"}""");
        using var client = TestCredentials.CreateClient(server.Endpoint);

        await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = "plan-1" });

        var request = Assert.Single(server.Requests);
        var host = Assert.Single(request.Headers, h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase));
        Assert.Equal($"[::1]:{server.Endpoint.Port}", host.Value);
        Assert.Equal(JsSignedWithoutBody, SignedHeadersOf(request));
        AssertSignatureVerifies(request, null);
    }

    [Fact]
    public async Task ServiceTime_IsTheAnswersDateHeader_AndMovesWithTheClientsClock()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(200, """{"BackupPlanId":"plan-1"}""", [new("Date", "Thu, 03 Dec 2026 12:00:00 GMT")]);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 11, 0, 0, TimeSpan.Zero));
        using var client = new BackupClient(
            new BackupClientOptions { ServiceUrl = server.Endpoint, Region = TestCredentials.Region, Credentials = TestCredentials.Basic }, null, clock);
        Assert.Null(client.GetServiceTime());

        await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = "plan-1" });

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero), client.GetServiceTime());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 12, 5, 0, TimeSpan.Zero), client.GetServiceTime());
    }

    [Fact]
    public async Task LabelWithReservedCharacters_IsEncodedOnceOnTheWire_AndTheSignatureVerifies()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(200, """{"Tags":{}}""");
        using var client = TestCredentials.CreateClient(server.Endpoint);

        await client.ListTagsAsync(new ListTagsInput { ResourceArn = "arn:aws:backup:us-east-1:000000000000:backup-vault:my vault", MaxResults = 5 });

        var request = Assert.Single(server.Requests);
        Assert.Equal("/tags/arn%3Aaws%3Abackup%3Aus-east-1%3A000000000000%3Abackup-vault%3Amy%20vault?maxResults=5", request.Target);
        AssertSignatureVerifies(request, null);
    }

    [Fact]
    public async Task Retry_ReusesInvocationIdAndGeneratedCreatorRequestId_AndCountsAttempts()
    {
        await using var server = new RawHttpServer();
        server.Enqueue(new ScriptedResponse(503, """{"message":"busy"}""", [new("x-amzn-errortype", "ServiceUnavailableException")]));
        server.Default = new ScriptedResponse(200, """{"BackupPlanId":"plan-1"}""");
        using var client = TestCredentials.CreateClient(server.Endpoint);

        await client.CreateBackupPlanAsync(new CreateBackupPlanInput
        {
            BackupPlan = new BackupPlanInput { BackupPlanName = "p", Rules = [new BackupRuleInput { RuleName = "r", TargetBackupVaultName = "v" }] },
        });

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("attempt=1; max=3", requests[0].Header("amz-sdk-request"));
        Assert.Equal("attempt=2; max=3", requests[1].Header("amz-sdk-request"));
        Assert.Equal(requests[0].Header("amz-sdk-invocation-id"), requests[1].Header("amz-sdk-invocation-id"));
        Assert.Contains("\"CreatorRequestId\":\"", requests[0].BodyText, StringComparison.Ordinal);
        Assert.Equal(requests[0].BodyText, requests[1].BodyText);
    }

    [Fact]
    public async Task ConcurrentRetriedCalls_EachResendItsOwnBody()
    {
        // Every first attempt fails, so each call's body is sent again after other calls have written theirs on the
        // same threads: a request body shared between calls would show as a retry carrying another call's name.
        await using var server = new RawHttpServer();
        server.Respond = request => request.Header("amz-sdk-request")!.StartsWith("attempt=1;", StringComparison.Ordinal)
            ? new ScriptedResponse(503, """{"message":"busy"}""", [new("x-amzn-errortype", "ServiceUnavailableException")])
            : null;
        server.Default = new ScriptedResponse(200, """{"BackupVaultName":"v"}""");
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var names = Enumerable.Range(0, 24).Select(i => $"vault-{i}").ToArray();
        await Task.WhenAll(names.Select(name => client.CreateBackupVaultAsync(new CreateBackupVaultInput
        {
            BackupVaultName = name,
            BackupVaultTags = new Dictionary<string, string> { ["owner"] = name + "-owner" },
        })));

        var byCall = server.Requests.GroupBy(r => r.Header("amz-sdk-invocation-id")).ToArray();
        Assert.Equal(names.Length, byCall.Length);
        foreach (var call in byCall)
        {
            var attempts = call.ToArray();
            Assert.Equal(2, attempts.Length);
            var name = attempts[0].Target["/backup-vaults/".Length..];
            Assert.Contains($"\"owner\":\"{name}-owner\"", attempts[0].BodyText, StringComparison.Ordinal);
            Assert.Equal(attempts[0].BodyText, attempts[1].BodyText);
            Assert.Equal(attempts[0].Target, attempts[1].Target);
        }
    }

    // Method, target and body as captured from @aws-sdk/client-backup 3.1092.0 for the same inputs.
    [Fact]
    public async Task EdgeCases_MatchTheJavaScriptSdk_MethodTargetAndBody()
    {
        await using var server = new RawHttpServer();
        using var client = TestCredentials.CreateClient(server.Endpoint);

        await client.DisassociateBackupVaultMpaApprovalTeamAsync(new DisassociateBackupVaultMpaApprovalTeamInput { BackupVaultName = "v" });
        await client.UpdateGlobalSettingsAsync(new UpdateGlobalSettingsInput());
        await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = "p1", VersionId = "v2" });
        await client.CreateBackupSelectionAsync(new CreateBackupSelectionInput
        {
            BackupPlanId = "p1",
            BackupSelection = new BackupSelection { SelectionName = "s", IamRoleArn = "arn:aws:iam::1:role/r" },
        });

        var requests = server.Requests.ToArray();
        Assert.Equal(("POST", "/backup-vaults/v/mpaApprovalTeam?delete=", "{}"), (requests[0].Method, requests[0].Target, requests[0].BodyText));
        Assert.Equal(("PUT", "/global-settings", "{}"), (requests[1].Method, requests[1].Target, requests[1].BodyText));
        Assert.Equal(("GET", "/backup/plans/p1?versionId=v2", string.Empty), (requests[2].Method, requests[2].Target, requests[2].BodyText));
        Assert.Equal("application/json", requests[1].Header("Content-Type"));
        Assert.Null(requests[2].Header("Content-Type"));
        Assert.Equal(("PUT", "/backup/plans/p1/selections"), (requests[3].Method, requests[3].Target));
        Assert.Matches(
            """^\{"BackupSelection":\{"SelectionName":"s","IamRoleArn":"arn:aws:iam::1:role/r"\},"CreatorRequestId":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"\}$""",
            requests[3].BodyText);
    }

    [Fact]
    public async Task EachLogicalCall_HasItsOwnInvocationId()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(200, """{"BackupPlansList":[]}""");
        using var client = TestCredentials.CreateClient(server.Endpoint);

        await client.ListBackupPlansAsync(new ListBackupPlansInput());
        await client.ListBackupPlansAsync(new ListBackupPlansInput());

        var ids = server.Requests.Select(r => r.Header("amz-sdk-invocation-id")).ToArray();
        Assert.Equal(2, ids.Distinct().Count());
    }

    private const string SigV4EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static string SignedHeadersOf(RecordedRequest request)
    {
        var authorization = request.Header("Authorization")!;
        var start = authorization.IndexOf("SignedHeaders=", StringComparison.Ordinal) + "SignedHeaders=".Length;
        return authorization[start..authorization.IndexOf(',', start)];
    }

    /// <summary>Recomputes the signature from the bytes the server received, with AWSSDK.Core, as AWS would.</summary>
    private static void AssertSignatureVerifies(RecordedRequest request, string? token)
    {
        var authorization = request.Header("Authorization")!;
        var signedHeaders = SignedHeadersOf(request).Split(';');
        var questionMark = request.Target.IndexOf('?', StringComparison.Ordinal);
        var path = questionMark < 0 ? request.Target : request.Target[..questionMark];
        var query = questionMark < 0 ? string.Empty : request.Target[(questionMark + 1)..];
        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var canonicalPath = string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(segment)));

        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n').Append(canonicalPath).Append('\n').Append(canonicalQuery).Append('\n');
        foreach (var name in signedHeaders)
        {
            canonical.Append(name).Append(':').Append(request.Header(name)).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        var amzDate = request.Header("x-amz-date")!;
        var signedAt = DateTime.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = AWS4Signer.ComputeSignature(
            new ImmutableCredentials(TestCredentials.AccessKey, TestCredentials.SecretKey, token), TestCredentials.Region, signedAt, "backup",
            string.Join(';', signedHeaders), canonical.ToString());
        Assert.Equal(expected.ForAuthorizationHeader, authorization);
    }
}
