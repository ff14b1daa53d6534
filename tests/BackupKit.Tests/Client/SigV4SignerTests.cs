using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Tests.Client;

/// <summary>
/// The signer against published answers: the AWS SigV4 test suite (AKIDEXAMPLE, us-east-1, service "service",
/// 2015-08-30T12:36:00Z), requests captured from the AWS SDK for JavaScript v3 (@aws-sdk/client-backup 3.1092.0), and
/// AWSSDK.Core's own <see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/>.
/// </summary>
public sealed class SigV4SignerTests
{
    private const string SuiteDate = "20150830T123600Z";
    private static readonly ImmutableCredentials SuiteCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly KeyValuePair<string, string>[] SuiteHeaders =
        [new("host", "example.amazonaws.com"), new("x-amz-date", SuiteDate)];

    [Fact]
    public void GetVanilla_ProducesThePublishedAuthorizationHeader()
    {
        var signer = new SigV4Signer("us-east-1", "service");

        var authorization = signer.Sign(SuiteCredentials, SuiteDate, "GET", "/", string.Empty, SuiteHeaders, "host;x-amz-date", SigV4Signer.EmptyPayloadHash);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            authorization);
    }

    [Fact]
    public void GetVanillaQueryOrderKeyCase_SortsTheQueryAndProducesThePublishedSignature()
    {
        var writer = new RequestWriter("GET");
        writer.AppendPath("/");
        writer.AddQuery("Param2", "value2");
        writer.AddQuery("Param1", "value1");
        var signer = new SigV4Signer("us-east-1", "service");

        var canonicalQuery = writer.BuildCanonicalQueryString();
        var authorization = signer.Sign(SuiteCredentials, SuiteDate, "GET", "/", canonicalQuery, SuiteHeaders, "host;x-amz-date", SigV4Signer.EmptyPayloadHash);

        Assert.Equal("Param1=value1&Param2=value2", canonicalQuery);
        Assert.EndsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void PostVanilla_ProducesThePublishedSignature()
    {
        var signer = new SigV4Signer("us-east-1", "service");

        var authorization = signer.Sign(SuiteCredentials, SuiteDate, "POST", "/", string.Empty, SuiteHeaders, "host;x-amz-date", SigV4Signer.EmptyPayloadHash);

        Assert.EndsWith("Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_EqualsAwsSdkCore_ForAnAwsBackupRequestWithSessionToken()
    {
        var credentials = new ImmutableCredentials("AKIDBACKUPKITTEST", "backupkit-test-secret", "session-token-value");
        KeyValuePair<string, string>[] headers =
        [
            new("content-length", "2"), new("content-type", "application/json"), new("host", "backup.eu-west-1.amazonaws.com"),
            new("x-amz-content-sha256", SigV4Signer.HashPayload("{}"u8)), new("x-amz-date", "20260102T030405Z"),
            new("x-amz-security-token", "session-token-value"),
        ];
        const string signedHeaders = "content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token";
        var canonicalUri = SigV4Signer.CanonicalizePath("/backup-vaults/my%20vault/recovery-points/arn%3Aaws%3Abackup");
        var signer = new SigV4Signer("eu-west-1", "backup");

        var ours = signer.Sign(credentials, "20260102T030405Z", "PUT", canonicalUri, "maxResults=5", headers, signedHeaders, SigV4Signer.HashPayload("{}"u8));

        var canonicalRequest = new StringBuilder()
            .Append("PUT\n").Append(canonicalUri).Append('\n').Append("maxResults=5\n");
        foreach (var (name, value) in headers)
        {
            canonicalRequest.Append(name).Append(':').Append(value).Append('\n');
        }

        canonicalRequest.Append('\n').Append(signedHeaders).Append('\n').Append(SigV4Signer.HashPayload("{}"u8));
        var sdk = AWS4Signer.ComputeSignature(
            credentials, "eu-west-1", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "backup", signedHeaders, canonicalRequest.ToString());
        Assert.Equal(sdk.ForAuthorizationHeader, ours);
    }

    [Fact]
    public void SigningKey_IsRederived_WhenTheDayOrTheSecretChanges()
    {
        var signer = new SigV4Signer("us-east-1", "service");
        signer.Sign(SuiteCredentials, SuiteDate, "GET", "/", string.Empty, SuiteHeaders, "host;x-amz-date", SigV4Signer.EmptyPayloadHash);

        KeyValuePair<string, string>[] nextDayHeaders = [new("host", "example.amazonaws.com"), new("x-amz-date", "20150831T000000Z")];
        var nextDay = signer.Sign(SuiteCredentials, "20150831T000000Z", "GET", "/", string.Empty, nextDayHeaders, "host;x-amz-date", SigV4Signer.EmptyPayloadHash);
        var rotated = new ImmutableCredentials("AKIDEXAMPLE", "another-secret", null);
        var afterRotation = signer.Sign(rotated, "20150831T000000Z", "GET", "/", string.Empty, nextDayHeaders, "host;x-amz-date", SigV4Signer.EmptyPayloadHash);

        var fresh = new SigV4Signer("us-east-1", "service");
        Assert.Equal(fresh.Sign(SuiteCredentials, "20150831T000000Z", "GET", "/", string.Empty, nextDayHeaders, "host;x-amz-date", SigV4Signer.EmptyPayloadHash), nextDay);
        Assert.Equal(new SigV4Signer("us-east-1", "service").Sign(rotated, "20150831T000000Z", "GET", "/", string.Empty, nextDayHeaders, "host;x-amz-date", SigV4Signer.EmptyPayloadHash), afterRotation);
        Assert.NotEqual(nextDay, afterRotation);
    }

    // Captured from @aws-sdk/client-backup: ListTags with an ARN label (the path is encoded once on the wire and twice
    // in the canonical request) and a session token.
    [Fact]
    public void ListTagsWithArnLabel_MatchesTheJavaScriptSdkSignature()
    {
        var credentials = new ImmutableCredentials("AKIDBACKUPKITTEST", "backupkit-test-secret", "sess-tok");
        var writer = new RequestWriter("GET");
        writer.AppendPath("/tags/");
        writer.AppendLabel("ResourceArn", "arn:aws:backup:us-east-1:000000000000:backup-vault:my vault");
        writer.AddQuery("maxResults", 5);
        KeyValuePair<string, string>[] headers =
        [
            new("amz-sdk-invocation-id", "6b5672bb-713d-45e6-845b-a213306b8713"), new("amz-sdk-request", "attempt=1; max=3"),
            new("host", "127.0.0.1:4599"), new("x-amz-content-sha256", SigV4Signer.EmptyPayloadHash), new("x-amz-date", "20261126T072835Z"),
            new("x-amz-security-token", "sess-tok"), new("x-amz-user-agent", "aws-sdk-js/3.1091.0"),
        ];

        var authorization = new SigV4Signer("us-east-1", "backup").Sign(
            credentials, "20261126T072835Z", "GET", SigV4Signer.CanonicalizePath(writer.Path), writer.BuildCanonicalQueryString(), headers,
            "amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-user-agent",
            SigV4Signer.EmptyPayloadHash);

        Assert.Equal("/tags/arn%3Aaws%3Abackup%3Aus-east-1%3A000000000000%3Abackup-vault%3Amy%20vault", writer.Path);
        Assert.EndsWith("Signature=8098ad14dff2d2696bed49b26c7a7b9dcbc8a6a85ce7425501fb0937a6ae0b9d", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBackupPlanWithBody_MatchesTheJavaScriptSdkPayloadHashAndSignature()
    {
        var body = """{"BackupPlan":{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v"}]},"CreatorRequestId":"abc"}"""u8;
        var payloadHash = SigV4Signer.HashPayload(body);
        KeyValuePair<string, string>[] headers =
        [
            new("amz-sdk-invocation-id", "bfdfae70-b94c-487b-98d2-4266947b043a"), new("amz-sdk-request", "attempt=1; max=3"),
            new("content-length", "117"), new("content-type", "application/json"), new("host", "127.0.0.1:4599"),
            new("x-amz-content-sha256", payloadHash), new("x-amz-date", "20261126T072835Z"), new("x-amz-security-token", "sess-tok"),
            new("x-amz-user-agent", "aws-sdk-js/3.1091.0"),
        ];

        var authorization = new SigV4Signer("us-east-1", "backup").Sign(
            new ImmutableCredentials("AKIDBACKUPKITTEST", "backupkit-test-secret", "sess-tok"), "20261126T072835Z", "PUT",
            SigV4Signer.CanonicalizePath("/backup/plans"), string.Empty, headers,
            "amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-user-agent",
            payloadHash);

        Assert.Equal("57eb72d982df5b104da42dc05ec1065a07861154643d1bf6c979e27d762616da", payloadHash);
        Assert.EndsWith("Signature=67c9373dfbf3ea8ab03e7e159e512dc851083ede77d1d33dfbb26a3cb50c9fa7", authorization, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/backup/plans", "/backup/plans")]
    [InlineData("/backup/plans/", "/backup/plans/")]
    [InlineData("/backup-vaults/my%20vault", "/backup-vaults/my%2520vault")]
    [InlineData("/a//b/./c/../d", "/a/b/d")]
    [InlineData("/a/b.c/~d_e-f", "/a/b.c/~d_e-f")]
    [InlineData("/a/./b", "/a/b")]
    [InlineData("/a/..", "/")]
    [InlineData("//a", "/a")]
    public void CanonicalizePath_NormalizesAndEncodesSegmentsAgain(string path, string expected) =>
        Assert.Equal(expected, SigV4Signer.CanonicalizePath(path));

    [Fact]
    public void AmzDate_IsFormattedPerSecond()
    {
        var signer = new SigV4Signer("us-east-1", "backup");
        var instant = new DateTimeOffset(2026, 11, 26, 7, 28, 35, 100, TimeSpan.Zero);

        Assert.Equal("20261126T072835Z", signer.GetAmzDate(instant));
        Assert.Equal("20261126T072835Z", signer.GetAmzDate(instant.AddMilliseconds(800)));
        Assert.Equal("20261126T072836Z", signer.GetAmzDate(instant.AddMilliseconds(900)));
        Assert.Equal("20261126T092836Z", signer.GetAmzDate(new DateTimeOffset(2026, 11, 26, 10, 28, 36, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void HashPayload_IsLowerCaseHexSha256()
    {
        var payload = "{\"a\":1}"u8.ToArray();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), SigV4Signer.HashPayload(payload));
        Assert.Equal(SigV4Signer.EmptyPayloadHash, Convert.ToHexStringLower(SHA256.HashData(Array.Empty<byte>())));
    }
}
