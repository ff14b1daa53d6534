using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackupKit.Wire;

namespace BackupKit.Conformance.Parity;

/// <summary>
/// When the caller leaves the idempotency token empty, the JS SDK fills it with a random UUIDv4; BackupKit's client
/// must do the same (same shape, a fresh value), and leave the rest of the request as the JS SDK sent it.
/// </summary>
[Collection(JsCaptureCollection.Name)]
public sealed partial class IdempotencyTokenTests(JsCaptureFixture js)
{
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();

    [Theory]
    [InlineData("CreateBackupPlan-token-generated", "CreatorRequestId")]
    [InlineData("CreateBackupSelection-token-generated", "CreatorRequestId")]
    [InlineData("CreateBackupVault-token-generated", "CreatorRequestId")]
    [InlineData("CreateLogicallyAirGappedBackupVault-token-generated", "CreatorRequestId")]
    [InlineData("StartBackupJob-token-generated", "IdempotencyToken")]
    public async Task Our_client_fills_an_absent_token_like_the_JS_SDK(string caseName, string tokenMember)
    {
        var jsRequest = Assert.Single(js.RequestsFor(caseName));
        var jsToken = ReadToken(jsRequest, tokenMember);
        Assert.True(jsToken is not null && UuidV4().IsMatch(jsToken), $"the JS SDK filled {tokenMember} with '{jsToken}', expected a UUIDv4");

        var (binding, labels) = Assert.Single(RouteMatcher.Match(jsRequest));
        var input = OurClient.ReadInput(binding, jsRequest, labels);
        var tokenProperty = input.GetType().GetProperty(tokenMember, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{input.GetType().Name} has no {tokenMember}.");
        Assert.Equal(jsToken, tokenProperty.GetValue(input));
        tokenProperty.SetValue(input, null);

        await using var capture = new CaptureServer();
        await OurClient.SendAsync(binding, input, capture.BaseAddress);
        var ours = Assert.Single(capture.All);
        var ourToken = ReadToken(ours, tokenMember);
        Assert.True(ourToken is not null && UuidV4().IsMatch(ourToken), $"our client filled {tokenMember} with '{ourToken}', expected a UUIDv4");
        Assert.NotEqual(jsToken, ourToken);
        Assert.Null(tokenProperty.GetValue(input));

        await using var second = new CaptureServer();
        await OurClient.SendAsync(binding, input, second.BaseAddress);
        Assert.NotEqual(ourToken, ReadToken(Assert.Single(second.All), tokenMember));
    }

    private static string? ReadToken(CapturedRequest request, string member)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.TryGetProperty(member, out var value) ? value.GetString() : null;
    }
}
