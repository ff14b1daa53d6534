using Amazon.Runtime;
using BackupKit.Local.Tests.Support;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Local.Tests;

public sealed class SignatureVerificationTests : IAsyncLifetime
{
    private const string Secret = "backupkit-test-secret";
    private BackupEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        var options = new BackupEmulatorOptions();
        options.SecretsByAccessKey[WireCaller.TestAccessKey] = Secret;
        _emulator = await BackupEmulator.StartAsync(options);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Requests_signed_with_the_registered_secret_are_accepted_including_encoded_ARN_paths_and_queries()
    {
        using var client = new BackupClient(_emulator.Endpoint, WireCaller.TestRegion, new BasicAWSCredentials(WireCaller.TestAccessKey, Secret));

        var vault = await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "signed", BackupVaultTags = new() { ["a"] = "b" } });
        var tags = await client.ListTagsAsync(new ListTagsInput { ResourceArn = vault.BackupVaultArn, MaxResults = 10 });

        Assert.Equal("b", tags.Tags!["a"]);
    }

    [Fact]
    public async Task Requests_signed_with_another_secret_are_refused()
    {
        using var client = new BackupClient(_emulator.Endpoint, WireCaller.TestRegion, new BasicAWSCredentials(WireCaller.TestAccessKey, "wrong-secret"));

        var error = await Assert.ThrowsAnyAsync<BackupServiceException>(() => client.ListBackupVaultsAsync(new ListBackupVaultsInput()));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("does not match the signature you provided", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signature_covers_the_body_received()
    {
        using var http = new HttpClient();
        const string Signed = "{\"BackupVaultTags\":{\"a\":\"b\"}}";
        const string Swapped = "{\"BackupVaultTags\":{\"a\":\"c\"}}";
        var now = DateTimeOffset.UtcNow;

        using var intact = await http.SendAsync(TestSigner.Sign(HttpMethod.Put, _emulator.Endpoint, "/backup-vaults/intact", Signed, Signed, WireCaller.TestAccessKey, Secret, now));
        using var swapped = await http.SendAsync(TestSigner.Sign(HttpMethod.Put, _emulator.Endpoint, "/backup-vaults/swapped", Signed, Swapped, WireCaller.TestAccessKey, Secret, now));
        using var unsigned = await http.SendAsync(TestSigner.Sign(HttpMethod.Put, _emulator.Endpoint, "/backup-vaults/unsigned", Signed, Signed, WireCaller.TestAccessKey, Secret, now, payloadHashHeader: "UNSIGNED-PAYLOAD"));
        using var client = new BackupClient(_emulator.Endpoint, WireCaller.TestRegion, new BasicAWSCredentials(WireCaller.TestAccessKey, Secret));
        var names = (await client.ListBackupVaultsAsync(new ListBackupVaultsInput())).BackupVaultList!.Select(v => v.BackupVaultName);

        Assert.Equal(200, (int)intact.StatusCode);
        Assert.Equal(403, (int)swapped.StatusCode);
        Assert.Equal("InvalidSignatureException", swapped.Headers.GetValues("x-amzn-errortype").Single());
        Assert.Equal(403, (int)unsigned.StatusCode);
        Assert.Contains("UNSIGNED-PAYLOAD", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["intact"], names);
    }

    [Fact]
    public async Task Access_keys_without_a_registered_secret_are_not_verified()
    {
        using var caller = new WireCaller(_emulator.Endpoint, accessKey: "AKIDOTHER");

        var vaults = await caller.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.Empty(vaults.BackupVaultList!);
    }
}

public sealed class ClockSkewTests : EmulatorTest
{
    [Fact]
    public async Task Requests_signed_more_than_15_minutes_before_the_emulator_clock_are_refused()
    {
        using var stale = new WireCaller(Emulator.Endpoint, clock: new FakeTimeProvider(Clock.GetUtcNow().AddMinutes(-20)));

        var error = await Assert.ThrowsAsync<AwsErrorResponse>(() => stale.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "stale" }));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Equal("Signature expired: 20260302T094000Z is now earlier than 20260302T094500Z (20260302T100000Z - 15 min.)", error.BodyMessage);
        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "stale" })).ErrorType);
    }

    [Fact]
    public async Task Requests_signed_more_than_15_minutes_after_the_emulator_clock_are_refused()
    {
        using var early = new WireCaller(Emulator.Endpoint, clock: new FakeTimeProvider(Clock.GetUtcNow().AddMinutes(16)));

        var error = await Assert.ThrowsAsync<AwsErrorResponse>(() => early.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput()));

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.StartsWith("Signature not yet current: 20260302T101600Z", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_signed_within_15_minutes_are_accepted()
    {
        using var skewed = new WireCaller(Emulator.Endpoint, clock: new FakeTimeProvider(Clock.GetUtcNow().AddMinutes(-14)));

        var vaults = await skewed.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.Empty(vaults.BackupVaultList!);
    }

    [Fact]
    public async Task The_Date_header_tells_the_emulator_time_so_that_SDKs_can_correct_their_skew()
    {
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/");

        Assert.Equal(Clock.GetUtcNow(), response.Headers.Date);
    }
}
