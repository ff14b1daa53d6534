using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class RecoveryPointTests : EmulatorTest
{
    private const string Volume = "arn:aws:elasticfilesystem:us-east-1:000000000000:file-system/fs-0123";
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    private async Task<string> BackUpAsync(string vault, Lifecycle? lifecycle = null)
    {
        var started = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput
        {
            BackupVaultName = vault,
            ResourceArn = Volume,
            IamRoleArn = Role,
            Lifecycle = lifecycle ?? new Lifecycle { DeleteAfterDays = 30 },
            RecoveryPointTags = new() { ["purpose"] = "test" },
        });
        Clock.Advance(TimeSpan.FromMinutes(11));
        return started.RecoveryPointArn!;
    }

    [Fact]
    public async Task Recovery_point_is_described_by_its_encoded_ARN_and_listed_by_resource()
    {
        var vault = await CreateVaultAsync("points");
        var arn = await BackUpAsync("points");

        var described = await CallAsync(BackupOperations.DescribeRecoveryPoint, new DescribeRecoveryPointInput { BackupVaultName = "points", RecoveryPointArn = arn });
        var byResource = await CallAsync(BackupOperations.ListRecoveryPointsByResource, new ListRecoveryPointsByResourceInput { ResourceArn = Volume });
        var tags = await CallAsync(BackupOperations.ListTags, new ListTagsInput { ResourceArn = arn });

        Assert.Equal(arn, described.RecoveryPointArn);
        Assert.Equal(vault.BackupVaultArn, described.BackupVaultArn);
        Assert.Equal(Volume, described.ResourceArn);
        Assert.Equal("EFS", described.ResourceType);
        Assert.Equal(StorageClass.WARM, described.StorageClass);
        Assert.Equal(RecoveryPointStatus.COMPLETED, described.Status);
        Assert.Equal("points", Assert.Single(byResource.RecoveryPoints!).BackupVaultName);
        Assert.Equal("test", tags.Tags!["purpose"]);
    }

    [Fact]
    public async Task Vault_with_recovery_points_cannot_be_deleted()
    {
        await CreateVaultAsync("full");
        var arn = await BackUpAsync("full");

        var error = await ErrorAsync(BackupOperations.DeleteBackupVault, new DeleteBackupVaultInput { BackupVaultName = "full" });
        Assert.Equal("InvalidRequestException", error.ErrorType);
        Assert.Equal("ERROR_9101", error.BodyCode);
        Assert.Equal("Backup vault cannot be deleted because it contains recovery points.", error.BodyMessage);

        await CallAsync(BackupOperations.DeleteRecoveryPoint, new DeleteRecoveryPointInput { BackupVaultName = "full", RecoveryPointArn = arn });
        await CallAsync(BackupOperations.DeleteBackupVault, new DeleteBackupVaultInput { BackupVaultName = "full" });
    }

    [Fact]
    public async Task Locked_vault_refuses_deleting_a_recovery_point_or_changing_its_lifecycle()
    {
        await CreateVaultAsync("locked");
        var arn = await BackUpAsync("locked");
        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "locked", MinRetentionDays = 1 });

        var delete = await ErrorAsync(BackupOperations.DeleteRecoveryPoint, new DeleteRecoveryPointInput { BackupVaultName = "locked", RecoveryPointArn = arn });
        var update = await ErrorAsync(BackupOperations.UpdateRecoveryPointLifecycle, new UpdateRecoveryPointLifecycleInput { BackupVaultName = "locked", RecoveryPointArn = arn, Lifecycle = new Lifecycle { DeleteAfterDays = 60 } });

        Assert.Equal("InvalidRequestException", delete.ErrorType);
        Assert.Equal("InvalidRequestException", update.ErrorType);
    }

    [Fact]
    public async Task UpdateRecoveryPointLifecycle_recalculates_the_dates()
    {
        await CreateVaultAsync("relife");
        var arn = await BackUpAsync("relife");

        var updated = await CallAsync(BackupOperations.UpdateRecoveryPointLifecycle, new UpdateRecoveryPointLifecycleInput
        {
            BackupVaultName = "relife",
            RecoveryPointArn = arn,
            Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 10, DeleteAfterDays = 120 },
        });
        var described = await CallAsync(BackupOperations.DescribeRecoveryPoint, new DescribeRecoveryPointInput { BackupVaultName = "relife", RecoveryPointArn = arn });

        Assert.Equal(120, updated.Lifecycle!.DeleteAfterDays);
        Assert.Equal(described.CreationDate!.Value.AddDays(120), updated.CalculatedLifecycle!.DeleteAt);
        Assert.Equal(described.CreationDate.Value.AddDays(10), updated.CalculatedLifecycle.MoveToColdStorageAt);
    }

    [Fact]
    public async Task Lifecycle_moves_recovery_points_to_cold_storage_and_deletes_them_on_the_emulator_clock()
    {
        await CreateVaultAsync("aging");
        var arn = await BackUpAsync("aging", new Lifecycle { MoveToColdStorageAfterDays = 10, DeleteAfterDays = 100 });

        Clock.Advance(TimeSpan.FromDays(10));
        var cold = await CallAsync(BackupOperations.DescribeRecoveryPoint, new DescribeRecoveryPointInput { BackupVaultName = "aging", RecoveryPointArn = arn });
        var change = await ErrorAsync(BackupOperations.UpdateRecoveryPointLifecycle, new UpdateRecoveryPointLifecycleInput
        {
            BackupVaultName = "aging",
            RecoveryPointArn = arn,
            Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 20, DeleteAfterDays = 200 },
        });
        Clock.Advance(TimeSpan.FromDays(90));
        var gone = await ErrorAsync(BackupOperations.DescribeRecoveryPoint, new DescribeRecoveryPointInput { BackupVaultName = "aging", RecoveryPointArn = arn });

        Assert.Equal(StorageClass.COLD, cold.StorageClass);
        Assert.Equal("InvalidParameterValueException", change.ErrorType);
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
        Assert.Equal(0, (await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "aging" })).NumberOfRecoveryPoints);
    }

    [Fact]
    public async Task Unknown_recovery_points_are_ResourceNotFound()
    {
        await CreateVaultAsync("empty");
        var missing = $"arn:aws:backup:us-east-1:000000000000:recovery-point:{Guid.NewGuid()}";

        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.DescribeRecoveryPoint, new DescribeRecoveryPointInput { BackupVaultName = "empty", RecoveryPointArn = missing })).ErrorType);
        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.DeleteRecoveryPoint, new DeleteRecoveryPointInput { BackupVaultName = "empty", RecoveryPointArn = missing })).ErrorType);
    }
}
