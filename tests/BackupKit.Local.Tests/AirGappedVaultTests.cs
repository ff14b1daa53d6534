using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class AirGappedVaultTests : EmulatorTest
{
    [Fact]
    public async Task Air_gapped_vault_is_created_locked_and_becomes_available()
    {
        var created = await CallAsync(BackupOperations.CreateLogicallyAirGappedBackupVault, new CreateLogicallyAirGappedBackupVaultInput
        {
            BackupVaultName = "isolated",
            MinRetentionDays = 7,
            MaxRetentionDays = 35,
            CreatorRequestId = "lag-1",
        });
        var creating = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "isolated" });
        Clock.Advance(TimeSpan.FromMinutes(1));
        var available = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "isolated" });

        Assert.Equal("arn:aws:backup:us-east-1:000000000000:backup-vault:isolated", created.BackupVaultArn);
        Assert.Equal(VaultState.CREATING, created.VaultState);
        Assert.Equal(VaultState.CREATING, creating.VaultState);
        Assert.Equal(VaultState.AVAILABLE, available.VaultState);
        Assert.Equal(VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT, available.VaultType);
        Assert.Equal(EncryptionKeyType.AWS_OWNED_KMS_KEY, available.EncryptionKeyType);
        Assert.True(available.Locked);
        Assert.Equal(7, available.MinRetentionDays);
        Assert.Equal(35, available.MaxRetentionDays);
    }

    [Fact]
    public async Task Air_gapped_vaults_are_listed_by_their_type()
    {
        await CreateVaultAsync("plain");
        await CallAsync(BackupOperations.CreateLogicallyAirGappedBackupVault, new CreateLogicallyAirGappedBackupVaultInput { BackupVaultName = "isolated", MinRetentionDays = 7, MaxRetentionDays = 35 });

        var plain = await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput { ByVaultType = VaultType.BACKUP_VAULT });
        var airGapped = await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput { ByVaultType = VaultType.LOGICALLY_AIR_GAPPED_BACKUP_VAULT });

        Assert.Equal(["plain"], plain.BackupVaultList!.Select(v => v.BackupVaultName));
        Assert.Equal(["isolated"], airGapped.BackupVaultList!.Select(v => v.BackupVaultName));
    }

    [Theory]
    [InlineData(6L, 35L)]
    [InlineData(30L, 10L)]
    [InlineData(7L, 36_501L)]
    public async Task Retention_range_is_checked(long min, long max)
    {
        var error = await ErrorAsync(BackupOperations.CreateLogicallyAirGappedBackupVault, new CreateLogicallyAirGappedBackupVaultInput { BackupVaultName = "bad", MinRetentionDays = min, MaxRetentionDays = max });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
    }

    [Fact]
    public async Task Retention_range_is_required()
    {
        var error = await ErrorAsync(BackupOperations.CreateLogicallyAirGappedBackupVault, new CreateLogicallyAirGappedBackupVaultInput { BackupVaultName = "bad", MinRetentionDays = 7 });

        Assert.Equal("MissingParameterValueException", error.ErrorType);
        Assert.Contains("MaxRetentionDays", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Air_gapped_lock_cannot_be_changed_or_removed_and_names_are_shared_with_plain_vaults()
    {
        await CreateVaultAsync("taken");
        await CallAsync(BackupOperations.CreateLogicallyAirGappedBackupVault, new CreateLogicallyAirGappedBackupVaultInput { BackupVaultName = "isolated", MinRetentionDays = 7, MaxRetentionDays = 35 });

        var put = await ErrorAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "isolated", MinRetentionDays = 1 });
        var delete = await ErrorAsync(BackupOperations.DeleteBackupVaultLockConfiguration, new DeleteBackupVaultLockConfigurationInput { BackupVaultName = "isolated" });
        var duplicate = await ErrorAsync(BackupOperations.CreateLogicallyAirGappedBackupVault, new CreateLogicallyAirGappedBackupVaultInput { BackupVaultName = "taken", MinRetentionDays = 7, MaxRetentionDays = 35 });

        Assert.Equal("InvalidRequestException", put.ErrorType);
        Assert.Equal("InvalidRequestException", delete.ErrorType);
        Assert.Equal("AlreadyExistsException", duplicate.ErrorType);
        await CallAsync(BackupOperations.DeleteBackupVault, new DeleteBackupVaultInput { BackupVaultName = "isolated" });
    }
}
