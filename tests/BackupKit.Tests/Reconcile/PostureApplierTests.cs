using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Reconcile;

public sealed class PostureApplierTests : IAsyncLifetime
{
    internal static readonly string[] WriteOperations =
    [
        "CreateBackupVault", "DeleteBackupVault", "PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration",
        "PutBackupVaultNotifications", "DeleteBackupVaultNotifications", "PutBackupVaultAccessPolicy", "DeleteBackupVaultAccessPolicy",
        "CreateBackupPlan", "UpdateBackupPlan", "DeleteBackupPlan", "CreateBackupSelection", "DeleteBackupSelection",
        "TagResource", "UntagResource",
    ];

    private BackupEmulator _emulator = null!;
    private BackupClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await BackupEmulator.StartAsync();
        _client = TestCredentials.CreateClient(_emulator.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    internal static BackupPosture Posture(int dailyRetentionDays = 35, string excluded = "arn:aws:dynamodb:us-east-1:000000000000:table/scratch") =>
        BackupPosture.Create()
            .AddVault("primary", v => v
                .Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400)))
                .NotifyTo("arn:aws:sns:us-east-1:000000000000:alerts", BackupVaultEvents.Failures)
                .DenyRecoveryPointDeletion("arn:aws:iam::000000000000:role/BreakGlass")
                .Tag("team", "platform"))
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(dailyRetentionDays))
                    .CopyTo("arn:aws:backup:us-west-2:000000000000:backup-vault:dr", c => c.DeleteAfter(Days(35))))
                .AddRule("monthly", r => r.Monthly(1).InVault("primary").MoveToColdStorageAfter(Days(30)).DeleteAfter(Days(365)))
                .WindowsVss()
                .Select("tagged", s => s.WhereTag("backup", "prod").Except(excluded))
                .Select("conditions", s => s.AllResources().RequireTag("env", "prod").ExcludeTagLike("name", "*-tmp"))
                .Tag("team", "platform"))
            .Build();

    [Fact]
    public async Task The_plan_lists_every_create_in_dependency_order_and_writes_nothing()
    {
        var plan = await new PostureApplier(_client).PlanAsync(Posture());

        Assert.True(plan.HasChanges);
        Assert.All(plan.Changes, c => Assert.Equal(ChangeAction.Create, c.Action));
        Assert.Equal(
            [PostureObjectKind.Vault, PostureObjectKind.VaultLock, PostureObjectKind.VaultAccessPolicy, PostureObjectKind.VaultNotifications, PostureObjectKind.Plan, PostureObjectKind.Selection, PostureObjectKind.Selection],
            plan.Changes.Select(c => c.Kind).ToArray());
        Assert.Equal(0, WriteCount());
        Assert.Contains("+   vault primary", plan.ToString(), StringComparison.Ordinal);
        Assert.Contains("Plan: 7 to create", plan.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applying_creates_everything_and_a_second_apply_makes_no_write_call()
    {
        var applier = new PostureApplier(_client);

        var first = await applier.ApplyAsync(Posture());
        var writesAfterFirst = WriteCount();
        var second = await applier.ApplyAsync(Posture());

        Assert.Equal(7, first.Created.Count);
        Assert.NotNull(first.Created.Single(c => c.Kind == PostureObjectKind.Plan).Arn);
        Assert.False(second.HasChanges);
        Assert.Equal(7, second.Unchanged.Count);
        Assert.Equal(writesAfterFirst, WriteCount());
        Assert.StartsWith("Applied: no changes", second.ToString(), StringComparison.Ordinal);
        Assert.False((await applier.DetectDriftAsync(Posture())).HasDrift);
    }

    [Fact]
    public async Task A_retention_changed_in_the_console_is_reported_as_drift_and_restored_by_apply()
    {
        var applier = new PostureApplier(_client);
        await applier.ApplyAsync(Posture());
        var planId = await PlanIdAsync("prod");
        var live = await _client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = planId });
        var document = new BackupPlanInput
        {
            BackupPlanName = live.BackupPlan!.BackupPlanName,
            AdvancedBackupSettings = live.BackupPlan.AdvancedBackupSettings,
            Rules = [.. live.BackupPlan.Rules!.Select(r => new BackupRuleInput
            {
                RuleName = r.RuleName,
                TargetBackupVaultName = r.TargetBackupVaultName,
                ScheduleExpression = r.ScheduleExpression,
                Lifecycle = r.RuleName == "daily" ? new BackupKit.Wire.Lifecycle { DeleteAfterDays = 90 } : r.Lifecycle,
                CopyActions = r.CopyActions,
            })],
        };
        await _client.UpdateBackupPlanAsync(new UpdateBackupPlanInput { BackupPlanId = planId, BackupPlan = document });
        var writes = WriteCount();

        var drift = await applier.DetectDriftAsync(Posture());

        Assert.Equal(writes, WriteCount());
        var change = Assert.Single(drift.Drift);
        Assert.Equal(ChangeAction.Update, change.Action);
        var difference = Assert.Single(change.Differences);
        Assert.Equal("rules[daily].lifecycle", difference.Property);
        Assert.Equal("delete after 35 days", difference.Declared);
        Assert.Equal("delete after 90 days", difference.Live);
        Assert.Contains("plan prod: differs", drift.ToString(), StringComparison.Ordinal);

        var result = await applier.ApplyAsync(Posture());

        Assert.Equal(PostureObjectKind.Plan, Assert.Single(result.Updated).Kind);
        Assert.Equal(writes + 1, WriteCount());
        Assert.False((await applier.DetectDriftAsync(Posture())).HasDrift);
    }

    [Fact]
    public async Task A_changed_rule_updates_the_plan_in_place_and_keeps_its_id()
    {
        var applier = new PostureApplier(_client);
        await applier.ApplyAsync(Posture());
        var planId = await PlanIdAsync("prod");

        var plan = await applier.PlanAsync(Posture(dailyRetentionDays: 60));
        var result = await applier.ApplyAsync(Posture(dailyRetentionDays: 60));

        var update = Assert.Single(plan.Changes, c => c.IsWrite);
        Assert.Equal(ChangeAction.Update, update.Action);
        Assert.Contains("rules[daily].lifecycle: delete after 35 days -> delete after 60 days", plan.ToString(), StringComparison.Ordinal);
        Assert.Single(result.Updated);
        Assert.Equal(planId, await PlanIdAsync("prod"));
        Assert.Equal(1, _emulator.Faults.RequestCount("UpdateBackupPlan"));
    }

    [Fact]
    public async Task A_changed_selection_is_replaced_with_a_warning()
    {
        var applier = new PostureApplier(_client);
        await applier.ApplyAsync(Posture());
        var changed = Posture(excluded: "arn:aws:dynamodb:us-east-1:000000000000:table/other");

        var plan = await applier.PlanAsync(changed);
        var result = await applier.ApplyAsync(changed);

        var replace = Assert.Single(plan.Changes, c => c.IsWrite);
        Assert.Equal(ChangeAction.Replace, replace.Action);
        Assert.Equal("prod/tagged", replace.Name);
        Assert.Equal("notResources", Assert.Single(replace.Differences).Property);
        Assert.NotNull(replace.Warning);
        Assert.Single(result.Replaced);
        Assert.Equal(1, _emulator.Faults.RequestCount("DeleteBackupSelection"));
        Assert.False((await applier.DetectDriftAsync(changed)).HasDrift);
    }

    [Fact]
    public async Task Undeclared_plans_and_selections_are_left_alone_unless_deletion_is_opted_in()
    {
        await new PostureApplier(_client).ApplyAsync(Posture());
        var smaller = BackupPosture.Create()
            .AddVault("primary", v => v
                .Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400)))
                .NotifyTo("arn:aws:sns:us-east-1:000000000000:alerts", BackupVaultEvents.Failures)
                .DenyRecoveryPointDeletion("arn:aws:iam::000000000000:role/BreakGlass")
                .Tag("team", "platform"))
            .AddPlan("other", p => p.AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35))).Select("all", s => s.AllResources()))
            .Build();

        var kept = await new PostureApplier(_client).ApplyAsync(smaller);

        Assert.Contains(kept.LeftAlone, c => c.Kind == PostureObjectKind.Plan && c.Name == "prod");
        Assert.Equal(0, _emulator.Faults.RequestCount("DeleteBackupPlan"));
        Assert.NotNull(await PlanIdAsync("prod"));

        var pruned = await new PostureApplier(_client, new PostureApplyOptions { DeleteUndeclared = true }).ApplyAsync(smaller);

        var delete = Assert.Single(pruned.Deleted);
        Assert.Equal("prod", delete.Name);
        Assert.Equal(2, _emulator.Faults.RequestCount("DeleteBackupSelection"));
        Assert.Null(await PlanIdAsync("prod"));
    }

    [Fact]
    public async Task A_compliance_lock_is_flagged_as_irreversible_in_the_plan()
    {
        var posture = BackupPosture.Create()
            .AddVault("vault-compliance", v => v.Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Days(7))))
            .Build();

        var plan = await new PostureApplier(_client).PlanAsync(posture);

        var change = Assert.Single(plan.Changes, c => c.Kind == PostureObjectKind.VaultLock);
        Assert.StartsWith("IRREVERSIBLE", change.Warning, StringComparison.Ordinal);
        Assert.Contains("! vault vault-compliance lock: IRREVERSIBLE", plan.ToString(), StringComparison.Ordinal);

        await new PostureApplier(_client).ApplyAsync(posture);
        Assert.False((await new PostureApplier(_client).PlanAsync(posture)).HasChanges);
    }

    [Fact]
    public async Task A_failure_mid_apply_reports_what_was_done_and_the_cause_and_a_retry_completes()
    {
        _emulator.Faults.Error("CreateBackupPlan", "LimitExceededException", 400);
        var applier = new PostureApplier(_client);

        var failure = await Assert.ThrowsAsync<PostureApplyException>(() => applier.ApplyAsync(Posture()));

        Assert.IsType<LimitExceededException>(failure.InnerException);
        Assert.Equal(PostureObjectKind.Plan, failure.Failed!.Kind);
        Assert.Equal(
            [PostureObjectKind.Vault, PostureObjectKind.VaultLock, PostureObjectKind.VaultAccessPolicy, PostureObjectKind.VaultNotifications],
            failure.Completed.Select(c => c.Kind).ToArray());
        Assert.Equal(2, failure.NotAttempted.Count);
        Assert.Contains("Applied before the failure: vault primary (Create)", failure.Message, StringComparison.Ordinal);

        var retry = await applier.ApplyAsync(Posture());

        Assert.Equal([PostureObjectKind.Plan, PostureObjectKind.Selection, PostureObjectKind.Selection], retry.Created.Select(c => c.Kind).ToArray());
        Assert.Equal(1, _emulator.Faults.RequestCount("CreateBackupVault"));
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_not_made_twice()
    {
        _emulator.Faults.DropConnectionAfterCommit("CreateBackupPlan");
        var applier = new PostureApplier(_client);

        try
        {
            await applier.ApplyAsync(Posture());
        }
        catch (PostureApplyException)
        {
            // The client may give up on the lost answer; the next apply must still not create a second plan.
        }

        await applier.ApplyAsync(Posture());

        var plans = new List<BackupPlansListMember>();
        await foreach (var plan in _client.PaginateListBackupPlans(new ListBackupPlansInput()))
        {
            plans.Add(plan);
        }

        Assert.Single(plans, p => p.BackupPlanName == "prod");
        // AWS accepts 1 to 50 letters, digits, '-', '_' or '.'.
        Assert.Matches("^bk-[0-9a-f]{40}$", Assert.Single(plans).CreatorRequestId);
    }

    [Fact]
    public async Task Two_applies_racing_each_create_every_object_once_thanks_to_deterministic_tokens()
    {
        // Slow reads make both applies see everything missing before either writes, so both send every create;
        // with tokens derived from the posture AWS answers the second create with the object of the first.
        _emulator.Faults.Latency("DescribeBackupVault", TimeSpan.FromMilliseconds(300), times: 2);
        _emulator.Faults.Latency("ListBackupPlans", TimeSpan.FromMilliseconds(300), times: 2);

        var results = await Task.WhenAll(new PostureApplier(_client).ApplyAsync(Posture()), new PostureApplier(_client).ApplyAsync(Posture()));

        var planId = await PlanIdAsync("prod");
        var selections = await _client.ListBackupSelectionsAsync(new ListBackupSelectionsInput { BackupPlanId = planId });
        Assert.Equal(2, selections.BackupSelectionsList!.Count);
        Assert.Equal(results[0].Changes.Single(c => c.Kind == PostureObjectKind.Plan).Arn, results[1].Changes.Single(c => c.Kind == PostureObjectKind.Plan).Arn);
        Assert.False((await new PostureApplier(_client).DetectDriftAsync(Posture())).HasDrift);
    }

    [Fact]
    public async Task A_vault_whose_key_differs_blocks_the_apply_before_anything_is_written()
    {
        await _client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "primary" });
        var writes = WriteCount();
        var posture = BackupPosture.Create()
            .AddVault("primary", v => v.EncryptWith("arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
            .AddPlan("prod", p => p.AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35))))
            .Build();

        var plan = await new PostureApplier(_client).PlanAsync(posture);
        var failure = await Assert.ThrowsAsync<PostureApplyException>(() => new PostureApplier(_client).ApplyAsync(posture));

        Assert.True(plan.IsBlocked);
        Assert.Equal("encryptionKey", Assert.Single(plan.Changes, c => c.Action == ChangeAction.Blocked).Differences.Single().Property);
        Assert.Empty(failure.Completed);
        Assert.Null(failure.Failed);
        Assert.StartsWith("Nothing was applied", failure.Message, StringComparison.Ordinal);
        Assert.Equal(writes, WriteCount());
    }

    [Fact]
    public async Task A_posture_that_breaks_aws_rules_is_refused_before_any_call()
    {
        var valid = Posture();
        var plan = valid.Plans[0];
        var broken = valid with
        {
            Plans = [plan with { Rules = [plan.Rules[0] with { Lifecycle = new Model.Lifecycle { MoveToColdStorageAfter = Days(30), DeleteAfter = Days(30) } }] }],
        };

        var error = await Assert.ThrowsAsync<Building.BackupPostureValidationException>(() => new PostureApplier(_client).ApplyAsync(broken));

        Assert.Contains(error.Violations, v => v.RuleId == "BK3003");
        Assert.Equal(0, _emulator.Faults.RequestCount("DescribeBackupVault"));
        Assert.Equal(0, WriteCount());
    }

    [Fact]
    public async Task Tags_changed_outside_the_posture_are_put_back()
    {
        var applier = new PostureApplier(_client);
        var first = await applier.ApplyAsync(Posture());
        var vaultArn = first.Created.Single(c => c.Kind == PostureObjectKind.Vault).Arn!;
        await _client.TagResourceAsync(new TagResourceInput { ResourceArn = vaultArn, Tags = new() { ["extra"] = "x", ["team"] = "other" } });

        var drift = await applier.DetectDriftAsync(Posture());
        await applier.ApplyAsync(Posture());
        var tags = await _client.ListTagsAsync(new ListTagsInput { ResourceArn = vaultArn });

        Assert.Equal("tags", Assert.Single(Assert.Single(drift.Drift).Differences).Property);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "platform" }, tags.Tags);
    }

    [Fact]
    public async Task A_deliberate_KeepForever_is_not_sent_to_AWS_and_shows_no_drift()
    {
        var posture = BackupPosture.Create()
            .AddVault("archive")
            .AddPlan("archive", p => p.AddRule("yearly", r => r.InVault("archive").KeepForever()))
            .Build();
        Assert.True(posture.Plans[0].Rules[0].KeepsForeverDeliberately);
        var applier = new PostureApplier(_client);

        await applier.ApplyAsync(posture);
        var writesAfterFirst = WriteCount();
        var second = await applier.ApplyAsync(posture);

        Assert.False(second.HasChanges);
        Assert.Equal(writesAfterFirst, WriteCount());
        Assert.False((await applier.DetectDriftAsync(posture)).HasDrift);
    }

    private int WriteCount() => WriteOperations.Sum(_emulator.Faults.RequestCount);

    private Task<string?> PlanIdAsync(string name) => PlanIdAsync(_client, name);

    internal static async Task<string?> PlanIdAsync(IBackupClient client, string name)
    {
        await foreach (var plan in client.PaginateListBackupPlans(new ListBackupPlansInput()))
        {
            if (plan.BackupPlanName == name)
            {
                return plan.BackupPlanId;
            }
        }

        return null;
    }
}
