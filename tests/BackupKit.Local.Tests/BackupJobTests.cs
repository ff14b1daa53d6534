using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class BackupJobTests : EmulatorTest
{
    private const string Table = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    private Task<StartBackupJobOutput> StartAsync(string vault, string resource = Table, long? deleteAfterDays = 30, string? token = null) =>
        CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput
        {
            BackupVaultName = vault,
            ResourceArn = resource,
            IamRoleArn = Role,
            IdempotencyToken = token,
            Lifecycle = deleteAfterDays is { } days ? new Lifecycle { DeleteAfterDays = days } : null,
            RecoveryPointTags = new() { ["purpose"] = "test" },
        });

    private Task<DescribeBackupJobOutput> DescribeAsync(string jobId) =>
        CallAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = jobId });

    [Fact]
    public async Task Job_moves_from_CREATED_to_RUNNING_to_COMPLETED_with_the_clock_and_leaves_a_recovery_point()
    {
        var vault = await CreateVaultAsync("jobs");
        var started = await StartAsync("jobs");

        var created = await DescribeAsync(started.BackupJobId!);
        Clock.Advance(TimeSpan.FromMinutes(2));
        var running = await DescribeAsync(started.BackupJobId!);
        Clock.Advance(TimeSpan.FromMinutes(10));
        var completed = await DescribeAsync(started.BackupJobId!);

        Assert.Equal(BackupJobState.CREATED, created.State);
        Assert.Equal(Table, created.ResourceArn);
        Assert.Equal("DynamoDB", created.ResourceType);
        Assert.Equal(vault.BackupVaultArn, created.BackupVaultArn);
        Assert.Equal(Role, created.IamRoleArn);
        Assert.Equal("000000000000", created.AccountId);
        Assert.Equal(created.CreationDate!.Value.AddHours(8), created.StartBy);
        Assert.Equal(BackupJobState.RUNNING, running.State);
        Assert.Equal(BackupJobState.COMPLETED, completed.State);
        Assert.Equal("100.0", completed.PercentDone);
        Assert.Equal(created.CreationDate.Value.AddMinutes(10), completed.CompletionDate);
        Assert.Equal(started.RecoveryPointArn, completed.RecoveryPointArn);
        Assert.StartsWith(Table + "/backup/", completed.RecoveryPointArn, StringComparison.Ordinal);

        var point = Assert.Single((await CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "jobs" })).RecoveryPoints!);
        Assert.Equal(completed.RecoveryPointArn, point.RecoveryPointArn);
        Assert.Equal(RecoveryPointStatus.COMPLETED, point.Status);
        Assert.Equal(30, point.Lifecycle!.DeleteAfterDays);
        Assert.Equal(point.CreationDate!.Value.AddDays(30), point.CalculatedLifecycle!.DeleteAt);
        Assert.Equal(1, (await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "jobs" })).NumberOfRecoveryPoints);
    }

    [Fact]
    public async Task Repeated_IdempotencyToken_returns_the_first_job_and_starts_no_other()
    {
        await CreateVaultAsync("idempotent");

        var first = await StartAsync("idempotent", token: "token-1");
        var second = await StartAsync("idempotent", token: "token-1");
        var jobs = await CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput { ByResourceArn = Table });

        Assert.Equal(first.BackupJobId, second.BackupJobId);
        Assert.Single(jobs.BackupJobs!);
    }

    [Fact]
    public async Task ListBackupJobs_filters_by_vault_state_resource_type_and_creation_time()
    {
        await CreateVaultAsync("a-vault");
        await CreateVaultAsync("b-vault");
        var start = Clock.GetUtcNow();
        var a = await StartAsync("a-vault");
        Clock.Advance(TimeSpan.FromHours(1));
        var b = await StartAsync("b-vault", resource: "arn:aws:elasticfilesystem:us-east-1:000000000000:file-system/fs-12345678");

        async Task<IEnumerable<string?>> Ids(ListBackupJobsInput input) =>
            (await CallAsync(BackupOperations.ListBackupJobs, input)).BackupJobs!.Select(j => j.BackupJobId);

        Assert.Equal([a.BackupJobId], await Ids(new ListBackupJobsInput { ByBackupVaultName = "a-vault" }));
        Assert.Equal([a.BackupJobId], await Ids(new ListBackupJobsInput { ByState = BackupJobState.COMPLETED }));
        Assert.Equal([b.BackupJobId], await Ids(new ListBackupJobsInput { ByResourceType = "EFS" }));
        Assert.Equal([a.BackupJobId], await Ids(new ListBackupJobsInput { ByCreatedBefore = start.AddMinutes(30) }));
        Assert.Equal([b.BackupJobId], await Ids(new ListBackupJobsInput { ByCreatedAfter = start.AddMinutes(30) }));
        Assert.Empty(await Ids(new ListBackupJobsInput { ByAccountId = "999999999999" }));
    }

    [Fact]
    public async Task Job_whose_retention_breaks_the_vault_lock_fails_without_a_recovery_point()
    {
        await CreateVaultAsync("locked");
        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "locked", MinRetentionDays = 7, MaxRetentionDays = 30 });

        var tooShort = await StartAsync("locked", deleteAfterDays: 1);
        var forever = await StartAsync("locked", resource: Table + "2", deleteAfterDays: null);
        var fits = await StartAsync("locked", resource: Table + "3", deleteAfterDays: 10);
        Clock.Advance(TimeSpan.FromMinutes(15));

        var failed = await DescribeAsync(tooShort.BackupJobId!);
        Assert.Equal(BackupJobState.FAILED, failed.State);
        Assert.Contains("minimum retention of 7 days", failed.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(BackupJobState.FAILED, (await DescribeAsync(forever.BackupJobId!)).State);
        Assert.Equal(BackupJobState.COMPLETED, (await DescribeAsync(fits.BackupJobId!)).State);
        Assert.Single((await CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "locked" })).RecoveryPoints!);
    }

    [Fact]
    public async Task StopBackupJob_aborts_a_running_job_but_not_a_finished_one()
    {
        await CreateVaultAsync("stops");
        var running = await StartAsync("stops");

        await CallAsync(BackupOperations.StopBackupJob, new StopBackupJobInput { BackupJobId = running.BackupJobId });
        Clock.Advance(TimeSpan.FromMinutes(15));
        var again = await ErrorAsync(BackupOperations.StopBackupJob, new StopBackupJobInput { BackupJobId = running.BackupJobId });

        Assert.Equal(BackupJobState.ABORTED, (await DescribeAsync(running.BackupJobId!)).State);
        Assert.Equal("InvalidRequestException", again.ErrorType);
        Assert.Empty((await CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "stops" })).RecoveryPoints!);
    }

    [Fact]
    public async Task Job_errors_are_AWS_shaped()
    {
        await CreateVaultAsync("errors");

        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.DescribeBackupJob, new DescribeBackupJobInput { BackupJobId = Guid.NewGuid().ToString() })).ErrorType);
        Assert.Equal("ResourceNotFoundException", (await ErrorAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "nowhere", ResourceArn = Table, IamRoleArn = Role })).ErrorType);
        Assert.Equal("MissingParameterValueException", (await ErrorAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "errors", ResourceArn = Table })).ErrorType);
        Assert.Equal("InvalidParameterValueException", (await ErrorAsync(BackupOperations.StartBackupJob, new StartBackupJobInput
        {
            BackupVaultName = "errors",
            ResourceArn = Table,
            IamRoleArn = Role,
            Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 10, DeleteAfterDays = 20 },
        })).ErrorType);
        Assert.Equal("InvalidParameterValueException", (await ErrorAsync(BackupOperations.StartBackupJob, new StartBackupJobInput
        {
            BackupVaultName = "errors",
            ResourceArn = "arn:aws:sqs:us-east-1:000000000000:queue",
            IamRoleArn = Role,
        })).ErrorType);
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:000000000000:volume/vol-0123456789abcdef0", "EBS", "arn:aws:ec2:us-east-1::snapshot/snap-")]
    [InlineData("arn:aws:ec2:us-east-1:000000000000:instance/i-0123456789abcdef0", "EC2", "arn:aws:ec2:us-east-1::image/ami-")]
    [InlineData("arn:aws:rds:us-east-1:000000000000:db:orders", "RDS", "arn:aws:rds:us-east-1:000000000000:snapshot:awsbackup:job-")]
    [InlineData("arn:aws:elasticfilesystem:us-east-1:000000000000:file-system/fs-1", "EFS", "arn:aws:backup:us-east-1:000000000000:recovery-point:")]
    [InlineData("arn:aws:s3:::my-bucket", "S3", "arn:aws:backup:us-east-1:000000000000:recovery-point:")]
    public async Task Recovery_point_ARNs_take_the_form_AWS_gives_each_resource_type(string resource, string type, string arnPrefix)
    {
        await CreateVaultAsync("types");

        var started = await StartAsync("types", resource: resource);
        var job = await DescribeAsync(started.BackupJobId!);

        Assert.Equal(type, job.ResourceType);
        Assert.StartsWith(arnPrefix, started.RecoveryPointArn, StringComparison.Ordinal);
    }
}
