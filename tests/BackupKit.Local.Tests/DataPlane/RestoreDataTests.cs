using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

public sealed class RestoreDataTests : DataPlaneTest
{
    private async Task<string> BackUpAsync(EmulatedResource resource, Lifecycle? lifecycle = null)
    {
        await CreateVaultAsync("primary");
        var job = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = resource.Arn, IamRoleArn = Role, Lifecycle = lifecycle });
        Clock.Advance(TimeSpan.FromHours(1));
        return job.RecoveryPointArn!;
    }

    private Task<StartRestoreJobOutput> RestoreTableAsync(string point, string name, bool copyTags = false) =>
        CallAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput
        {
            RecoveryPointArn = point,
            Metadata = new() { ["targetTableName"] = name },
            IamRoleArn = Role,
            CopySourceTagsToRestoredResource = copyTags,
        });

    private Task<DescribeRestoreJobOutput> DescribeAsync(string id) =>
        CallAsync(BackupOperations.DescribeRestoreJob, new DescribeRestoreJobInput { RestoreJobId = id });

    [Fact]
    public async Task A_completed_restore_creates_the_resource_with_the_recovery_points_content_after_a_duration_by_type_and_size()
    {
        // DynamoDB restore of 4 GiB: 1 minute to start, 20 minutes + ceil(4 / 2) = 23 minutes.
        var table = Emulator.Inventory.Add(Table("orders"), Tags(("team", "payments")), sizeInBytes: 4L << 30, content: new ResourceContent(500, "feed"));
        var point = await BackUpAsync(table);
        Emulator.Inventory.Change(table.Arn, new ResourceContent(501, "changed-since"));
        var start = Clock.GetUtcNow();

        var job = await RestoreTableAsync(point, "orders-restored", copyTags: true);
        var started = await DescribeAsync(job.RestoreJobId!);
        Clock.Advance(TimeSpan.FromMinutes(22));
        var running = await DescribeAsync(job.RestoreJobId!);
        Assert.Null(Emulator.Inventory.Find(Table("orders-restored")));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var done = await DescribeAsync(job.RestoreJobId!);
        var restored = Emulator.Inventory.Find(Table("orders-restored"));

        Assert.Equal(23, started.ExpectedCompletionTimeMinutes);
        Assert.Equal(RestoreJobStatus.RUNNING, running.Status);
        Assert.Equal(RestoreJobStatus.COMPLETED, done.Status);
        Assert.Equal(start + TimeSpan.FromMinutes(23), done.CompletionDate);
        Assert.Equal(Table("orders-restored"), done.CreatedResourceArn);
        Assert.NotNull(restored);
        Assert.Equal(new ResourceContent(500, "feed"), restored.Content);
        Assert.Equal(Emulator.Inventory.ContentOf(point), restored.Content);
        Assert.Equal(point, restored.RestoredFromRecoveryPointArn);
        Assert.Equal("DynamoDB", restored.ResourceType);
        Assert.Equal(4L << 30, restored.SizeInBytes);
        Assert.Equal("payments", restored.Tags["team"]);
        var described = await CallAsync(BackupOperations.DescribeProtectedResource, new DescribeProtectedResourceInput { ResourceArn = table.Arn });
        Assert.Equal(23, described.LatestRestoreExecutionTimeMinutes);
    }

    [Fact]
    public async Task Restore_faults_fail_corrupt_or_truncate_the_next_matching_restores()
    {
        var table = Emulator.Inventory.Add(Table("orders"), content: new ResourceContent(500, "feed"));
        var other = Emulator.Inventory.Add(Table("audit"), content: new ResourceContent(9, "beef"));
        var point = await BackUpAsync(table);
        var otherJob = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = other.Arn, IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromHours(1));
        Emulator.Faults.FailRestore("arn:aws:dynamodb:*:*:table/ord*", message: "Table creation failed: limit reached.");
        Emulator.Faults.CorruptRestore(table.Arn);
        Emulator.Faults.IncompleteRestore(table.Arn);

        var failed = await RestoreTableAsync(point, "r-failed");
        var untouched = await RestoreTableAsync(otherJob.RecoveryPointArn!, "r-other");
        var corrupted = await RestoreTableAsync(point, "r-corrupt");
        var incomplete = await RestoreTableAsync(point, "r-incomplete");
        var clean = await RestoreTableAsync(point, "r-clean");
        Clock.Advance(TimeSpan.FromHours(1));

        var failedJob = await DescribeAsync(failed.RestoreJobId!);
        Assert.Equal(RestoreJobStatus.FAILED, failedJob.Status);
        Assert.Equal("Table creation failed: limit reached.", failedJob.StatusMessage);
        Assert.Null(Emulator.Inventory.Find(Table("r-failed")));
        Assert.Equal(new ResourceContent(9, "beef"), Emulator.Inventory.Find(Table("r-other"))!.Content);
        Assert.Equal(RestoreJobStatus.COMPLETED, (await DescribeAsync(corrupted.RestoreJobId!)).Status);
        var corruptContent = Emulator.Inventory.Find(Table("r-corrupt"))!.Content;
        Assert.Equal(500, corruptContent.ItemCount);
        Assert.NotEqual("feed", corruptContent.Checksum);
        Assert.Equal(RestoreJobStatus.COMPLETED, (await DescribeAsync(incomplete.RestoreJobId!)).Status);
        Assert.True(Emulator.Inventory.Find(Table("r-incomplete"))!.Content.ItemCount < 500);
        Assert.Equal(new ResourceContent(500, "feed"), Emulator.Inventory.Find(Table("r-clean"))!.Content);
        Assert.Equal(RestoreJobStatus.COMPLETED, (await DescribeAsync(clean.RestoreJobId!)).Status);
    }

    [Fact]
    public async Task A_recovery_point_that_expires_during_the_restore_fails_it_and_a_missing_one_is_refused()
    {
        var table = Emulator.Inventory.Add(Table("orders"));
        var point = await BackUpAsync(table, new Lifecycle { DeleteAfterDays = 1 });
        Clock.Advance(TimeSpan.FromHours(22.9));

        var job = await RestoreTableAsync(point, "too-late");
        Clock.Advance(TimeSpan.FromHours(1));
        var described = await DescribeAsync(job.RestoreJobId!);
        var missing = await ErrorAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point, Metadata = new() { ["targetTableName"] = "gone" }, IamRoleArn = Role });

        Assert.Equal(RestoreJobStatus.FAILED, described.Status);
        Assert.Contains("expired", described.StatusMessage, StringComparison.Ordinal);
        Assert.Null(Emulator.Inventory.Find(Table("too-late")));
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
    }

    [Fact]
    public async Task Restoring_onto_an_existing_resource_fails()
    {
        var table = Emulator.Inventory.Add(Table("orders"));
        var point = await BackUpAsync(table);

        var job = await RestoreTableAsync(point, "orders");
        Clock.Advance(TimeSpan.FromHours(1));
        var described = await DescribeAsync(job.RestoreJobId!);

        Assert.Equal(RestoreJobStatus.FAILED, described.Status);
        Assert.Contains("already exists", described.StatusMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:000000000000:volume/vol-0123456789abcdef0", "EBS", "volumeId", "volumeSize")]
    [InlineData("arn:aws:rds:us-east-1:000000000000:db:billing", "RDS", "DBInstanceIdentifier", "DBInstanceClass")]
    [InlineData("arn:aws:rds:us-east-1:000000000000:cluster:ledger", "Aurora", "DBClusterIdentifier", "Engine")]
    [InlineData("arn:aws:elasticfilesystem:us-east-1:000000000000:file-system/fs-0123456789abcdef0", "EFS", "file-system-id", "newFileSystem")]
    [InlineData("arn:aws:s3:::invoices-bucket", "S3", "DestinationBucketName", "NewBucket")]
    [InlineData("arn:aws:dynamodb:us-east-1:000000000000:table/orders", "DynamoDB", "targetTableName", "encryptionType")]
    public async Task Restore_metadata_uses_the_keys_AWS_uses_for_the_type(string arn, string type, string nameKey, string otherKey)
    {
        var resource = Emulator.Inventory.Add(arn);
        var point = await BackUpAsync(resource);

        var metadata = await CallAsync(BackupOperations.GetRecoveryPointRestoreMetadata, new GetRecoveryPointRestoreMetadataInput { BackupVaultName = "primary", RecoveryPointArn = point });

        Assert.Equal(type, metadata.ResourceType);
        Assert.Equal(resource.ResourceName, metadata.RestoreMetadata![nameKey]);
        Assert.True(metadata.RestoreMetadata.ContainsKey(otherKey), $"{type} restore metadata should carry {otherKey}");
    }

    [Fact]
    public async Task An_EBS_restore_creates_a_new_volume_in_the_inventory()
    {
        var volume = Emulator.Inventory.Add(Volume("0123456789abcdef0"), sizeInBytes: 8L << 30, content: new ResourceContent(1, "disk"));
        var point = await BackUpAsync(volume);
        var metadata = (await CallAsync(BackupOperations.GetRecoveryPointRestoreMetadata, new GetRecoveryPointRestoreMetadataInput { BackupVaultName = "primary", RecoveryPointArn = point })).RestoreMetadata!;

        var job = await CallAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point, Metadata = metadata, IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromHours(1));
        var done = await DescribeAsync(job.RestoreJobId!);

        Assert.Equal(RestoreJobStatus.COMPLETED, done.Status);
        Assert.Matches("^arn:aws:ec2:us-east-1:000000000000:volume/vol-[0-9a-f]{17}$", done.CreatedResourceArn);
        Assert.NotEqual(volume.Arn, done.CreatedResourceArn);
        Assert.Equal(new ResourceContent(1, "disk"), Emulator.Inventory.Find(done.CreatedResourceArn!)!.Content);
        Assert.Equal("8", metadata["volumeSize"]);
    }
}
