using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

/// <summary>Callers cannot make the emulator keep state for Regions or accounts they invent.</summary>
public sealed class StateBoundsTests : EmulatorTest
{
    [Theory]
    [InlineData("us-east-1", 200)]
    [InlineData("eu-south-2", 200)]
    [InlineData("us-gov-west-1", 200)]
    [InlineData("us-east-9", 403)]
    [InlineData("mars-north-1", 403)]
    public async Task Requests_scoped_to_a_Region_AWS_has_no_endpoint_in_are_refused(string region, int status)
    {
        using var caller = CallerFor(region: region);

        using var response = await caller.SendAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 403)
        {
            Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-errortype").Single());
        }
    }

    [Fact]
    public async Task Unmapped_12_digit_access_keys_open_at_most_100_accounts()
    {
        for (var i = 0; i < MaxImplicitAccounts; i++)
        {
            using var caller = CallerFor(accessKey: (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await caller.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());
        }

        using var again = CallerFor(accessKey: "100000000000");
        using var beyond = CallerFor(accessKey: "999999999999");
        using var mappedOrDefault = CallerFor(accessKey: "AKIDANYTHING");

        await again.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());
        var refused = await Assert.ThrowsAsync<AwsErrorResponse>(() => beyond.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput()));
        await mappedOrDefault.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.Equal(403, refused.StatusCode);
        Assert.Equal("UnrecognizedClientException", refused.ErrorType);
    }

    [Fact]
    public async Task A_copy_to_an_invented_account_fails_without_creating_its_state()
    {
        const string Table = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
        await CreateVaultAsync("source");
        var job = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "source", ResourceArn = Table, IamRoleArn = RestoreTestingPlanTests.Role });
        Clock.Advance(TimeSpan.FromMinutes(11));

        var copy = await CallAsync(BackupOperations.StartCopyJob, new StartCopyJobInput
        {
            SourceBackupVaultName = "source",
            RecoveryPointArn = job.RecoveryPointArn,
            DestinationBackupVaultArn = "arn:aws:backup:eu-west-1:123456789012:backup-vault:nowhere",
            IamRoleArn = RestoreTestingPlanTests.Role,
        });
        Clock.Advance(TimeSpan.FromMinutes(11));
        var described = (await CallAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = copy.CopyJobId })).CopyJob!;

        Assert.Equal(CopyJobState.FAILED, described.State);
    }

    private const int MaxImplicitAccounts = 100;
}
