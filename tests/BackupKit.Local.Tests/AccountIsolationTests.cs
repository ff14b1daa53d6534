using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class AccountIsolationTests : EmulatorTest
{
    protected override void Configure(BackupEmulatorOptions options)
    {
        options.DefaultAccountId = "111111111111";
        options.AccountsByAccessKey["AKIDPRODUCTION"] = "222222222222";
    }

    [Fact]
    public async Task Mapped_access_keys_act_in_their_own_account()
    {
        using var production = CallerFor(accessKey: "AKIDPRODUCTION");

        var mine = await CreateVaultAsync("shared-name");
        var theirs = await production.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "shared-name" });

        Assert.Equal("arn:aws:backup:us-east-1:111111111111:backup-vault:shared-name", mine.BackupVaultArn);
        Assert.Equal("arn:aws:backup:us-east-1:222222222222:backup-vault:shared-name", theirs.BackupVaultArn);
    }

    [Fact]
    public async Task A_12_digit_access_key_is_its_own_account()
    {
        using var caller = CallerFor(accessKey: "333333333333");

        var vault = await caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "mine" });

        Assert.Equal("arn:aws:backup:us-east-1:333333333333:backup-vault:mine", vault.BackupVaultArn);
        Assert.Empty((await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput())).BackupVaultList!);
    }

    [Fact]
    public async Task Regions_of_one_account_are_separate()
    {
        using var frankfurt = CallerFor(region: "eu-central-1");

        var vault = await frankfurt.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "regional" });

        Assert.Equal("arn:aws:backup:eu-central-1:111111111111:backup-vault:regional", vault.BackupVaultArn);
        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "regional" })).ErrorType);
    }

    [Fact]
    public async Task Another_account_cannot_tag_a_resource()
    {
        var vault = await CreateVaultAsync("private");
        using var production = CallerFor(accessKey: "AKIDPRODUCTION");

        var error = await Assert.ThrowsAsync<AwsErrorResponse>(() => production.CallAsync(
            BackupOperations.TagResource,
            new TagResourceInput { ResourceArn = vault.BackupVaultArn, Tags = new() { ["x"] = "y" } }));

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }
}
