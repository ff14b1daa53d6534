using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

public sealed class CopyActionTests : DataPlaneTest
{
    protected override void Configure(BackupEmulatorOptions options) => options.AccountsByAccessKey["AKIDVAULTACCOUNT"] = "222222222222";

    private static BackupRuleInput RuleWithCopies(params CopyAction[] copies) => new()
    {
        RuleName = "daily",
        TargetBackupVaultName = "primary",
        Lifecycle = new Lifecycle { DeleteAfterDays = 35 },
        CopyActions = [.. copies],
    };

    [Fact]
    public async Task A_completed_scheduled_backup_is_copied_to_another_region_with_the_copy_actions_lifecycle()
    {
        using var west = CallerFor(region: "us-west-2");
        var replica = await west.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "replica" });
        var table = Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")), content: new ResourceContent(7, "c0ffee"));
        var planId = await PlanAsync(ByTags(("backup", "daily")), RuleWithCopies(new CopyAction { DestinationBackupVaultArn = replica.BackupVaultArn, Lifecycle = new Lifecycle { DeleteAfterDays = 90 } }));

        Clock.Advance(TimeSpan.FromDays(1));
        var backup = Assert.Single(await JobsAsync());
        var copy = Assert.Single((await CallAsync(BackupOperations.ListCopyJobs, new ListCopyJobsInput())).CopyJobs!);
        var landed = Assert.Single((await west.CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "replica" })).RecoveryPoints!);

        Assert.Equal(CopyJobState.COMPLETED, copy.State);
        Assert.Equal(backup.CompletionDate, copy.CreationDate);
        Assert.Equal(planId, copy.CreatedBy!.BackupPlanId);
        Assert.Equal("daily", copy.CreatedBy.BackupRuleName);
        Assert.Equal(backup.RecoveryPointArn, copy.SourceRecoveryPointArn);
        Assert.Equal(replica.BackupVaultArn, copy.DestinationBackupVaultArn);
        Assert.Equal(copy.DestinationRecoveryPointArn, landed.RecoveryPointArn);
        Assert.Equal(table.Arn, landed.ResourceArn);
        Assert.Equal(90, landed.Lifecycle!.DeleteAfterDays);
        Assert.Equal(backup.CreationDate, landed.CreationDate);
        Assert.Equal(planId, landed.CreatedBy!.BackupPlanId);
        Assert.Equal(new ResourceContent(7, "c0ffee"), Emulator.Inventory.ContentOf(landed.RecoveryPointArn!));
    }

    [Fact]
    public async Task Copy_actions_fail_when_the_destination_refuses_as_StartCopyJob_does()
    {
        using var other = CallerFor(accessKey: "AKIDVAULTACCOUNT");
        var closed = await other.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "closed" });
        using var west = CallerFor(region: "us-west-2");
        var locked = await west.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "locked" });
        await west.CallAsync(BackupOperations.PutBackupVaultLockConfiguration, new PutBackupVaultLockConfigurationInput { BackupVaultName = "locked", MinRetentionDays = 365 });
        Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")));
        await PlanAsync(ByTags(("backup", "daily")), RuleWithCopies(
            new CopyAction { DestinationBackupVaultArn = closed.BackupVaultArn },
            new CopyAction { DestinationBackupVaultArn = locked.BackupVaultArn },
            new CopyAction { DestinationBackupVaultArn = "arn:aws:backup:us-west-2:000000000000:backup-vault:missing" }));

        Clock.Advance(TimeSpan.FromDays(1));
        var copies = (await CallAsync(BackupOperations.ListCopyJobs, new ListCopyJobsInput())).CopyJobs!;

        Assert.Equal(3, copies.Count);
        Assert.All(copies, c => Assert.Equal(CopyJobState.FAILED, c.State));
        Assert.Contains("access policy", Assert.Single(copies, c => c.DestinationBackupVaultArn == closed.BackupVaultArn).StatusMessage, StringComparison.Ordinal);
        Assert.Contains("minimum retention", Assert.Single(copies, c => c.DestinationBackupVaultArn == locked.BackupVaultArn).StatusMessage, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Single(copies, c => c.DestinationBackupVaultArn!.EndsWith(":missing", StringComparison.Ordinal)).StatusMessage, StringComparison.Ordinal);
        Assert.Empty((await other.CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "closed" })).RecoveryPoints!);
    }

    [Fact]
    public async Task A_cross_account_copy_lands_when_the_destination_policy_allows_it()
    {
        using var other = CallerFor(accessKey: "AKIDVAULTACCOUNT");
        var open = await other.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "open" });
        await other.CallAsync(BackupOperations.PutBackupVaultAccessPolicy, new PutBackupVaultAccessPolicyInput
        {
            BackupVaultName = "open",
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"backup:CopyIntoBackupVault","Resource":"*"}]}""",
        });
        Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")));
        await PlanAsync(ByTags(("backup", "daily")), RuleWithCopies(new CopyAction { DestinationBackupVaultArn = open.BackupVaultArn }));

        Clock.Advance(TimeSpan.FromDays(1));
        var copy = Assert.Single((await CallAsync(BackupOperations.ListCopyJobs, new ListCopyJobsInput())).CopyJobs!);
        var landed = Assert.Single((await other.CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "open" })).RecoveryPoints!);

        Assert.Equal(CopyJobState.COMPLETED, copy.State);
        Assert.Equal(35, landed.Lifecycle!.DeleteAfterDays);
        Assert.StartsWith("arn:aws:backup:us-east-1:222222222222:recovery-point:", landed.RecoveryPointArn, StringComparison.Ordinal);
    }
}
