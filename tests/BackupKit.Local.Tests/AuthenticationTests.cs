using System.Net;
using BackupKit.Local.Tests.Support;

namespace BackupKit.Local.Tests;

public sealed class AuthenticationTests : EmulatorTest
{
    [Fact]
    public async Task Request_without_Authorization_is_refused_with_MissingAuthenticationToken()
    {
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", authorization: "");
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", error.ErrorType);
        Assert.Equal("Missing Authentication Token", error.BodyMessage);
    }

    [Fact]
    public async Task Non_SigV4_Authorization_is_refused_as_an_incomplete_signature()
    {
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", authorization: "Basic dXNlcjpwYXNz");
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("IncompleteSignatureException", error.ErrorType);
        Assert.Contains("Authorization header requires 'Credential' parameter.", error.BodyMessage, StringComparison.Ordinal);
        Assert.Contains("Authorization header requires 'Signature' parameter.", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_without_a_date_header_is_refused_as_an_incomplete_signature()
    {
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", sendDate: false);
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("IncompleteSignatureException", error.ErrorType);
        Assert.Contains("'X-Amz-Date' or a 'Date' header", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_scoped_to_another_service_is_refused()
    {
        var header = WireCaller.AuthorizationHeader(WireCaller.TestAccessKey, Caller.TodayScope, "us-east-1", "s3");
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", authorization: header);
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Equal("Credential should be scoped to correct service: 'backup'. ", error.BodyMessage);
    }

    [Fact]
    public async Task Credential_with_a_wrong_terminator_is_refused()
    {
        var header = WireCaller.AuthorizationHeader(WireCaller.TestAccessKey, Caller.TodayScope, "us-east-1", "backup", "aws4_reqest");
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", authorization: header);
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Contains("valid terminator: 'aws4_request', not 'aws4_reqest'", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_scoped_to_something_that_is_not_a_region_is_refused()
    {
        var header = WireCaller.AuthorizationHeader(WireCaller.TestAccessKey, Caller.TodayScope, "US_EAST", "backup");
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", authorization: header);
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Equal("Credential should be scoped to a valid region, not 'US_EAST'. ", error.BodyMessage);
    }

    [Fact]
    public async Task Malformed_credential_is_refused()
    {
        var header = $"AWS4-HMAC-SHA256 Credential={WireCaller.TestAccessKey}/us-east-1/backup/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", authorization: header);
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("IncompleteSignatureException", error.ErrorType);
        Assert.Contains("exactly 5 slash-delimited elements", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_date_must_match_the_request_date()
    {
        var header = WireCaller.AuthorizationHeader(WireCaller.TestAccessKey, "20200101", "us-east-1", "backup");
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", authorization: header);
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Contains("Date in Credential scope does not match", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_must_be_a_signed_header()
    {
        var header = $"AWS4-HMAC-SHA256 Credential={WireCaller.TestAccessKey}/{Caller.TodayScope}/us-east-1/backup/aws4_request, SignedHeaders=x-amz-date, Signature=abc";
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/", authorization: header);
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal("InvalidSignatureException", error.ErrorType);
    }

    [Fact]
    public async Task Well_formed_SigV4_header_is_accepted_without_a_known_secret()
    {
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
