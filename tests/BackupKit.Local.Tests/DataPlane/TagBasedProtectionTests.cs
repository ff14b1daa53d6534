using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

public sealed class TagBasedProtectionTests : DataPlaneTest
{
    [Fact]
    public async Task ListOfTags_selects_resources_with_any_of_the_tags_and_each_run_backs_them_up_with_their_content()
    {
        var orders = Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")), content: new ResourceContent(42, "aa11"));
        var gold = Emulator.Inventory.Add(Volume("0123456789abcdef0"), Tags(("tier", "gold")));
        Emulator.Inventory.Add(Table("scratch"), Tags(("backup", "never")));
        Emulator.Inventory.Add(Table("other-region", "eu-west-1"), Tags(("backup", "daily")));
        await PlanAsync(ByTags(("backup", "daily"), ("tier", "gold")));

        Clock.Advance(TimeSpan.FromDays(1));
        var jobs = await JobsAsync();
        var points = await PointsAsync();

        Assert.Equal([orders.Arn, gold.Arn], jobs.Select(j => j.ResourceArn!).Order(StringComparer.Ordinal));
        Assert.All(jobs, j => Assert.Equal(FirstRun, j.CreationDate));
        Assert.All(jobs, j => Assert.Equal(BackupJobState.COMPLETED, j.State));
        Assert.Equal(2, points.Count);
        var ordersPoint = Assert.Single(points, p => p.ResourceArn == orders.Arn);
        Assert.Equal(new ResourceContent(42, "aa11"), Emulator.Inventory.ContentOf(ordersPoint.RecoveryPointArn!));
        Assert.Equal(orders.SizeInBytes, ordersPoint.BackupSizeInBytes);
        Assert.Equal("EBS", Assert.Single(points, p => p.ResourceArn == gold.Arn).ResourceType);
    }

    [Fact]
    public async Task Conditions_must_all_hold_with_StringEquals_StringNotEquals_StringLike_and_StringNotLike()
    {
        Emulator.Inventory.Add(Table("match"), Tags(("env", "prod"), ("team", "payments-eu"), ("owner", "ana")));
        Emulator.Inventory.Add(Table("wrong-env"), Tags(("env", "dev"), ("team", "payments-eu")));
        Emulator.Inventory.Add(Table("excluded-team"), Tags(("env", "prod"), ("team", "payments-eu"), ("owner", "bob")));
        Emulator.Inventory.Add(Table("no-team"), Tags(("env", "prod")));
        Emulator.Inventory.Add(Table("skip-flag"), Tags(("env", "prod"), ("team", "payments-us"), ("skip", "yes-please")));
        Emulator.Inventory.Add(Table("match-too"), Tags(("env", "prod"), ("team", "payments-us")));
        await PlanAsync(new BackupSelection
        {
            SelectionName = "conditions",
            IamRoleArn = Role,
            Resources = ["*"],
            Conditions = new Conditions
            {
                StringEquals = [new ConditionParameter { ConditionKey = "aws:ResourceTag/env", ConditionValue = "prod" }],
                StringNotEquals = [new ConditionParameter { ConditionKey = "aws:ResourceTag/owner", ConditionValue = "bob" }],
                StringLike = [new ConditionParameter { ConditionKey = "aws:ResourceTag/team", ConditionValue = "payments-*" }],
                StringNotLike = [new ConditionParameter { ConditionKey = "aws:ResourceTag/skip", ConditionValue = "yes*" }],
            },
        });

        Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal([Table("match"), Table("match-too")], (await JobsAsync()).Select(j => j.ResourceArn!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Resource_ARNs_with_wildcards_select_and_NotResources_exclude()
    {
        Emulator.Inventory.Add(Table("orders"));
        Emulator.Inventory.Add(Table("orders-archive"));
        Emulator.Inventory.Add(Table("audit"));
        Emulator.Inventory.Add(Volume("0aaaaaaaaaaaaaaa1"));
        Emulator.Inventory.Add(Database("billing"));
        await PlanAsync(new BackupSelection
        {
            SelectionName = "arns",
            IamRoleArn = Role,
            Resources = ["arn:aws:dynamodb:*:*:table/*", "arn:aws:ec2:*:*:volume/*"],
            NotResources = ["arn:aws:dynamodb:us-east-1:000000000000:table/orders-*"],
        });

        Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal([Table("audit"), Table("orders"), Volume("0aaaaaaaaaaaaaaa1")], (await JobsAsync()).Select(j => j.ResourceArn!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_resource_tagged_after_the_plan_exists_is_backed_up_from_the_next_run_on_and_an_untagged_one_no_more()
    {
        Emulator.Inventory.Add(Table("early"), Tags(("backup", "daily")));
        Emulator.Inventory.Add(Table("late"));
        await PlanAsync(ByTags(("backup", "daily")));

        Clock.Advance(TimeSpan.FromDays(1)); // first run at 03-03 05:00; now 03-03 10:00
        Emulator.Inventory.Tag(Table("late"), "backup", "daily");
        Emulator.Inventory.Untag(Table("early"), "backup");
        Clock.Advance(TimeSpan.FromDays(1)); // second run at 03-04 05:00
        var jobs = await JobsAsync();

        Assert.Equal([(Table("early"), FirstRun), (Table("late"), FirstRun.AddDays(1))], jobs.Select(j => (j.ResourceArn!, j.CreationDate!.Value)).Order());
    }

    [Fact]
    public async Task A_tag_added_after_a_due_run_does_not_reach_back_into_that_run()
    {
        Emulator.Inventory.Add(Table("late"));
        await PlanAsync(ByTags(("backup", "daily")));

        // No call reaches the emulator between the run (05:00) and the tag (10:00): the tag still comes too late for it.
        Clock.Advance(TimeSpan.FromDays(1));
        Emulator.Inventory.Tag(Table("late"), "backup", "daily");

        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task Protected_resources_show_the_last_backup_of_each_resource()
    {
        var orders = Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")));
        var volume = Emulator.Inventory.Add(Volume("0bbbbbbbbbbbbbbb2"), Tags(("backup", "daily")));
        await PlanAsync(ByTags(("backup", "daily")));
        Clock.Advance(TimeSpan.FromDays(2));

        var listed = (await CallAsync(BackupOperations.ListProtectedResources, new ListProtectedResourcesInput())).Results!;
        var byVault = (await CallAsync(BackupOperations.ListProtectedResourcesByBackupVault, new ListProtectedResourcesByBackupVaultInput { BackupVaultName = "primary" })).Results!;
        var described = await CallAsync(BackupOperations.DescribeProtectedResource, new DescribeProtectedResourceInput { ResourceArn = orders.Arn });
        var lastJob = (await JobsAsync(new ListBackupJobsInput { ByResourceArn = orders.Arn })).MaxBy(j => j.CreationDate)!;

        Assert.Equal([orders.Arn, volume.Arn], listed.Select(r => r.ResourceArn!).Order(StringComparer.Ordinal));
        Assert.Equal(2, byVault.Count);
        Assert.Equal("orders", Assert.Single(listed, r => r.ResourceArn == orders.Arn).ResourceName);
        Assert.Equal("vol-0bbbbbbbbbbbbbbb2", Assert.Single(listed, r => r.ResourceArn == volume.Arn).ResourceName);
        Assert.Equal(FirstRun.AddDays(1), described.LastBackupTime);
        Assert.Equal("arn:aws:backup:us-east-1:000000000000:backup-vault:primary", described.LastBackupVaultArn);
        Assert.Equal(lastJob.RecoveryPointArn, described.LastRecoveryPointArn);
        Assert.Equal("DynamoDB", described.ResourceType);
        Assert.Equal("orders", described.ResourceName);
    }

    [Fact]
    public async Task Resources_restore_testing_created_are_never_selected()
    {
        Emulator.Inventory.Add(Table("awsbackup-restore-test-orders"), Tags(("backup", "daily")));
        Emulator.Inventory.Add(Table("copy-of-orders"), Tags(("backup", "daily"), ("awsbackup-restore-test", "")));
        await PlanAsync(ByTags(("backup", "daily")));

        Clock.Advance(TimeSpan.FromDays(1));

        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task A_resource_removed_before_its_job_starts_fails_the_job()
    {
        Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")));
        await PlanAsync(ByTags(("backup", "daily")));
        Clock.Advance(FirstRun - Clock.GetUtcNow() + TimeSpan.FromSeconds(30));
        Assert.Single(await JobsAsync());

        Assert.True(Emulator.Inventory.Remove(Table("orders")));
        Clock.Advance(TimeSpan.FromHours(1));
        var job = Assert.Single(await JobsAsync());

        Assert.Equal(BackupJobState.FAILED, job.State);
        Assert.Contains("not found", job.StatusMessage, StringComparison.Ordinal);
        Assert.Empty(await PointsAsync());
    }

    [Fact]
    public async Task Finished_jobs_leave_the_job_list_after_30_days_as_AWS_keeps_them()
    {
        Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")));
        var planId = await PlanAsync(ByTags(("backup", "daily")));
        Clock.Advance(TimeSpan.FromDays(1));
        var selection = Assert.Single((await CallAsync(BackupOperations.ListBackupSelections, new ListBackupSelectionsInput { BackupPlanId = planId })).BackupSelectionsList!);
        await CallAsync(BackupOperations.DeleteBackupSelection, new DeleteBackupSelectionInput { BackupPlanId = planId, SelectionId = selection.SelectionId });

        Clock.Advance(TimeSpan.FromDays(29));
        Assert.Single(await JobsAsync());
        Clock.Advance(TimeSpan.FromDays(2));
        Assert.Empty(await JobsAsync());
    }
}
