using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class ScheduledBackupTests : EmulatorTest
{
    private const string Orders = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    private const string Audit = "arn:aws:dynamodb:us-east-1:000000000000:table/audit";

    private async Task<CreateBackupPlanOutput> PlanWithSelectionAsync(BackupSelection selection)
    {
        await CreateVaultAsync("primary");
        var plan = await CreatePlanAsync("nightly");
        await CallAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });
        return plan;
    }

    private static BackupSelection ByArn(params string[] arns) => new()
    {
        SelectionName = "tables",
        IamRoleArn = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole",
        Resources = [.. arns],
    };

    [Fact]
    public async Task Plan_starts_a_job_per_scheduled_run_and_selected_resource()
    {
        // The clock stands at 2026-03-02 10:00 UTC; the default schedule runs daily at 05:00 UTC.
        var plan = await PlanWithSelectionAsync(ByArn(Orders));

        Clock.Advance(TimeSpan.FromDays(2));
        var jobs = (await CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!;
        var got = await CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = plan.BackupPlanId });

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 4, 5, 0, 0, TimeSpan.Zero)],
            jobs.Select(j => j.CreationDate!.Value));
        Assert.All(jobs, j => Assert.Equal(Orders, j.ResourceArn));
        Assert.All(jobs, j => Assert.Equal(BackupJobState.COMPLETED, j.State));
        Assert.All(jobs, j => Assert.Equal(plan.BackupPlanId, j.CreatedBy!.BackupPlanId));
        Assert.All(jobs, j => Assert.Equal("daily", j.CreatedBy!.BackupRuleName));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 0, 0, TimeSpan.Zero), got.LastExecutionDate);

        var points = await CallAsync(BackupOperations.ListRecoveryPointsByBackupVault, new ListRecoveryPointsByBackupVaultInput { BackupVaultName = "primary", ByBackupPlanId = plan.BackupPlanId });
        Assert.Equal(2, points.RecoveryPoints!.Count);
        Assert.All(points.RecoveryPoints, p => Assert.Equal(35, p.Lifecycle!.DeleteAfterDays));
    }

    [Fact]
    public async Task NotResources_are_left_out()
    {
        var selection = ByArn(Orders, Audit);
        selection.NotResources = ["arn:aws:dynamodb:*:*:table/aud*"];
        await PlanWithSelectionAsync(selection);

        Clock.Advance(TimeSpan.FromDays(1));
        var jobs = (await CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!;

        Assert.Equal([Orders], jobs.Select(j => j.ResourceArn));
    }

    [Fact]
    public async Task Selections_by_tag_start_nothing_while_no_inventory_resource_carries_the_tags()
    {
        await PlanWithSelectionAsync(Selection());

        Clock.Advance(TimeSpan.FromDays(3));

        Assert.Empty((await CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!);
    }

    [Fact]
    public async Task Runs_stop_once_the_selection_is_deleted()
    {
        var plan = await PlanWithSelectionAsync(ByArn(Orders));
        Clock.Advance(TimeSpan.FromDays(1));
        var selection = Assert.Single((await CallAsync(BackupOperations.ListBackupSelections, new ListBackupSelectionsInput { BackupPlanId = plan.BackupPlanId })).BackupSelectionsList!);

        await CallAsync(BackupOperations.DeleteBackupSelection, new DeleteBackupSelectionInput { BackupPlanId = plan.BackupPlanId, SelectionId = selection.SelectionId });
        Clock.Advance(TimeSpan.FromDays(5));

        Assert.Single((await CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!);
    }

    [Fact]
    public async Task Runs_into_a_missing_vault_fail()
    {
        await CreatePlanAsync("orphan", vault: "never-created");
        var plans = await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput());
        await CallAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plans.BackupPlansList![0].BackupPlanId, BackupSelection = ByArn(Orders) });

        Clock.Advance(TimeSpan.FromDays(1));
        var job = Assert.Single((await CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!);

        Assert.Equal(BackupJobState.FAILED, job.State);
        Assert.Contains("never-created", job.StatusMessage, StringComparison.Ordinal);
    }
}
