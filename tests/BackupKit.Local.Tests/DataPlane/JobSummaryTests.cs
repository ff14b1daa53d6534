using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

/// <summary>ListBackupJobSummaries, ListCopyJobSummaries and ListRestoreJobSummaries over the jobs the emulator holds.</summary>
public sealed class JobSummaryTests : DataPlaneTest
{
    protected override void Configure(BackupEmulatorOptions options) => options.AccountsByAccessKey["AKIDMEMBER"] = "222222222222";

    private async Task TwoDaysOfBackupsAsync()
    {
        Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")));
        Emulator.Inventory.Add(Table("invoices"), Tags(("backup", "daily")));
        Emulator.Inventory.Add(Volume("0a1"), Tags(("backup", "daily")));
        await PlanAsync(ByTags(("backup", "daily")));

        // Two daily runs: 2026-03-03 and 2026-03-04 at 05:00 UTC; the second finds the volume gone and fails it.
        Clock.Advance(FirstRun - Clock.GetUtcNow() + TimeSpan.FromHours(1));
        Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromHours(1) + TimeSpan.FromSeconds(30));
        Emulator.Inventory.Remove(Volume("0a1"));
        Clock.Advance(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Daily_summaries_count_jobs_per_day_state_and_type()
    {
        await TwoDaysOfBackupsAsync();

        var daily = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput { AggregationPeriod = AggregationPeriod.ONE_DAY });
        var completedTables = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput
        {
            AggregationPeriod = AggregationPeriod.ONE_DAY,
            State = BackupJobStatus.COMPLETED,
            ResourceType = "DynamoDB",
        });
        var allTypes = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput
        {
            AggregationPeriod = AggregationPeriod.SEVEN_DAYS,
            State = BackupJobStatus.AGGREGATE_ALL,
            ResourceType = "AGGREGATE_ALL",
            MessageCategory = "AGGREGATE_ALL",
        });
        var failures = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput { AggregationPeriod = AggregationPeriod.FOURTEEN_DAYS, MessageCategory = "FAILED" });

        Assert.Equal("ONE_DAY", daily.AggregationPeriod);
        Assert.All(daily.BackupJobSummaries!, s => Assert.Equal("us-east-1", s.Region));
        Assert.All(daily.BackupJobSummaries!, s => Assert.Equal(Account, s.AccountId));
        Assert.Equal(6, daily.BackupJobSummaries!.Sum(s => s.Count));
        var day1 = daily.BackupJobSummaries!.Where(s => s.StartTime == new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero)).ToList();
        Assert.Equal(3, day1.Sum(s => s.Count));
        Assert.All(day1, s => Assert.Equal(new DateTimeOffset(2026, 3, 3, 23, 59, 59, 999, TimeSpan.Zero), s.EndTime));

        Assert.Equal([2, 2], completedTables.BackupJobSummaries!.Select(s => s.Count!.Value));
        Assert.All(completedTables.BackupJobSummaries!, s => Assert.Equal(BackupJobStatus.COMPLETED, s.State));

        var total = Assert.Single(allTypes.BackupJobSummaries!);
        Assert.Equal(6, total.Count);
        Assert.Equal(BackupJobStatus.AGGREGATE_ALL, total.State);
        Assert.Equal("AGGREGATE_ALL", total.ResourceType);
        Assert.Equal(Clock.GetUtcNow().AddDays(-7), total.StartTime);

        var failed = Assert.Single(failures.BackupJobSummaries!);
        Assert.Equal((BackupJobStatus.FAILED, "EBS", "FAILED", 1), (failed.State!.Value, failed.ResourceType, failed.MessageCategory, failed.Count));
    }

    [Fact]
    public async Task Old_jobs_leave_the_window_and_pages_follow_NextToken()
    {
        await TwoDaysOfBackupsAsync();
        var firstPage = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput { MaxResults = 1 });
        var secondPage = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput { MaxResults = 1, NextToken = firstPage.NextToken });

        Clock.Advance(TimeSpan.FromDays(8));
        var sevenDays = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput
        {
            AggregationPeriod = AggregationPeriod.SEVEN_DAYS,
            ResourceType = "DynamoDB",
        });
        var fourteenDays = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput
        {
            AggregationPeriod = AggregationPeriod.FOURTEEN_DAYS,
            ResourceType = "DynamoDB",
            State = BackupJobStatus.COMPLETED,
        });

        Assert.Single(firstPage.BackupJobSummaries!);
        Assert.NotNull(firstPage.NextToken);
        Assert.Single(secondPage.BackupJobSummaries!);
        Assert.NotEqual(
            (firstPage.BackupJobSummaries![0].StartTime, firstPage.BackupJobSummaries[0].ResourceType, firstPage.BackupJobSummaries[0].State),
            (secondPage.BackupJobSummaries![0].StartTime, secondPage.BackupJobSummaries[0].ResourceType, secondPage.BackupJobSummaries[0].State));

        // The plan kept running daily: the last 7 days hold 7 runs of 2 tables; the first two days are only in the 14-day window.
        Assert.Equal(14, sevenDays.BackupJobSummaries!.Sum(s => s.Count));
        Assert.Equal(20, Assert.Single(fourteenDays.BackupJobSummaries!).Count);
    }

    [Fact]
    public async Task Copy_and_restore_summaries_count_their_jobs()
    {
        await CreateVaultAsync("primary");
        await CreateVaultAsync("replica");
        Emulator.Inventory.Add(Table("orders"));
        var backup = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = Table("orders"), IamRoleArn = Role });
        Clock.Advance(TimeSpan.FromMinutes(30));
        var replica = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "replica" });
        await CallAsync(BackupOperations.StartCopyJob, new StartCopyJobInput { RecoveryPointArn = backup.RecoveryPointArn, SourceBackupVaultName = "primary", DestinationBackupVaultArn = replica.BackupVaultArn, IamRoleArn = Role });
        await CallAsync(BackupOperations.StartCopyJob, new StartCopyJobInput { RecoveryPointArn = backup.RecoveryPointArn, SourceBackupVaultName = "primary", DestinationBackupVaultArn = replica.BackupVaultArn!.Replace("replica", "missing", StringComparison.Ordinal), IamRoleArn = Role });
        await CallAsync(BackupOperations.StartRestoreJob, new StartRestoreJobInput { RecoveryPointArn = backup.RecoveryPointArn, IamRoleArn = Role, Metadata = new() { ["targetTableName"] = "orders-restored" } });

        var running = await CallAsync(BackupOperations.ListCopyJobSummaries, new ListCopyJobSummariesInput { State = CopyJobStatus.CREATED });
        Clock.Advance(TimeSpan.FromHours(1));
        var copies = await CallAsync(BackupOperations.ListCopyJobSummaries, new ListCopyJobSummariesInput { AggregationPeriod = AggregationPeriod.FOURTEEN_DAYS });
        var restores = await CallAsync(BackupOperations.ListRestoreJobSummaries, new ListRestoreJobSummariesInput { AggregationPeriod = AggregationPeriod.SEVEN_DAYS, ResourceType = "DynamoDB" });
        var noRestoresOfVolumes = await CallAsync(BackupOperations.ListRestoreJobSummaries, new ListRestoreJobSummariesInput { ResourceType = "EBS" });

        Assert.Equal(2, Assert.Single(running.CopyJobSummaries!).Count);
        Assert.Equal(
            [("COMPLETED", "SUCCESS", 1), ("FAILED", "FAILED", 1)],
            copies.CopyJobSummaries!.Select(s => (s.State!.Value.Value, s.MessageCategory, s.Count!.Value)).OrderBy(s => s.Item1, StringComparer.Ordinal));
        var restore = Assert.Single(restores.RestoreJobSummaries!);
        Assert.Equal((RestoreJobState.COMPLETED, "DynamoDB", 1), (restore.State!.Value, restore.ResourceType, restore.Count!.Value));
        Assert.Empty(noRestoresOfVolumes.RestoreJobSummaries!);
    }

    [Fact]
    public async Task A_member_account_gets_its_own_jobs_and_the_management_account_may_name_another()
    {
        await TwoDaysOfBackupsAsync();
        using var member = CallerFor(accessKey: "AKIDMEMBER");
        await member.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "member-vault" });
        await member.CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput
        {
            BackupVaultName = "member-vault",
            ResourceArn = "arn:aws:dynamodb:us-east-1:222222222222:table/member-table",
            IamRoleArn = "arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole",
        });

        var memberAsksForManagement = await member.CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput { AccountId = Account });
        var managementAsksForMember = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput { AccountId = "222222222222" });
        var managementOwn = await CallAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput { AccountId = Account });
        var badPeriod = await ErrorAsync(BackupOperations.ListBackupJobSummaries, new ListBackupJobSummariesInput { AggregationPeriod = new AggregationPeriod("ONE_WEEK") });

        // The member's request for the management account's jobs answers its own job; the management account sees the member's.
        var own = Assert.Single(memberAsksForManagement.BackupJobSummaries!);
        Assert.Equal(("222222222222", 1), (own.AccountId, own.Count!.Value));
        Assert.Equal(1, Assert.Single(managementAsksForMember.BackupJobSummaries!).Count);
        Assert.Equal("222222222222", managementAsksForMember.BackupJobSummaries![0].AccountId);
        Assert.Equal(6, managementOwn.BackupJobSummaries!.Sum(s => s.Count));
        Assert.Equal("InvalidParameterValueException", badPeriod.ErrorType);
    }
}
