using System.Globalization;
using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

public sealed class ContinuousBackupTests : DataPlaneTest
{
    private static BackupRuleInput ContinuousRule(long days = 7) => new()
    {
        RuleName = "pitr",
        TargetBackupVaultName = "primary",
        ScheduleExpression = "cron(0 * ? * * *)",
        EnableContinuousBackup = true,
        Lifecycle = new Lifecycle { DeleteAfterDays = days },
    };

    private Task<StartRestoreJobOutput> RestoreAsync(string point, Dictionary<string, string> metadata) =>
        CallAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = point, Metadata = metadata, IamRoleArn = Role });

    [Fact]
    public async Task Hourly_continuous_runs_keep_one_recovery_point_restorable_to_any_moment_of_its_window()
    {
        var database = Emulator.Inventory.Add(Database("billing"), Tags(("backup", "pitr")), content: new ResourceContent(100, "v1"));
        await PlanAsync(ByTags(("backup", "pitr")), ContinuousRule());
        Clock.Advance(TimeSpan.FromHours(5));
        var beforeChange = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(30));
        Emulator.Inventory.Change(database.Arn, new ResourceContent(150, "v2"));
        Clock.Advance(TimeSpan.FromHours(5));

        var points = await PointsAsync();
        var jobs = await JobsAsync();
        var point = Assert.Single(points);
        Assert.True(jobs.Count >= 9, $"every hourly run starts a job, got {jobs.Count}");
        Assert.All(jobs, j => Assert.Equal(point.RecoveryPointArn, j.RecoveryPointArn));
        Assert.Contains(":recovery-point:continuous:", point.RecoveryPointArn, StringComparison.Ordinal);

        var past = await RestoreAsync(point.RecoveryPointArn!, new() { ["DBInstanceIdentifier"] = "billing-past", ["RestoreTime"] = beforeChange.ToString("O", CultureInfo.InvariantCulture) });
        var latest = await RestoreAsync(point.RecoveryPointArn!, new() { ["DBInstanceIdentifier"] = "billing-latest", ["UseLatestRestorableTime"] = "true" });
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(BackupKit.Wire.RestoreJobStatus.COMPLETED, (await CallAsync(BackupOperations.DescribeRestoreJob, new DescribeRestoreJobInput { RestoreJobId = past.RestoreJobId })).Status);
        Assert.Equal(new ResourceContent(100, "v1"), Emulator.Inventory.Find(Database("billing-past"))!.Content);
        Assert.Equal(new ResourceContent(150, "v2"), Emulator.Inventory.Find(Database("billing-latest"))!.Content);
        Assert.Equal(point.RecoveryPointArn, Emulator.Inventory.Find(Database("billing-past"))!.RestoredFromRecoveryPointArn);
        Assert.NotNull(latest.RestoreJobId);
    }

    [Fact]
    public async Task A_restore_time_outside_the_window_or_on_a_snapshot_is_refused()
    {
        Emulator.Inventory.Add(Database("billing"), Tags(("backup", "pitr")));
        await PlanAsync(ByTags(("backup", "pitr")), ContinuousRule(days: 1));
        Clock.Advance(TimeSpan.FromDays(3));
        var point = Assert.Single(await PointsAsync());
        var snapshot = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = Database("billing"), IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromHours(1));

        var tooOld = await ErrorAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput
        {
            RecoveryPointArn = point.RecoveryPointArn,
            IamRoleArn = Role,
            Metadata = new() { ["DBInstanceIdentifier"] = "old", ["RestoreTime"] = Clock.GetUtcNow().AddDays(-2).ToString("O", CultureInfo.InvariantCulture) },
        });
        var future = await ErrorAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput
        {
            RecoveryPointArn = point.RecoveryPointArn,
            IamRoleArn = Role,
            Metadata = new() { ["DBInstanceIdentifier"] = "future", ["RestoreTime"] = Clock.GetUtcNow().AddMinutes(1).ToString("O", CultureInfo.InvariantCulture) },
        });
        var onSnapshot = await ErrorAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput
        {
            RecoveryPointArn = snapshot.RecoveryPointArn,
            IamRoleArn = Role,
            Metadata = new() { ["DBInstanceIdentifier"] = "snap", ["RestoreTime"] = Clock.GetUtcNow().AddHours(-1).ToString("O", CultureInfo.InvariantCulture) },
        });

        Assert.Equal("InvalidParameterValueException", tooOld.ErrorType);
        Assert.Contains("restorable window", tooOld.BodyMessage, StringComparison.Ordinal);
        Assert.Equal("InvalidParameterValueException", future.ErrorType);
        Assert.Equal("InvalidParameterValueException", onSnapshot.ErrorType);
    }

    [Fact]
    public async Task A_continuous_point_expires_its_retention_after_its_rule_stops()
    {
        Emulator.Inventory.Add(Database("billing"), Tags(("backup", "pitr")));
        var planId = await PlanAsync(ByTags(("backup", "pitr")), ContinuousRule(days: 2));
        Clock.Advance(TimeSpan.FromDays(4));
        Assert.Single(await PointsAsync());

        var selection = Assert.Single((await CallAsync(BackupOperations.ListBackupSelections, new ListBackupSelectionsInput { BackupPlanId = planId })).BackupSelectionsList!);
        await CallAsync(BackupOperations.DeleteBackupSelection, new DeleteBackupSelectionInput { BackupPlanId = planId, SelectionId = selection.SelectionId });
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Single(await PointsAsync());
        Clock.Advance(TimeSpan.FromDays(1.5));

        Assert.Empty(await PointsAsync());
    }

    [Fact]
    public async Task Types_without_continuous_backup_get_snapshots_from_a_continuous_rule()
    {
        Emulator.Inventory.Add(Table("orders"), Tags(("backup", "pitr")));
        await PlanAsync(ByTags(("backup", "pitr")), ContinuousRule());

        Clock.Advance(TimeSpan.FromHours(3.5));

        var points = await PointsAsync();
        Assert.Equal(3, points.Count);
        Assert.All(points, p => Assert.DoesNotContain("continuous", p.RecoveryPointArn, StringComparison.Ordinal));
    }
}
