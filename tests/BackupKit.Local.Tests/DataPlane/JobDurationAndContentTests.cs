using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

public sealed class JobDurationAndContentTests : DataPlaneTest
{
    private async Task<StartBackupJobOutput> BackUpAsync(string arn) =>
        await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = arn, IamRoleArn = Role });

    [Fact]
    public async Task A_larger_resource_takes_longer_by_the_documented_formula()
    {
        // EBS: 1 minute to start, then 4 minutes + ceil(GiB / 2) minutes.
        var small = Emulator.Inventory.Add(Volume("0000000000000000a"), sizeInBytes: 2L << 30);
        var large = Emulator.Inventory.Add(Volume("0000000000000000b"), sizeInBytes: 100L << 30);
        await CreateVaultAsync("primary");
        var start = Clock.GetUtcNow();
        var smallJob = await BackUpAsync(small.Arn);
        var largeJob = await BackUpAsync(large.Arn);

        var describedLarge = await CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = largeJob.BackupJobId });
        Clock.Advance(TimeSpan.FromMinutes(6));
        var smallDone = await CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = smallJob.BackupJobId });
        var largeRunning = await CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = largeJob.BackupJobId });
        Clock.Advance(TimeSpan.FromMinutes(49));
        var largeDone = await CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = largeJob.BackupJobId });

        Assert.Equal(start + TimeSpan.FromMinutes(55), describedLarge.ExpectedCompletionDate);
        Assert.Equal(BackupJobState.COMPLETED, smallDone.State);
        Assert.Equal(start + TimeSpan.FromMinutes(6), smallDone.CompletionDate);
        Assert.Equal(2L << 30, smallDone.BackupSizeInBytes);
        Assert.Equal(BackupJobState.RUNNING, largeRunning.State);
        Assert.Equal(BackupJobState.COMPLETED, largeDone.State);
        Assert.Equal(start + TimeSpan.FromMinutes(55), largeDone.CompletionDate);
    }

    [Fact]
    public async Task The_type_changes_the_duration_too()
    {
        // 1 GiB: DynamoDB 1 + 3 + 1 = 5 minutes; RDS 1 + 8 + 1 = 10 minutes.
        var table = Emulator.Inventory.Add(Table("orders"));
        var database = Emulator.Inventory.Add(Database("billing"));
        await CreateVaultAsync("primary");
        var tableJob = await BackUpAsync(table.Arn);
        var databaseJob = await BackUpAsync(database.Arn);

        Clock.Advance(TimeSpan.FromMinutes(5));
        var tableState = (await CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = tableJob.BackupJobId })).State;
        var databaseState = (await CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = databaseJob.BackupJobId })).State;

        Assert.Equal(BackupJobState.COMPLETED, tableState);
        Assert.Equal(BackupJobState.RUNNING, databaseState);
    }

    [Fact]
    public async Task A_backup_holds_the_content_of_the_resource_when_it_started()
    {
        var table = Emulator.Inventory.Add(Table("orders"), content: new ResourceContent(10, "before"));
        await CreateVaultAsync("primary");
        var first = await BackUpAsync(table.Arn);
        Clock.Advance(TimeSpan.FromMinutes(2)); // RUNNING: the backup has read the table
        Emulator.Inventory.Change(table.Arn, new ResourceContent(11, "after"));
        Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await BackUpAsync(table.Arn);
        Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(new ResourceContent(10, "before"), Emulator.Inventory.ContentOf(first.RecoveryPointArn!));
        Assert.Equal(new ResourceContent(11, "after"), Emulator.Inventory.ContentOf(second.RecoveryPointArn!));
        Assert.Null(Emulator.Inventory.ContentOf("arn:aws:backup:us-east-1:000000000000:recovery-point:missing"));
    }

    [Fact]
    public async Task A_resource_the_inventory_does_not_model_keeps_the_fixed_ten_minutes_and_no_content()
    {
        await CreateVaultAsync("primary");
        var job = await BackUpAsync(Table("unknown"));
        Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(BackupJobState.RUNNING, (await CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = job.BackupJobId })).State);
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(BackupJobState.COMPLETED, (await CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = job.BackupJobId })).State);
        Assert.Null(Emulator.Inventory.ContentOf(job.RecoveryPointArn!));
    }
}
