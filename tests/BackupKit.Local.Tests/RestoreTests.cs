using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class RestoreTests : EmulatorTest
{
    private const string Table = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    private async Task<string> BackUpAsync()
    {
        await CreateVaultAsync("primary");
        var job = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = Table, IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromMinutes(11));
        return job.RecoveryPointArn!;
    }

    [Fact]
    public async Task Restore_job_runs_on_the_clock_and_creates_the_resource_named_in_the_metadata()
    {
        var point = await BackUpAsync();
        var metadata = await CallAsync(BackupOperations.GetRecoveryPointRestoreMetadata, new GetRecoveryPointRestoreMetadataInput { BackupVaultName = "primary", RecoveryPointArn = point });
        var restoreMetadata = new Dictionary<string, string>(metadata.RestoreMetadata!) { ["targetTableName"] = "orders-restored" };

        var started = await CallAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point, Metadata = restoreMetadata, IamRoleArn = Role, IdempotencyToken = "restore-1" });
        var again = await CallAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point, Metadata = restoreMetadata, IamRoleArn = Role, IdempotencyToken = "restore-1" });
        var pending = await CallAsync(BackupOperations.DescribeRestoreJob, new DescribeRestoreJobInput { RestoreJobId = started.RestoreJobId });
        Clock.Advance(TimeSpan.FromMinutes(10));
        var completed = await CallAsync(BackupOperations.DescribeRestoreJob, new DescribeRestoreJobInput { RestoreJobId = started.RestoreJobId });

        Assert.Equal("DynamoDB", metadata.ResourceType);
        Assert.Equal("orders", metadata.RestoreMetadata!["targetTableName"]);
        Assert.Equal(started.RestoreJobId, again.RestoreJobId);
        Assert.Equal(RestoreJobStatus.PENDING, pending.Status);
        Assert.Null(pending.CreatedResourceArn);
        Assert.Equal(RestoreJobStatus.COMPLETED, completed.Status);
        Assert.Equal("arn:aws:dynamodb:us-east-1:000000000000:table/orders-restored", completed.CreatedResourceArn);
        Assert.Equal(Table, completed.SourceResourceArn);
        Assert.Equal(point, completed.RecoveryPointArn);
        Assert.Single((await CallAsync(BackupOperations.ListRestoreJobs, new ListRestoreJobsInput { ByStatus = RestoreJobStatus.COMPLETED })).RestoreJobs!);
        Assert.Single((await CallAsync(BackupOperations.ListRestoreJobsByProtectedResource, new ListRestoreJobsByProtectedResourceInput { ResourceArn = Table })).RestoreJobs!);
    }

    [Fact]
    public async Task Restore_job_keeps_its_metadata_and_takes_one_final_validation_result()
    {
        var point = await BackUpAsync();
        var started = await CallAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point, Metadata = new() { ["targetTableName"] = "orders-check" }, IamRoleArn = Role });

        var tooEarly = await ErrorAsync(BackupOperations.PutRestoreValidationResult, new PutRestoreValidationResultInput { RestoreJobId = started.RestoreJobId, ValidationStatus = RestoreValidationStatus.SUCCESSFUL });
        var metadata = await CallAsync(BackupOperations.GetRestoreJobMetadata, new GetRestoreJobMetadataInput { RestoreJobId = started.RestoreJobId });
        Clock.Advance(TimeSpan.FromHours(2));
        using var validating = await Caller.SendAsync(BackupOperations.PutRestoreValidationResult, new PutRestoreValidationResultInput { RestoreJobId = started.RestoreJobId, ValidationStatus = RestoreValidationStatus.VALIDATING });
        await CallAsync(BackupOperations.PutRestoreValidationResult, new PutRestoreValidationResultInput { RestoreJobId = started.RestoreJobId, ValidationStatus = RestoreValidationStatus.SUCCESSFUL, ValidationStatusMessage = "row counts match" });
        var changed = await ErrorAsync(BackupOperations.PutRestoreValidationResult, new PutRestoreValidationResultInput { RestoreJobId = started.RestoreJobId, ValidationStatus = RestoreValidationStatus.FAILED });
        var described = await CallAsync(BackupOperations.DescribeRestoreJob, new DescribeRestoreJobInput { RestoreJobId = started.RestoreJobId });
        var missing = await ErrorAsync(BackupOperations.GetRestoreJobMetadata, new GetRestoreJobMetadataInput { RestoreJobId = "missing" });

        Assert.Equal("InvalidRequestException", tooEarly.ErrorType);
        Assert.Equal("orders-check", metadata.Metadata!["targetTableName"]);
        Assert.Equal(started.RestoreJobId, metadata.RestoreJobId);
        Assert.Equal(204, (int)validating.StatusCode);
        Assert.Equal("InvalidRequestException", changed.ErrorType);
        Assert.Equal(RestoreValidationStatus.SUCCESSFUL, described.ValidationStatus);
        Assert.Equal("row counts match", described.ValidationStatusMessage);
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
    }

    [Fact]
    public async Task Restore_needs_the_metadata_of_its_resource_type_and_an_existing_recovery_point()
    {
        var point = await BackUpAsync();

        var noName = await ErrorAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point, Metadata = new() { ["other"] = "x" }, IamRoleArn = Role });
        var noPoint = await ErrorAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point + "x", Metadata = new() { ["targetTableName"] = "t" }, IamRoleArn = Role });
        var noMetadata = await ErrorAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point, IamRoleArn = Role });
        var noJob = await ErrorAsync(BackupOperations.DescribeRestoreJob, new DescribeRestoreJobInput { RestoreJobId = "missing" });

        Assert.Equal("InvalidParameterValueException", noName.ErrorType);
        Assert.Contains("targetTableName", noName.BodyMessage, StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", noPoint.ErrorType);
        Assert.Equal("MissingParameterValueException", noMetadata.ErrorType);
        Assert.Equal("ResourceNotFoundException", noJob.ErrorType);
    }

    [Fact]
    public async Task Protected_resources_are_the_resources_with_recovery_points()
    {
        var point = await BackUpAsync();

        var listed = Assert.Single((await CallAsync(BackupOperations.ListProtectedResources, new ListProtectedResourcesInput())).Results!);
        var described = await CallAsync(BackupOperations.DescribeProtectedResource, new DescribeProtectedResourceInput { ResourceArn = Table });
        var unknown = await ErrorAsync(BackupOperations.DescribeProtectedResource, new DescribeProtectedResourceInput { ResourceArn = Table + "-other" });
        await CreateVaultAsync("empty");
        var inVault = await CallAsync(BackupOperations.ListProtectedResourcesByBackupVault, new ListProtectedResourcesByBackupVaultInput { BackupVaultName = "primary" });
        var inEmpty = await CallAsync(BackupOperations.ListProtectedResourcesByBackupVault, new ListProtectedResourcesByBackupVaultInput { BackupVaultName = "empty" });

        Assert.Equal(Table, listed.ResourceArn);
        Assert.Equal("DynamoDB", listed.ResourceType);
        Assert.Equal(point, listed.LastRecoveryPointArn);
        Assert.Equal(point, described.LastRecoveryPointArn);
        Assert.Equal("arn:aws:backup:us-east-1:000000000000:backup-vault:primary", described.LastBackupVaultArn);
        Assert.Equal("ResourceNotFoundException", unknown.ErrorType);
        Assert.Equal([Table], inVault.Results!.Select(r => r.ResourceArn));
        Assert.Empty(inEmpty.Results!);
    }
}
