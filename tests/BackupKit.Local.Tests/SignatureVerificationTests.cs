using Amazon.Runtime;
using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

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
    public async Task Access_keys_without_a_registered_secret_are_not_verified()
    {
        using var caller = new WireCaller(_emulator.Endpoint, accessKey: "AKIDOTHER");

        var vaults = await caller.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.Empty(vaults.BackupVaultList!);
    }
}

public sealed class ClockSkewTests : EmulatorTest
{
    protected override void Configure(BackupEmulatorOptions options) =>
        options.SecretsByAccessKey[WireCaller.TestAccessKey] = "backupkit-test-secret";

    [Fact]
    public async Task Requests_signed_far_from_the_emulator_clock_are_refused_and_the_Date_header_tells_the_emulator_time()
    {
        // The fake clock stands in 2026-03-02 while the caller signs with the real time.
        using var response = await Caller.SendRawAsync("GET", "/backup-vaults/");
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.StartsWith("Signature not yet current:", error.BodyMessage, StringComparison.Ordinal);
        Assert.Equal(Clock.GetUtcNow(), response.Headers.Date);
    }
}
