using BackupKit.Wire;

namespace BackupKit.Tests.Client;

/// <summary>How AWS error answers become exceptions: the code from the header or body, namespaces stripped, request id kept.</summary>
public sealed class BackupClientErrorTests
{
    public static TheoryData<int, string[], string, string> ErrorShapes => new()
    {
        // status, headers (name=value), body, expected code
        { 404, ["x-amzn-errortype=ResourceNotFoundException"], """{"message":"no such plan"}""", "ResourceNotFoundException" },
        { 404, ["x-amzn-errortype=aws.backup#ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/"], """{"message":"no such plan"}""", "ResourceNotFoundException" },
        { 404, [], """{"__type":"com.amazonaws.backup#ResourceNotFoundException","message":"no such plan"}""", "ResourceNotFoundException" },
        { 404, [], """{"code":"ResourceNotFoundException","Message":"no such plan"}""", "ResourceNotFoundException" },
        { 404, [], """{"Code":"ResourceNotFoundException","message":"no such plan"}""", "ResourceNotFoundException" },
    };

    [Theory]
    [MemberData(nameof(ErrorShapes))]
    public async Task ErrorCode_IsFoundInHeaderOrBody_AndBecomesTheModelledException(int status, string[] headers, string body, string code)
    {
        await using var server = new RawHttpServer();
        var responseHeaders = headers.Select(h => new KeyValuePair<string, string>(h[..h.IndexOf('=', StringComparison.Ordinal)], h[(h.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .Append(new("x-amzn-RequestId", "req-123"))
            .ToList();
        server.Default = new ScriptedResponse(status, body, responseHeaders);
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = "x" }));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("no such plan", error.Message);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("req-123", error.RequestId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RequestId_FallsBackToXAmzRequestId()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(400, """{"message":"bad"}""", [new("x-amzn-errortype", "InvalidParameterValueException"), new("x-amz-request-id", "req-s3-style")]);
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var error = await Assert.ThrowsAsync<InvalidParameterValueException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.Equal("req-s3-style", error.RequestId);
    }

    [Theory]
    [InlineData("ThrottlingException")]
    [InlineData("Throttling")]
    [InlineData("TooManyRequestsException")]
    [InlineData("RequestLimitExceeded")]
    public async Task ThrottlingCodes_OnHttp400_AreRetried_ThenSurfaceAsThrottlingException(string code)
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(400, """{"message":"Rate exceeded"}""", [new("x-amzn-errortype", code)]);
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var error = await Assert.ThrowsAsync<ThrottlingException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.EndsWith("Rate exceeded", error.Message, StringComparison.Ordinal);
        Assert.Contains("ListBackupPlans failed after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task AccessDenied_BecomesBackupAccessDeniedException_WithTheCode()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(403, """{"message":"User is not authorized"}""", [new("x-amzn-errortype", "AccessDeniedException")]);
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var error = await Assert.ThrowsAsync<BackupAccessDeniedException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Equal(403, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ErrorWithoutCodeOrJson_StillSaysWhatHappened()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(418, "<html>teapot</html>");
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var error = await Assert.ThrowsAsync<BackupServiceException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.Equal("UnknownError", error.ErrorCode);
        Assert.Contains("HTTP 418", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoedAuthorizationHeader_IsRedactedFromTheMessage()
    {
        await using var server = new RawHttpServer();
        const string echoed = "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/backup/aws4_request, SignedHeaders=host, Signature=deadbeefcafe0123, X-Amz-Security-Token=tok-secret";
        server.Default = new ScriptedResponse(403, $$"""{"message":"{{echoed}}"}""", [new("x-amzn-errortype", "IncompleteSignatureException")]);
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var error = await Assert.ThrowsAsync<BackupAuthenticationException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.DoesNotContain("deadbeefcafe0123", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("Signature=[redacted]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedSuccessBody_OfASafeRead_IsRetried_ThenReportedClearly()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(200, "this is not json", [new("x-amzn-RequestId", "req-9")]);
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var error = await Assert.ThrowsAsync<BackupResponseException>(() => client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = "x" }));

        Assert.Equal("GetBackupPlan", error.Operation);
        Assert.Equal("req-9", error.RequestId);
        Assert.Contains("not a valid GetBackupPlan response", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task MalformedSuccessBody_OfANonIdempotentWrite_IsNotRepeated()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(200, "{\"BackupPlan\": [1,");
        using var client = TestCredentials.CreateClient(server.Endpoint);

        await Assert.ThrowsAsync<BackupResponseException>(() => client.GetBackupPlanFromJSONAsync(new GetBackupPlanFromJSONInput { BackupPlanTemplateJson = "{}" }));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task EmptySuccessBody_ReadsAsEmptyOutput()
    {
        await using var server = new RawHttpServer();
        server.Default = new ScriptedResponse(200, string.Empty);
        using var client = TestCredentials.CreateClient(server.Endpoint);

        var output = await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = "x" });

        Assert.Null(output.BackupPlanId);
    }

    [Fact]
    public async Task DisposedClient_RefusesCalls()
    {
        await using var server = new RawHttpServer();
        var client = TestCredentials.CreateClient(server.Endpoint);
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
    }
}
