using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class VaultLockTests : EmulatorTest
{
    [Fact]
    public async Task Governance_lock_has_no_lock_date_and_can_be_removed_any_time()
    {
        await CreateVaultAsync("governed");

        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "governed", MinRetentionDays = 7, MaxRetentionDays = 365 });
        var locked = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "governed" });
        Clock.Advance(TimeSpan.FromDays(3650));
        await CallAsync(BackupOperations.DeleteBackupVaultLockConfiguration, new DeleteBackupVaultLockConfigurationInput { BackupVaultName = "governed" });
        var unlocked = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "governed" });

        Assert.True(locked.Locked);
        Assert.Equal(7, locked.MinRetentionDays);
        Assert.Equal(365, locked.MaxRetentionDays);
        Assert.Null(locked.LockDate);
        Assert.False(unlocked.Locked);
        Assert.Null(unlocked.MinRetentionDays);
        await CallAsync(BackupOperations.DeleteBackupVault, new DeleteBackupVaultInput { BackupVaultName = "governed" });
    }

    [Fact]
    public async Task Compliance_lock_date_is_now_plus_ChangeableForDays_on_the_emulator_clock()
    {
        await CreateVaultAsync("compliant");

        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "compliant", MinRetentionDays = 30, ChangeableForDays = 3 });
        var described = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "compliant" });

        Assert.True(described.Locked);
        Assert.Equal(Clock.GetUtcNow().AddDays(3), described.LockDate);
        Assert.Equal(30, described.MinRetentionDays);
        Assert.Null(described.MaxRetentionDays);
    }

    [Fact]
    public async Task Compliance_lock_can_be_changed_and_removed_during_its_grace_time()
    {
        await CreateVaultAsync("grace");
        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "grace", MinRetentionDays = 30, ChangeableForDays = 3 });
        Clock.Advance(TimeSpan.FromDays(2));

        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "grace", MinRetentionDays = 60, ChangeableForDays = 5 });
        var changed = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "grace" });
        await CallAsync(BackupOperations.DeleteBackupVaultLockConfiguration, new DeleteBackupVaultLockConfigurationInput { BackupVaultName = "grace" });

        Assert.Equal(60, changed.MinRetentionDays);
        Assert.Equal(Clock.GetUtcNow().AddDays(5), changed.LockDate);
        Assert.False((await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "grace" })).Locked);
    }

    [Fact]
    public async Task After_the_lock_date_the_lock_is_immutable()
    {
        await CreateVaultAsync("sealed");
        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "sealed", MinRetentionDays = 30, ChangeableForDays = 3 });
        Clock.Advance(TimeSpan.FromDays(3));

        var put = await ErrorAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "sealed", MinRetentionDays = 1 });
        var delete = await ErrorAsync(BackupOperations.DeleteBackupVaultLockConfiguration, new DeleteBackupVaultLockConfigurationInput { BackupVaultName = "sealed" });
        var described = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "sealed" });

        Assert.Equal(("InvalidRequestException", 400), (put.ErrorType, put.StatusCode));
        Assert.Equal(("InvalidRequestException", 400), (delete.ErrorType, delete.StatusCode));
        Assert.True(described.Locked);
        Assert.Equal(30, described.MinRetentionDays);
    }

    [Fact]
    public async Task Compliance_locked_vault_past_its_lock_date_cannot_be_deleted_until_its_recovery_points_expire()
    {
        await CreateVaultAsync("vaulted");
        var job = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput
        {
            BackupVaultName = "vaulted",
            ResourceArn = "arn:aws:dynamodb:us-east-1:000000000000:table/ledger",
            IamRoleArn = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole",
            Lifecycle = new Lifecycle { DeleteAfterDays = 40 },
        });
        Clock.Advance(TimeSpan.FromMinutes(15));
        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "vaulted", MinRetentionDays = 30, ChangeableForDays = 3 });
        Clock.Advance(TimeSpan.FromDays(4));

        var deleteVault = await ErrorAsync(BackupOperations.DeleteBackupVault, new DeleteBackupVaultInput { BackupVaultName = "vaulted" });
        var deletePoint = await ErrorAsync(BackupOperations.DeleteRecoveryPoint, new DeleteRecoveryPointInput { BackupVaultName = "vaulted", RecoveryPointArn = job.RecoveryPointArn });
        Clock.Advance(TimeSpan.FromDays(40));
        await CallAsync(BackupOperations.DeleteBackupVault, new DeleteBackupVaultInput { BackupVaultName = "vaulted" });

        Assert.Equal(("InvalidRequestException", 400), (deleteVault.ErrorType, deleteVault.StatusCode));
        Assert.Equal("InvalidRequestException", deletePoint.ErrorType);
        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "vaulted" })).ErrorType);
    }

    [Fact]
    public async Task Empty_compliance_locked_vault_can_be_deleted_after_its_lock_date()
    {
        await CreateVaultAsync("empty-sealed");
        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "empty-sealed", MinRetentionDays = 1, ChangeableForDays = 3 });
        Clock.Advance(TimeSpan.FromDays(4));

        await CallAsync(BackupOperations.DeleteBackupVault, new DeleteBackupVaultInput { BackupVaultName = "empty-sealed" });

        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "empty-sealed" })).ErrorType);
    }

    [Theory]
    [InlineData(null, null, 2L)]
    [InlineData(null, null, 36_501L)]
    [InlineData(0L, null, null)]
    [InlineData(null, 36_501L, null)]
    [InlineData(30L, 7L, null)]
    public async Task Out_of_range_lock_settings_are_InvalidParameterValue(long? min, long? max, long? changeable)
    {
        await CreateVaultAsync("ranges");

        var error = await ErrorAsync(
            BackupOperations.PutBackupVaultLockConfiguration,
            new PutBackupVaultLockConfigurationInput { BackupVaultName = "ranges", MinRetentionDays = min, MaxRetentionDays = max, ChangeableForDays = changeable });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.False((await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "ranges" })).Locked);
    }

    [Fact]
    public async Task Lock_on_an_unknown_vault_is_ResourceNotFound()
    {
        var error = await ErrorAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "ghost", MinRetentionDays = 1 });

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }
}
