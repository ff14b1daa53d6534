using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class CopyJobTests : EmulatorTest
{
    private const string Table = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    protected override void Configure(BackupEmulatorOptions options) => options.AccountsByAccessKey["AKIDVAULTACCOUNT"] = "222222222222";

    private async Task<(string Point, DateTimeOffset Created)> BackUpAsync()
    {
        await CreateVaultAsync("source");
        var job = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "source", ResourceArn = Table, IamRoleArn = Role, Lifecycle = new Lifecycle { DeleteAfterDays = 35 } });
        Clock.Advance(TimeSpan.FromMinutes(11));
        return (job.RecoveryPointArn!, job.CreationDate!.Value);
    }

    private Task<StartCopyJobOutput> CopyAsync(string point, string destinationArn, Lifecycle? lifecycle = null, string? token = null) =>
        CallAsync(BackupOperations.StartCopyJob, new StartCopyJobInput
        {
            RecoveryPointArn = point,
            SourceBackupVaultName = "source",
            DestinationBackupVaultArn = destinationArn,
            IamRoleArn = Role,
            Lifecycle = lifecycle,
            IdempotencyToken = token,
        });

    [Fact]
    public async Task Copy_lands_in_a_vault_of_another_region_keeping_the_source_creation_date()
    {
        var (point, created) = await BackUpAsync();
        using var west = CallerFor(region: "us-west-2");
        var destination = await west.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "replica" });

        var started = await CopyAsync(point, destination.BackupVaultArn!, token: "copy-1");
        var repeated = await CopyAsync(point, destination.BackupVaultArn!, token: "copy-1");
        var running = (await CallAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = started.CopyJobId })).CopyJob!;
        Assert.Empty((await west.CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "replica" })).RecoveryPoints!);
        Clock.Advance(TimeSpan.FromMinutes(11));
        var done = (await CallAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = started.CopyJobId })).CopyJob!;
        var copy = Assert.Single((await west.CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "replica" })).RecoveryPoints!);

        Assert.Equal(started.CopyJobId, repeated.CopyJobId);
        Assert.Equal(CopyJobState.CREATED, running.State);
        Assert.Equal(CopyJobState.COMPLETED, done.State);
        Assert.Equal(point, done.SourceRecoveryPointArn);
        Assert.Equal(done.DestinationRecoveryPointArn, copy.RecoveryPointArn);
        Assert.StartsWith("arn:aws:backup:us-west-2:000000000000:recovery-point:", copy.RecoveryPointArn, StringComparison.Ordinal);
        Assert.Equal(created, copy.CreationDate);
        Assert.Equal(created.AddDays(35), copy.CalculatedLifecycle!.DeleteAt);
        Assert.Single((await CallAsync(BackupOperations.ListCopyJobs, new ListCopyJobsInput { ByDestinationVaultArn = destination.BackupVaultArn })).CopyJobs!);
    }

    [Fact]
    public async Task Cross_account_copy_needs_the_destination_policy_to_allow_it()
    {
        var (point, _) = await BackUpAsync();
        using var other = CallerFor(accessKey: "AKIDVAULTACCOUNT");
        var closed = await other.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "closed" });
        var open = await other.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "open" });
        await other.CallAsync(BackupOperations.PutBackupVaultAccessPolicy, new PutBackupVaultAccessPolicyInput
        {
            BackupVaultName = "open",
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"backup:CopyIntoBackupVault","Resource":"*"}]}""",
        });

        var refused = await CopyAsync(point, closed.BackupVaultArn!);
        var allowed = await CopyAsync(point, open.BackupVaultArn!);
        Clock.Advance(TimeSpan.FromMinutes(11));

        var failed = (await CallAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = refused.CopyJobId })).CopyJob!;
        Assert.Equal(CopyJobState.FAILED, failed.State);
        Assert.Contains("CopyIntoBackupVault", failed.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(CopyJobState.COMPLETED, (await CallAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = allowed.CopyJobId })).CopyJob!.State);
        Assert.Single((await other.CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "open" })).RecoveryPoints!);
    }

    [Fact]
    public async Task Copy_outside_the_destination_lock_range_fails()
    {
        var (point, _) = await BackUpAsync();
        var destination = await CreateVaultAsync("locked-copy");
        await CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "locked-copy", MinRetentionDays = 90 });

        var started = await CopyAsync(point, destination.BackupVaultArn!);
        Clock.Advance(TimeSpan.FromMinutes(11));
        var job = (await CallAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = started.CopyJobId })).CopyJob!;

        Assert.Equal(CopyJobState.FAILED, job.State);
        Assert.Empty((await CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "locked-copy" })).RecoveryPoints!);
    }

    [Fact]
    public async Task Copy_errors()
    {
        var (point, _) = await BackUpAsync();

        var badArn = await ErrorAsync(BackupOperations.StartCopyJob, new StartCopyJobInput { RecoveryPointArn = point, SourceBackupVaultName = "source", DestinationBackupVaultArn = "replica", IamRoleArn = Role });
        var noPoint = await ErrorAsync(BackupOperations.StartCopyJob, new StartCopyJobInput { RecoveryPointArn = point + "x", SourceBackupVaultName = "source", DestinationBackupVaultArn = "arn:aws:backup:us-east-1:000000000000:backup-vault:source", IamRoleArn = Role });
        var noJob = await ErrorAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = "missing" });

        Assert.Equal("InvalidParameterValueException", badArn.ErrorType);
        Assert.Equal("ResourceNotFoundException", noPoint.ErrorType);
        Assert.Equal("ResourceNotFoundException", noJob.ErrorType);
    }
}
