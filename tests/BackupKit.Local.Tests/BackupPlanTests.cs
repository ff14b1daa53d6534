using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class BackupPlanTests : EmulatorTest
{
    [Fact]
    public async Task CreateBackupPlan_fills_the_defaults_AWS_fills_and_generates_ids()
    {
        var created = await CreatePlanAsync("defaults");

        Assert.True(Guid.TryParse(created.BackupPlanId, out _));
        Assert.Equal($"arn:aws:backup:us-east-1:000000000000:backup-plan:{created.BackupPlanId}", created.BackupPlanArn);
        Assert.Equal(Clock.GetUtcNow(), created.CreationDate);
        Assert.False(string.IsNullOrEmpty(created.VersionId));

        var plan = await CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = created.BackupPlanId });
        var rule = Assert.Single(plan.BackupPlan!.Rules!);
        Assert.Equal("defaults", plan.BackupPlan.BackupPlanName);
        Assert.Equal("cron(0 5 ? * * *)", rule.ScheduleExpression);
        Assert.Equal("Etc/UTC", rule.ScheduleExpressionTimezone);
        Assert.Equal(480, rule.StartWindowMinutes);
        Assert.Equal(10080, rule.CompletionWindowMinutes);
        Assert.Equal(35, rule.Lifecycle!.DeleteAfterDays);
        Assert.True(Guid.TryParse(rule.RuleId, out _));
        Assert.Equal(created.VersionId, plan.VersionId);
        Assert.Equal(created.BackupPlanArn, plan.BackupPlanArn);
        Assert.Null(plan.DeletionDate);
    }

    [Fact]
    public async Task CreateBackupPlan_keeps_given_values_instead_of_defaults()
    {
        var input = Plan("explicit");
        var rule = input.Rules![0];
        rule.ScheduleExpression = "cron(30 2 ? * MON-FRI *)";
        rule.ScheduleExpressionTimezone = "Europe/Paris";
        rule.StartWindowMinutes = 60;
        rule.CompletionWindowMinutes = 120;

        var created = await CallAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });
        var stored = (await CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = created.BackupPlanId })).BackupPlan!.Rules![0];

        Assert.Equal("cron(30 2 ? * MON-FRI *)", stored.ScheduleExpression);
        Assert.Equal("Europe/Paris", stored.ScheduleExpressionTimezone);
        Assert.Equal(60, stored.StartWindowMinutes);
        Assert.Equal(120, stored.CompletionWindowMinutes);
    }

    [Fact]
    public async Task CreateBackupPlan_with_a_repeated_CreatorRequestId_returns_the_existing_plan()
    {
        var first = await CreatePlanAsync("idempotent", creatorRequestId: "request-1");
        var second = await CreatePlanAsync("idempotent", creatorRequestId: "request-1");

        Assert.Equal(first.BackupPlanId, second.BackupPlanId);
        Assert.Equal(first.VersionId, second.VersionId);
        var list = await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput());
        var member = Assert.Single(list.BackupPlansList!);
        Assert.Equal("request-1", member.CreatorRequestId);
    }

    [Fact]
    public async Task CreateBackupPlan_with_the_name_of_an_existing_plan_is_AlreadyExists()
    {
        var first = await CreatePlanAsync("same-name");

        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = Plan("same-name") });

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("AlreadyExistsException", error.ErrorType);
        Assert.Equal(first.BackupPlanArn, error.Body.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task CreateBackupPlan_without_the_plan_is_MissingParameterValue_naming_the_member()
    {
        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput());

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("MissingParameterValueException", error.ErrorType);
        Assert.Contains("BackupPlan", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBackupPlan_with_an_invalid_rule_name_is_InvalidParameterValue_naming_member_and_pattern()
    {
        var input = Plan("bad-rule");
        input.Rules![0].RuleName = "daily backups!";

        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains("BackupPlan.Rules[0].RuleName", error.BodyMessage, StringComparison.Ordinal);
        Assert.Contains("pattern", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cold_storage_less_than_90_days_before_deletion_is_refused()
    {
        var input = Plan("cold");
        input.Rules![0].Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 30, DeleteAfterDays = 100 };

        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Equal("Error in rule daily : Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays", error.BodyMessage);
    }

    [Fact]
    public async Task Continuous_backup_with_cold_storage_is_refused_with_AWS_code_ERROR_3015()
    {
        var input = Plan("pitr");
        input.Rules![0].EnableContinuousBackup = true;
        input.Rules[0].Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 1, DeleteAfterDays = 35 };

        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Equal("ERROR_3015", error.BodyCode);
        Assert.Equal("Error in rule daily : Invalid lifecycle. MoveToColdStorageAfterDays is unavailable", error.BodyMessage);
        Assert.Equal("[\"daily\",\"Invalid lifecycle. MoveToColdStorageAfterDays is unavailable\"]", error.BodyContext);
    }

    [Theory]
    [InlineData("rate(1 hour)")]
    [InlineData("cron(0 5 * * * *)")]
    [InlineData("cron(*/5 * ? * * *)")]
    [InlineData("cron(0 25 ? * * *)")]
    [InlineData("cron(0 5 ? *)")]
    public async Task Invalid_schedule_expressions_are_refused(string schedule)
    {
        var input = Plan("schedule");
        input.Rules![0].ScheduleExpression = schedule;

        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains(schedule, error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_window_under_an_hour_is_refused()
    {
        var input = Plan("window");
        input.Rules![0].StartWindowMinutes = 30;

        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains("StartWindowMinutes", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_time_zone_is_refused()
    {
        var input = Plan("zone");
        input.Rules![0].ScheduleExpressionTimezone = "Mars/Olympus_Mons";

        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains("Mars/Olympus_Mons", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eleven_rules_exceed_the_limit()
    {
        var input = Plan("many-rules");
        input.Rules = Enumerable.Range(0, 11)
            .Select(i => new BackupRuleInput { RuleName = $"rule-{i}", TargetBackupVaultName = "primary" })
            .ToList();

        var error = await ErrorAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });

        Assert.Equal("LimitExceededException", error.ErrorType);
    }

    [Fact]
    public async Task GetBackupPlan_of_an_unknown_id_is_ResourceNotFound_with_status_400()
    {
        var error = await ErrorAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = Guid.NewGuid().ToString() });

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("ResourceNotFoundException", error.ErrorType);
        Assert.Equal("User", error.Body.GetProperty("Type").GetString());
    }

    [Fact]
    public async Task UpdateBackupPlan_creates_a_new_version_and_old_versions_stay_readable()
    {
        var created = await CreatePlanAsync("versions");
        var original = await CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = created.BackupPlanId });
        Clock.Advance(TimeSpan.FromHours(1));

        var changed = Plan("versions", deleteAfterDays: 90);
        changed.Rules!.Add(new BackupRuleInput { RuleName = "weekly", TargetBackupVaultName = "primary", ScheduleExpression = "cron(0 3 ? * SUN *)" });
        var updated = await CallAsync(BackupOperations.UpdateBackupPlan, new UpdateBackupPlanInput { BackupPlanId = created.BackupPlanId, BackupPlan = changed });

        Assert.Equal(created.BackupPlanId, updated.BackupPlanId);
        Assert.NotEqual(created.VersionId, updated.VersionId);
        Assert.Equal(Clock.GetUtcNow(), updated.CreationDate);

        var latest = await CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = created.BackupPlanId });
        Assert.Equal(updated.VersionId, latest.VersionId);
        Assert.Equal(2, latest.BackupPlan!.Rules!.Count);
        Assert.Equal(90, latest.BackupPlan.Rules[0].Lifecycle!.DeleteAfterDays);
        Assert.Equal(original.BackupPlan!.Rules![0].RuleId, latest.BackupPlan.Rules[0].RuleId);

        var old = await CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = created.BackupPlanId, VersionId = created.VersionId });
        Assert.Equal(created.VersionId, old.VersionId);
        Assert.Equal(35, Assert.Single(old.BackupPlan!.Rules!).Lifecycle!.DeleteAfterDays);

        var versions = await CallAsync(BackupOperations.ListBackupPlanVersions, new ListBackupPlanVersionsInput { BackupPlanId = created.BackupPlanId });
        Assert.Equal([created.VersionId, updated.VersionId], versions.BackupPlanVersionsList!.Select(v => v.VersionId));
    }

    [Fact]
    public async Task GetBackupPlan_of_an_unknown_version_is_ResourceNotFound()
    {
        var created = await CreatePlanAsync("unknown-version");

        var error = await ErrorAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = created.BackupPlanId, VersionId = "bm90LWEtdmVyc2lvbg==" });

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }

    [Fact]
    public async Task UpdateBackupPlan_of_an_unknown_plan_is_ResourceNotFound()
    {
        var error = await ErrorAsync(BackupOperations.UpdateBackupPlan, new UpdateBackupPlanInput { BackupPlanId = "missing", BackupPlan = Plan("x") });

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }

    [Fact]
    public async Task DeleteBackupPlan_is_refused_while_selections_exist()
    {
        var plan = await CreatePlanAsync("with-selection");
        var selection = await CallAsync(BackupOperations.CreateBackupSelection, new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = Selection() });

        var error = await ErrorAsync(BackupOperations.DeleteBackupPlan, new DeleteBackupPlanInput { BackupPlanId = plan.BackupPlanId });
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("InvalidRequestException", error.ErrorType);

        await CallAsync(BackupOperations.DeleteBackupSelection, new DeleteBackupSelectionInput { BackupPlanId = plan.BackupPlanId, SelectionId = selection.SelectionId });
        var deleted = await CallAsync(BackupOperations.DeleteBackupPlan, new DeleteBackupPlanInput { BackupPlanId = plan.BackupPlanId });
        Assert.Equal(plan.BackupPlanId, deleted.BackupPlanId);
    }

    [Fact]
    public async Task DeleteBackupPlan_sets_DeletionDate_and_hides_the_plan_unless_deleted_plans_are_asked_for()
    {
        var plan = await CreatePlanAsync("to-delete");
        await CreatePlanAsync("kept");
        Clock.Advance(TimeSpan.FromDays(1));

        var deleted = await CallAsync(BackupOperations.DeleteBackupPlan, new DeleteBackupPlanInput { BackupPlanId = plan.BackupPlanId });

        Assert.Equal(Clock.GetUtcNow(), deleted.DeletionDate);
        Assert.Equal(plan.VersionId, deleted.VersionId);
        Assert.Equal(plan.BackupPlanArn, deleted.BackupPlanArn);
        var get = await CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = plan.BackupPlanId });
        Assert.Equal(Clock.GetUtcNow(), get.DeletionDate);

        var live = await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput());
        Assert.Equal(["kept"], live.BackupPlansList!.Select(p => p.BackupPlanName));
        var all = await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput { IncludeDeleted = true });
        Assert.Equal(["to-delete", "kept"], all.BackupPlansList!.Select(p => p.BackupPlanName));
        Assert.Equal(Clock.GetUtcNow(), all.BackupPlansList![0].DeletionDate);

        var again = await ErrorAsync(BackupOperations.DeleteBackupPlan, new DeleteBackupPlanInput { BackupPlanId = plan.BackupPlanId });
        Assert.Equal("ResourceNotFoundException", again.ErrorType);

        // The name is free again once the plan is deleted.
        await CreatePlanAsync("to-delete");
    }

    [Fact]
    public async Task ListBackupPlans_pages_with_NextToken_and_MaxResults()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreatePlanAsync($"plan-{i}");
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput { MaxResults = 2, NextToken = token });
            Assert.True(page.BackupPlansList!.Count <= 2);
            names.AddRange(page.BackupPlansList.Select(p => p.BackupPlanName!));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["plan-0", "plan-1", "plan-2", "plan-3", "plan-4"], names);
    }

    [Fact]
    public async Task ListBackupPlans_with_a_forged_NextToken_is_InvalidParameterValue()
    {
        var error = await ErrorAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput { NextToken = "not-a-token" });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
    }

    [Fact]
    public async Task ListBackupPlans_with_MaxResults_out_of_range_is_InvalidParameterValue()
    {
        var error = await ErrorAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput { MaxResults = 0 });

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains("MaxResults", error.BodyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBackupPlan_previews_scheduled_runs_from_the_emulator_clock()
    {
        var input = Plan("preview");
        input.Rules![0].ScheduleExpression = "cron(0 5 ? * * *)";
        var created = await CallAsync(BackupOperations.CreateBackupPlan, new CreateBackupPlanInput { BackupPlan = input });

        var plan = await CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = created.BackupPlanId, MaxScheduledRunsPreview = 3 });

        // The clock says 2026-03-02 10:00 UTC, so the next 05:00 UTC runs are on the 3rd, 4th and 5th.
        Assert.Equal(
            [new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 4, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 5, 5, 0, 0, TimeSpan.Zero)],
            plan.ScheduledRunsPreview!.Select(r => r.ExecutionTime!.Value));
        Assert.All(plan.ScheduledRunsPreview!, r => Assert.Equal(plan.BackupPlan!.Rules![0].RuleId, r.RuleId));
        Assert.All(plan.ScheduledRunsPreview!, r => Assert.Equal(RuleExecutionType.SNAPSHOTS, r.RuleExecutionType));
    }

    [Fact]
    public async Task Backup_plan_state_is_per_account_and_region()
    {
        var created = await CreatePlanAsync("isolated");
        using var otherRegion = CallerFor(region: "eu-west-1");

        var error = await Assert.ThrowsAsync<AwsErrorResponse>(() => otherRegion.CallAsync(BackupOperations.GetBackupPlan, new GetBackupPlanInput { BackupPlanId = created.BackupPlanId }));

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
        Assert.Empty((await otherRegion.CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput())).BackupPlansList!);
    }
}
