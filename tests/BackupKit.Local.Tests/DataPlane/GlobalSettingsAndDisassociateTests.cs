using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

/// <summary>DescribeGlobalSettings / UpdateGlobalSettings, DisassociateRecoveryPoint and DisassociateRecoveryPointFromParent.</summary>
public sealed class GlobalSettingsAndDisassociateTests : DataPlaneTest
{
    protected override void Configure(BackupEmulatorOptions options) => options.AccountsByAccessKey["AKIDMEMBER"] = "222222222222";

    [Fact]
    public async Task Only_the_management_account_updates_global_settings_and_turning_cross_account_backup_off_fails_cross_account_copies()
    {
        using var member = CallerFor(accessKey: "AKIDMEMBER");
        var vault = await member.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "shared" });
        await member.CallAsync(BackupOperations.PutBackupVaultAccessPolicy, new PutBackupVaultAccessPolicyInput
        {
            BackupVaultName = "shared",
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"backup:CopyIntoBackupVault","Resource":"*"}]}""",
        });
        await CreateVaultAsync("primary");
        var backup = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = Table("orders"), IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromMinutes(15));

        var defaults = await member.CallAsync(BackupOperations.DescribeGlobalSettings, new DescribeGlobalSettingsInput());
        var memberUpdate = await Assert.ThrowsAsync<Support.AwsErrorResponse>(() => member.CallAsync(BackupOperations.UpdateGlobalSettings, new UpdateGlobalSettingsInput { GlobalSettings = new() { ["isCrossAccountBackupEnabled"] = "false" } }));
        var unknownFlag = await ErrorAsync(BackupOperations.UpdateGlobalSettings, new UpdateGlobalSettingsInput { GlobalSettings = new() { ["isEverythingEnabled"] = "true" } });
        var notBoolean = await ErrorAsync(BackupOperations.UpdateGlobalSettings, new UpdateGlobalSettingsInput { GlobalSettings = new() { ["isMpaEnabled"] = "yes" } });
        var allowed = await CallAsync(BackupOperations.StartCopyJob, new StartCopyJobInput { RecoveryPointArn = backup.RecoveryPointArn, SourceBackupVaultName = "primary", DestinationBackupVaultArn = vault.BackupVaultArn, IamRoleArn = Role });

        await CallAsync(BackupOperations.UpdateGlobalSettings, new UpdateGlobalSettingsInput { GlobalSettings = new() { ["isCrossAccountBackupEnabled"] = "false" } });
        var updatedAt = Clock.GetUtcNow();
        var refused = await CallAsync(BackupOperations.StartCopyJob, new StartCopyJobInput { RecoveryPointArn = backup.RecoveryPointArn, SourceBackupVaultName = "primary", DestinationBackupVaultArn = vault.BackupVaultArn, IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromMinutes(15));
        var after = await member.CallAsync(BackupOperations.DescribeGlobalSettings, new DescribeGlobalSettingsInput());

        Assert.Equal("true", defaults.GlobalSettings!["isCrossAccountBackupEnabled"]);
        Assert.Null(defaults.LastUpdateTime);
        Assert.Equal("InvalidRequestException", memberUpdate.ErrorType);
        Assert.Contains("management account", memberUpdate.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidParameterValueException", unknownFlag.ErrorType);
        Assert.Equal("InvalidParameterValueException", notBoolean.ErrorType);
        Assert.Equal("false", after.GlobalSettings!["isCrossAccountBackupEnabled"]);
        Assert.Equal(updatedAt, after.LastUpdateTime);
        Assert.Equal(CopyJobState.COMPLETED, (await CallAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = allowed.CopyJobId })).CopyJob!.State);
        var failed = (await CallAsync(BackupOperations.DescribeCopyJob, new DescribeCopyJobInput { CopyJobId = refused.CopyJobId })).CopyJob!;
        Assert.Equal(CopyJobState.FAILED, failed.State);
        Assert.Contains("isCrossAccountBackupEnabled", failed.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disassociating_a_continuous_point_removes_it_and_the_rule_takes_snapshots_from_then_on()
    {
        Emulator.Inventory.Add(Database("billing"), Tags(("backup", "pitr")));
        await PlanAsync(ByTags(("backup", "pitr")), new BackupRuleInput
        {
            RuleName = "pitr",
            TargetBackupVaultName = "primary",
            ScheduleExpression = "cron(0 * ? * * *)",
            EnableContinuousBackup = true,
            Lifecycle = new Lifecycle { DeleteAfterDays = 7 },
        });
        Clock.Advance(TimeSpan.FromHours(3));
        var continuous = Assert.Single(await PointsAsync());
        var snapshot = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = Database("billing"), IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromMinutes(30));

        var onSnapshot = await ErrorAsync(BackupOperations.DisassociateRecoveryPoint, new DisassociateRecoveryPointInput { BackupVaultName = "primary", RecoveryPointArn = snapshot.RecoveryPointArn });
        var missing = await ErrorAsync(BackupOperations.DisassociateRecoveryPoint, new DisassociateRecoveryPointInput { BackupVaultName = "primary", RecoveryPointArn = continuous.RecoveryPointArn + "-gone" });
        await CallAsync(BackupOperations.DisassociateRecoveryPoint, new DisassociateRecoveryPointInput { BackupVaultName = "primary", RecoveryPointArn = continuous.RecoveryPointArn });
        var afterDisassociation = await PointsAsync();
        Clock.Advance(TimeSpan.FromHours(2));
        var later = await PointsAsync();

        Assert.Contains(":recovery-point:continuous:", continuous.RecoveryPointArn, StringComparison.Ordinal);
        Assert.Equal("InvalidRequestException", onSnapshot.ErrorType);
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
        Assert.Equal([snapshot.RecoveryPointArn], afterDisassociation.Select(p => p.RecoveryPointArn));
        Assert.DoesNotContain(later, p => p.RecoveryPointArn!.Contains(":continuous:", StringComparison.Ordinal));
        Assert.True(later.Count >= 3, $"the hourly rule keeps backing up with snapshots, got {later.Count} points");
        Assert.All(later, p => Assert.NotEqual(true, p.IsParent));
    }

    [Fact]
    public async Task Disassociating_from_a_parent_is_refused_for_points_that_have_none()
    {
        await CreateVaultAsync("primary");
        var backup = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = Table("orders"), IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromMinutes(15));

        var notChild = await ErrorAsync(BackupOperations.DisassociateRecoveryPointFromParent, new DisassociateRecoveryPointFromParentInput { BackupVaultName = "primary", RecoveryPointArn = backup.RecoveryPointArn });
        var noVault = await ErrorAsync(BackupOperations.DisassociateRecoveryPointFromParent, new DisassociateRecoveryPointFromParentInput { BackupVaultName = "elsewhere", RecoveryPointArn = backup.RecoveryPointArn });

        Assert.Equal("InvalidRequestException", notChild.ErrorType);
        Assert.Contains("composite", notChild.Message, StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", noVault.ErrorType);
        Assert.Single(await PointsAsync());
    }
}
