using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

/// <summary>Restore testing plans running on the emulator clock, observed over HTTP.</summary>
public sealed class ScheduledRestoreTestingTests : DataPlaneTest
{
    private const string Marker = "awsbackup-restore-test";
    private const string StartWindowMissed = "Restore job was unable to start within the specified start window. Try increasing your start window.";

    /// <summary>Starts a backup job of each resource into the vault and lets it complete; returns the recovery point ARNs.</summary>
    private async Task<List<string>> BackUpAsync(string vault, params string[] resourceArns)
    {
        var points = new List<string>();
        foreach (var arn in resourceArns)
        {
            var job = await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput
            {
                BackupVaultName = vault,
                ResourceArn = arn,
                IamRoleArn = Role,
                Lifecycle = new Lifecycle { DeleteAfterDays = 100 },
            });
            points.Add(job.RecoveryPointArn!);
        }

        Clock.Advance(TimeSpan.FromHours(2));
        return points;
    }

    private async Task<string> RestoreTestingPlanAsync(
        string name,
        string cron,
        RestoreTestingSelectionForCreate selection,
        string timezone = "Etc/UTC",
        int startWindowHours = 1,
        RestoreTestingRecoveryPointSelectionAlgorithm? algorithm = null,
        int? selectionWindowDays = null,
        List<string>? includeVaults = null,
        List<string>? excludeVaults = null,
        List<RestoreTestingRecoveryPointType>? types = null)
    {
        var plan = await CallAsync(BackupOperations.CreateRestoreTestingPlan, new CreateRestoreTestingPlanInput
        {
            RestoreTestingPlan = new RestoreTestingPlanForCreate
            {
                RestoreTestingPlanName = name,
                ScheduleExpression = cron,
                ScheduleExpressionTimezone = timezone,
                StartWindowHours = startWindowHours,
                RecoveryPointSelection = new RestoreTestingRecoveryPointSelection
                {
                    Algorithm = algorithm ?? RestoreTestingRecoveryPointSelectionAlgorithm.LATEST_WITHIN_WINDOW,
                    RecoveryPointTypes = types ?? [RestoreTestingRecoveryPointType.SNAPSHOT],
                    IncludeVaults = includeVaults ?? ["*"],
                    ExcludeVaults = excludeVaults,
                    SelectionWindowDays = selectionWindowDays,
                },
            },
        });
        await CallAsync(BackupOperations.CreateRestoreTestingSelection, new CreateRestoreTestingSelectionInput { RestoreTestingPlanName = name, RestoreTestingSelection = selection });
        return plan.RestoreTestingPlanArn!;
    }

    private static RestoreTestingSelectionForCreate Selection(
        string type = "DynamoDB", int? validationHours = 2, List<string>? arns = null, ProtectedResourceConditions? conditions = null, Dictionary<string, string>? overrides = null) => new()
    {
        RestoreTestingSelectionName = "selected",
        ProtectedResourceType = type,
        IamRoleArn = Role,
        ProtectedResourceArns = arns ?? ["*"],
        ProtectedResourceConditions = conditions,
        RestoreMetadataOverrides = overrides,
        ValidationWindowHours = validationHours,
    };

    private async Task<List<RestoreJobsListMember>> RestoreTestsAsync(string planArn) =>
        (await CallAsync(BackupOperations.ListRestoreJobs, new ListRestoreJobsInput { ByRestoreTestingPlanArn = planArn })).RestoreJobs!;

    private Task<DescribeRestoreJobOutput> DescribeAsync(string id) =>
        CallAsync(BackupOperations.DescribeRestoreJob, new DescribeRestoreJobInput { RestoreJobId = id });

    /// <summary>Moves the emulator clock forward to the instant.</summary>
    private DateTimeOffset AdvanceTo(DateTimeOffset at)
    {
        Clock.Advance(at - Clock.GetUtcNow());
        return at;
    }

    [Fact]
    public async Task A_run_restores_the_latest_point_of_each_selected_resource_and_deletes_it_when_the_validation_window_ends()
    {
        var orders = Emulator.Inventory.Add(Table("orders"), Tags(("env", "prod")), sizeInBytes: 2L << 30, content: new ResourceContent(700, "orders-v1"));
        var audit = Emulator.Inventory.Add(Table("audit"), Tags(("env", "dev")));
        await CreateVaultAsync("primary");
        var older = await BackUpAsync("primary", orders.Arn, audit.Arn);
        Emulator.Inventory.Change(orders.Arn, new ResourceContent(720, "orders-v2"));
        var latest = await BackUpAsync("primary", orders.Arn, audit.Arn);
        var planArn = await RestoreTestingPlanAsync(
            "daily_check",
            "cron(0 8 ? * * *)",
            Selection(
                conditions: new ProtectedResourceConditions { StringEquals = [new KeyValue { Key = "env", Value = "prod" }] },
                overrides: new() { ["KmsMasterKeyArn"] = "arn:aws:kms:us-east-1:000000000000:key/restore-test" }));
        var runAt = new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);

        AdvanceTo(runAt.AddMinutes(30));
        var job = Assert.Single(await RestoreTestsAsync(planArn));
        var described = await DescribeAsync(job.RestoreJobId!);
        var metadata = (await CallAsync(BackupOperations.GetRestoreJobMetadata, new GetRestoreJobMetadataInput { RestoreJobId = job.RestoreJobId })).Metadata!;
        var restored = Emulator.Inventory.Find(described.CreatedResourceArn!);

        Assert.Equal(orders.Arn, job.SourceResourceArn);
        Assert.Equal(latest[0], job.RecoveryPointArn);
        Assert.NotEqual(older[0], job.RecoveryPointArn);
        Assert.Equal(runAt, job.CreationDate);
        Assert.Equal(planArn, job.CreatedBy?.RestoreTestingPlanArn);
        Assert.Equal(planArn, described.CreatedBy?.RestoreTestingPlanArn);
        Assert.Equal(RestoreJobStatus.COMPLETED, described.Status);
        Assert.Equal(runAt.AddMinutes(22), described.CompletionDate);
        Assert.Null(described.ValidationStatus);
        Assert.Null(described.DeletionStatus);
        Assert.StartsWith("arn:aws:dynamodb:us-east-1:000000000000:table/awsbackup-restore-test-", described.CreatedResourceArn, StringComparison.Ordinal);
        Assert.Equal("arn:aws:kms:us-east-1:000000000000:key/restore-test", metadata.Single(m => m.Key.Equals("kmsMasterKeyArn", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.Equal("false", metadata["deletionProtection"]);
        Assert.NotNull(restored);
        Assert.Equal(new ResourceContent(720, "orders-v2"), restored.Content);
        Assert.True(restored.Tags.ContainsKey(Marker));
        Assert.Empty(await RestoreTestsAsync(planArn.Replace("daily_check", "other_plan", StringComparison.Ordinal)));
        var byResource = await CallAsync(BackupOperations.ListRestoreJobsByProtectedResource, new ListRestoreJobsByProtectedResourceInput { ResourceArn = orders.Arn });
        Assert.Equal(job.RestoreJobId, Assert.Single(byResource.RestoreJobs!).RestoreJobId);
        Assert.Equal(runAt, (await CallAsync(BackupOperations.GetRestoreTestingPlan, new GetRestoreTestingPlanInput { RestoreTestingPlanName = "daily_check" })).RestoreTestingPlan!.LastExecutionTime);

        // Kept for the two-hour validation window, then deleted.
        AdvanceTo(described.CompletionDate!.Value.AddHours(2).AddMinutes(-1));
        Assert.Null((await DescribeAsync(job.RestoreJobId!)).DeletionStatus);
        Assert.NotNull(Emulator.Inventory.Find(described.CreatedResourceArn!));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RestoreDeletionStatus.DELETING, (await DescribeAsync(job.RestoreJobId!)).DeletionStatus);
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(RestoreDeletionStatus.SUCCESSFUL, (await DescribeAsync(job.RestoreJobId!)).DeletionStatus);
        Assert.Null(Emulator.Inventory.Find(described.CreatedResourceArn!));
        Assert.NotNull(Emulator.Inventory.Find(orders.Arn));
    }

    [Fact]
    public async Task A_validation_result_moves_ValidationStatus_and_a_final_one_deletes_the_restored_resource()
    {
        var table = Emulator.Inventory.Add(Table("orders"));
        await CreateVaultAsync("primary");
        await BackUpAsync("primary", table.Arn);

        // 09:00 in Paris is 08:00 UTC in March.
        var planArn = await RestoreTestingPlanAsync("paris_check", "cron(0 9 ? * * *)", Selection(validationHours: 24), timezone: "Europe/Paris");
        AdvanceTo(new DateTimeOffset(2026, 3, 3, 7, 59, 0, TimeSpan.Zero));
        Assert.Empty(await RestoreTestsAsync(planArn));
        Clock.Advance(TimeSpan.FromMinutes(31));
        var job = Assert.Single(await RestoreTestsAsync(planArn));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero), job.CreationDate);

        await CallAsync(BackupOperations.PutRestoreValidationResult, new PutRestoreValidationResultInput { RestoreJobId = job.RestoreJobId, ValidationStatus = RestoreValidationStatus.VALIDATING });
        var validating = await DescribeAsync(job.RestoreJobId!);
        await CallAsync(BackupOperations.PutRestoreValidationResult, new PutRestoreValidationResultInput
        {
            RestoreJobId = job.RestoreJobId,
            ValidationStatus = RestoreValidationStatus.SUCCESSFUL,
            ValidationStatusMessage = "700 items, checksum matches",
        });
        var validated = await DescribeAsync(job.RestoreJobId!);
        var keptWhileDeleting = Emulator.Inventory.Find(validated.CreatedResourceArn!);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var deleted = await DescribeAsync(job.RestoreJobId!);
        var listed = Assert.Single(await RestoreTestsAsync(planArn));

        Assert.Equal(RestoreValidationStatus.VALIDATING, validating.ValidationStatus);
        Assert.Null(validating.DeletionStatus);
        Assert.Equal(RestoreValidationStatus.SUCCESSFUL, validated.ValidationStatus);
        Assert.Equal("700 items, checksum matches", validated.ValidationStatusMessage);
        Assert.Equal(RestoreDeletionStatus.DELETING, validated.DeletionStatus);
        Assert.NotNull(keptWhileDeleting);
        Assert.Equal(RestoreDeletionStatus.SUCCESSFUL, deleted.DeletionStatus);
        Assert.Equal(RestoreDeletionStatus.SUCCESSFUL, listed.DeletionStatus);
        Assert.Equal(RestoreValidationStatus.SUCCESSFUL, listed.ValidationStatus);
        Assert.Null(Emulator.Inventory.Find(validated.CreatedResourceArn!));
    }

    [Fact]
    public async Task A_zero_hour_window_deletes_at_completion_and_a_restored_resource_without_the_tag_fails_its_deletion()
    {
        Emulator.Inventory.Add(Table("kept"));
        Emulator.Inventory.Add(Table("untagged"));
        await CreateVaultAsync("primary");
        await BackUpAsync("primary", Table("kept"), Table("untagged"));
        var planArn = await RestoreTestingPlanAsync("quick_check", "cron(0 8 ? * * *)", Selection(validationHours: 0));
        var completion = new DateTimeOffset(2026, 3, 3, 8, 22, 0, TimeSpan.Zero);

        AdvanceTo(completion);
        var jobs = await RestoreTestsAsync(planArn);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(RestoreDeletionStatus.DELETING, j.DeletionStatus));
        var untagged = jobs.Single(j => j.SourceResourceArn == Table("untagged"));
        Emulator.Inventory.Untag(untagged.CreatedResourceArn!, Marker);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var failed = await DescribeAsync(untagged.RestoreJobId!);
        var done = await DescribeAsync(jobs.Single(j => j.SourceResourceArn == Table("kept")).RestoreJobId!);
        Assert.Equal(RestoreDeletionStatus.FAILED, failed.DeletionStatus);
        Assert.Contains(Marker, failed.DeletionStatusMessage, StringComparison.Ordinal);
        Assert.NotNull(Emulator.Inventory.Find(untagged.CreatedResourceArn!));
        Assert.Equal(RestoreDeletionStatus.SUCCESSFUL, done.DeletionStatus);
        Assert.Null(Emulator.Inventory.Find(done.CreatedResourceArn!));
    }

    [Fact]
    public async Task Points_are_chosen_within_the_selection_window_from_included_vaults_only()
    {
        foreach (var vault in new[] { "prod-main", "prod-excluded", "other" })
        {
            await CreateVaultAsync(vault);
        }

        Emulator.Inventory.Add(Table("inwindow"));
        Emulator.Inventory.Add(Table("stale"));
        Emulator.Inventory.Add(Table("elsewhere"));
        var stale = await BackUpAsync("prod-main", Table("stale"));
        Clock.Advance(TimeSpan.FromDays(5));
        var chosen = await BackUpAsync("prod-main", Table("inwindow"));
        await BackUpAsync("prod-excluded", Table("inwindow"));
        await BackUpAsync("other", Table("elsewhere"));
        var planArn = await RestoreTestingPlanAsync(
            "vault_check",
            "cron(0 8 ? * * *)",
            Selection(),
            selectionWindowDays: 3,
            includeVaults: ["arn:aws:backup:*:*:backup-vault:prod-*"],
            excludeVaults: ["arn:aws:backup:us-east-1:000000000000:backup-vault:prod-excluded"]);

        AdvanceTo(new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.Zero));
        var job = Assert.Single(await RestoreTestsAsync(planArn));

        Assert.Equal(Table("inwindow"), job.SourceResourceArn);
        Assert.Equal(chosen[0], job.RecoveryPointArn);
        Assert.Equal("arn:aws:backup:us-east-1:000000000000:backup-vault:prod-main", job.BackupVaultArn);
        Assert.DoesNotContain(stale[0], (await CallAsync(BackupOperations.ListRestoreJobs, new ListRestoreJobsInput())).RestoreJobs!.Select(j => j.RecoveryPointArn));
    }

    [Fact]
    public async Task Explicit_ARNs_StringNotEquals_and_random_choice_pick_only_eligible_points()
    {
        await CreateVaultAsync("primary");
        Emulator.Inventory.Add(Table("a"), Tags(("tier", "gold")));
        Emulator.Inventory.Add(Table("b"), Tags(("tier", "bronze")));
        Emulator.Inventory.Add(Table("c"));
        var old = await BackUpAsync("primary", Table("a"), Table("b"), Table("c"));
        Clock.Advance(TimeSpan.FromDays(10));
        var recent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            recent.AddRange(await BackUpAsync("primary", Table("a")));
            Clock.Advance(TimeSpan.FromHours(6));
        }

        await BackUpAsync("primary", Table("b"), Table("c"));
        var byArn = await RestoreTestingPlanAsync("by_arn", "cron(0 8 ? * * *)", Selection(arns: [Table("b")], validationHours: 0));
        var notBronze = await RestoreTestingPlanAsync(
            "not_bronze",
            "cron(0 8 ? * * *)",
            Selection(validationHours: 0, conditions: new ProtectedResourceConditions { StringNotEquals = [new KeyValue { Key = "tier", Value = "bronze" }] }),
            algorithm: RestoreTestingRecoveryPointSelectionAlgorithm.RANDOM_WITHIN_WINDOW,
            selectionWindowDays: 5);

        Clock.Advance(TimeSpan.FromDays(1));
        var explicitJob = Assert.Single(await RestoreTestsAsync(byArn));
        var random = await RestoreTestsAsync(notBronze);

        Assert.Equal(Table("b"), explicitJob.SourceResourceArn);
        Assert.Equal(new[] { Table("a"), Table("c") }, random.Select(j => j.SourceResourceArn).Order(StringComparer.Ordinal).ToArray());
        var forA = random.Single(j => j.SourceResourceArn == Table("a"));
        Assert.Contains(forA.RecoveryPointArn, recent);
        Assert.DoesNotContain(forA.RecoveryPointArn, old);
    }

    [Fact]
    public async Task Recovery_point_types_choose_between_the_continuous_point_and_the_snapshot()
    {
        var database = Emulator.Inventory.Add(Database("billing"), Tags(("backup", "pitr")), content: new ResourceContent(100, "v1"));
        await PlanAsync(ByTags(("backup", "pitr")), new BackupRuleInput
        {
            RuleName = "pitr",
            TargetBackupVaultName = "primary",
            ScheduleExpression = "cron(0 * ? * * *)",
            EnableContinuousBackup = true,
            Lifecycle = new Lifecycle { DeleteAfterDays = 7 },
        });
        var snapshot = await BackUpAsync("primary", database.Arn);
        var continuousPlan = await RestoreTestingPlanAsync("pitr_check", "cron(0 8 ? * * *)", Selection(type: "RDS", validationHours: 0), types: [RestoreTestingRecoveryPointType.CONTINUOUS]);
        var snapshotPlan = await RestoreTestingPlanAsync("snap_check", "cron(0 8 ? * * *)", Selection(type: "RDS", validationHours: 0), types: [RestoreTestingRecoveryPointType.SNAPSHOT]);

        AdvanceTo(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero));
        var continuous = Assert.Single(await RestoreTestsAsync(continuousPlan));
        var fromSnapshot = Assert.Single(await RestoreTestsAsync(snapshotPlan));

        Assert.Contains(":recovery-point:continuous:", continuous.RecoveryPointArn, StringComparison.Ordinal);
        Assert.Equal(snapshot[0], fromSnapshot.RecoveryPointArn);
        Assert.StartsWith($"arn:aws:rds:us-east-1:{Account}:db:awsbackup-restore-test-", fromSnapshot.CreatedResourceArn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(100L)]
    public async Task At_most_30_S3_restore_tests_run_at_once_and_one_that_cannot_start_in_its_window_fails(long gib)
    {
        await CreateVaultAsync("primary");
        var buckets = Enumerable.Range(0, 31).Select(i => $"arn:aws:s3:::bucket-{i:D2}").ToArray();
        foreach (var bucket in buckets)
        {
            Emulator.Inventory.Add(bucket, sizeInBytes: gib << 30);
        }

        foreach (var bucket in buckets)
        {
            await CallAsync(BackupOperations.StartBackupJob, new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = bucket, IamRoleArn = Role });
        }

        Clock.Advance(TimeSpan.FromHours(3));
        var planArn = await RestoreTestingPlanAsync("bucket_check", "cron(0 8 ? * * *)", Selection(type: "S3", validationHours: 0), startWindowHours: 1);
        var runAt = new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);

        AdvanceTo(runAt.AddHours(3));
        var jobs = await RestoreTestsAsync(planArn);
        var last = jobs.Single(j => j.SourceResourceArn == buckets[^1]);

        Assert.Equal(31, jobs.Count);
        Assert.Equal(30, jobs.Count(j => j.CreationDate == runAt));
        if (gib == 1)
        {
            // An S3 restore of 1 GiB takes 1 + 10 + 1 minutes: the 31st starts when the first one finishes.
            Assert.Equal(runAt.AddMinutes(12), last.CreationDate);
            Assert.Equal(RestoreJobStatus.COMPLETED, last.Status);
        }
        else
        {
            // 1 + 10 + 100 minutes each: no slot frees before the one-hour start window ends.
            Assert.Equal(runAt.AddHours(1), last.CreationDate);
            Assert.Equal(RestoreJobStatus.FAILED, last.Status);
            Assert.Equal(StartWindowMissed, last.StatusMessage);
            Assert.Equal(30, jobs.Count(j => j.Status == RestoreJobStatus.COMPLETED));
        }
    }

    [Fact]
    public async Task An_updated_schedule_takes_effect_at_once_and_a_deleted_plan_runs_no_more()
    {
        Emulator.Inventory.Add(Table("orders"));
        await CreateVaultAsync("primary");
        await BackUpAsync("primary", Table("orders"));
        var planArn = await RestoreTestingPlanAsync("moved_check", "cron(0 8 ? * * *)", Selection(validationHours: 0));
        await CallAsync(BackupOperations.UpdateRestoreTestingPlan, new UpdateRestoreTestingPlanInput
        {
            RestoreTestingPlanName = "moved_check",
            RestoreTestingPlan = new RestoreTestingPlanForUpdate { ScheduleExpression = "cron(0 20 ? * * *)" },
        });

        // Created on Monday at 12:00: the new schedule runs at 20:00 that day; the old one would have run on Tuesday at 08:00.
        AdvanceTo(new DateTimeOffset(2026, 3, 3, 19, 0, 0, TimeSpan.Zero));
        var job = Assert.Single(await RestoreTestsAsync(planArn));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero), job.CreationDate);

        await CallAsync(BackupOperations.DeleteRestoreTestingSelection, new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = "moved_check", RestoreTestingSelectionName = "selected" });
        await CallAsync(BackupOperations.DeleteRestoreTestingPlan, new DeleteRestoreTestingPlanInput { RestoreTestingPlanName = "moved_check" });
        Clock.Advance(TimeSpan.FromDays(2));
        Assert.Single(await RestoreTestsAsync(planArn));
    }

    [Fact]
    public async Task GetRestoreTestingInferredMetadata_answers_the_keys_AWS_infers_per_type()
    {
        await CreateVaultAsync("primary");
        Emulator.Inventory.Add(Table("orders"));
        Emulator.Inventory.Add(Database("billing"));
        Emulator.Inventory.Add(Volume("0a1b2c3d4e5f60718"));
        var points = await BackUpAsync("primary", Table("orders"), Database("billing"), Volume("0a1b2c3d4e5f60718"));

        async Task<Dictionary<string, string>> InferredAsync(string point) =>
            (await CallAsync(BackupOperations.GetRestoreTestingInferredMetadata, new GetRestoreTestingInferredMetadataInput { BackupVaultName = "primary", RecoveryPointArn = point })).InferredMetadata!;

        var table = await InferredAsync(points[0]);
        var database = await InferredAsync(points[1]);
        var volume = await InferredAsync(points[2]);
        var missing = await ErrorAsync(BackupOperations.GetRestoreTestingInferredMetadata, new GetRestoreTestingInferredMetadataInput { BackupVaultName = "primary", RecoveryPointArn = points[0] + "-gone" });

        Assert.Equal(["deletionProtection", "encryptionType", "targetTableName"], table.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.StartsWith("awsbackup-restore-test-", table["targetTableName"], StringComparison.Ordinal);
        Assert.Equal("Default", table["encryptionType"]);
        Assert.StartsWith("awsbackup-restore-test-", database["DBInstanceIdentifier"], StringComparison.Ordinal);
        Assert.Equal("false", database["deletionProtection"]);
        Assert.Equal("true", volume["encrypted"]);
        Assert.StartsWith("us-east-1", volume["availabilityZone"], StringComparison.Ordinal);
        Assert.NotEqual(table["targetTableName"], (await InferredAsync(points[0]))["targetTableName"]);
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
    }
}
