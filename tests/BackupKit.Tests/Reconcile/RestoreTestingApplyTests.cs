using BackupKit.Local;
using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using static BackupKit.Model.Retention;
using M = BackupKit.Model;
using W = BackupKit.Wire;

namespace BackupKit.Tests.Reconcile;

/// <summary>
/// Applying restore testing plans and selections against the emulator over HTTP; the writes are counted by the
/// emulator's request log (<see cref="FaultInjector.RequestCount"/>).
/// </summary>
public sealed class RestoreTestingApplyTests : IAsyncLifetime
{
    private static readonly string[] WriteOperations =
    [
        "CreateRestoreTestingPlan", "UpdateRestoreTestingPlan", "DeleteRestoreTestingPlan",
        "CreateRestoreTestingSelection", "UpdateRestoreTestingSelection", "DeleteRestoreTestingSelection",
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

    /// <summary>How many restore testing (and tag) writes the emulator received, per operation.</summary>
    private Dictionary<string, int> Writes() => WriteOperations.ToDictionary(o => o, _emulator.Faults.RequestCount);

    /// <summary>The operations written since <paramref name="before"/>, each with how many times.</summary>
    private Dictionary<string, int> WrittenSince(Dictionary<string, int> before) =>
        Writes().Where(w => w.Value > before[w.Key]).ToDictionary(w => w.Key, w => w.Value - before[w.Key]);

    internal static BackupPosture Posture(string resourceType = "DynamoDB", int validationHours = 2) => BackupPosture.Create()
        .AddVault("primary")
        .AddPlan("prod", p => p.AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35))).Select("all", s => s.AllResources()))
        .AddRestoreTestingPlan("weekly_drill", t => t
            .Weekly(DayOfWeek.Monday)
            .FromAllVaults()
            .RecoveryPointTypes(M.RestoreTestingRecoveryPointType.Snapshot)
            .Test("tables", resourceType, s => s.AllProtectedResources().WhereTag("env", "prod").ValidateWithin(TimeSpan.FromHours(validationHours)))
            .Tag("team", "platform"))
        .Build();

    [Fact]
    public async Task Restore_testing_plans_are_created_after_backup_plans_and_a_second_apply_writes_nothing()
    {
        var applier = new PostureApplier(_client);

        var start = Writes();
        var first = await applier.ApplyAsync(Posture());
        var afterFirst = Writes();
        var second = await applier.ApplyAsync(Posture());

        Assert.Equal(
            [PostureObjectKind.Vault, PostureObjectKind.Plan, PostureObjectKind.Selection, PostureObjectKind.RestoreTestingPlan, PostureObjectKind.RestoreTestingSelection],
            first.Created.Select(c => c.Kind).ToArray());
        Assert.False(second.HasChanges);
        Assert.Empty(WrittenSince(afterFirst));
        Assert.Equal(new Dictionary<string, int> { ["CreateRestoreTestingPlan"] = 1, ["CreateRestoreTestingSelection"] = 1 }, WrittenSince(start));
        var live = await _client.GetRestoreTestingSelectionAsync(new GetRestoreTestingSelectionInput { RestoreTestingPlanName = "weekly_drill", RestoreTestingSelectionName = "tables" });
        Assert.Equal("env", live.RestoreTestingSelection!.ProtectedResourceConditions!.StringEquals![0].Key);
        var plan = (await _client.ListRestoreTestingPlansAsync(new ListRestoreTestingPlansInput())).RestoreTestingPlans!.Single();
        Assert.Equal("platform", (await _client.ListTagsAsync(new ListTagsInput { ResourceArn = plan.RestoreTestingPlanArn })).Tags!["team"]);
        Assert.Contains("restore testing plan weekly_drill", first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_validation_window_updates_the_selection_in_place()
    {
        var applier = new PostureApplier(_client);
        await applier.ApplyAsync(Posture());

        var plan = await applier.PlanAsync(Posture(validationHours: 6));
        var before = Writes();
        await applier.ApplyAsync(Posture(validationHours: 6));

        var change = Assert.Single(plan.Changes, c => c.IsWrite);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal("validationWindow", Assert.Single(change.Differences).Property);
        Assert.Equal(new Dictionary<string, int> { ["UpdateRestoreTestingSelection"] = 1 }, WrittenSince(before));
        var live = await _client.GetRestoreTestingSelectionAsync(new GetRestoreTestingSelectionInput { RestoreTestingPlanName = "weekly_drill", RestoreTestingSelectionName = "tables" });
        Assert.Equal(6, live.RestoreTestingSelection!.ValidationWindowHours);
        Assert.False((await applier.DetectDriftAsync(Posture(validationHours: 6))).HasDrift);
    }

    [Fact]
    public async Task A_changed_resource_type_replaces_the_selection()
    {
        var applier = new PostureApplier(_client);
        await applier.ApplyAsync(Posture());

        var before = Writes();
        var result = await applier.ApplyAsync(Posture(resourceType: "EBS"));

        // The emulator refuses a second selection of the same name, so the replacement deleted before it created.
        Assert.Equal(PostureObjectKind.RestoreTestingSelection, Assert.Single(result.Replaced).Kind);
        Assert.Equal(new Dictionary<string, int> { ["DeleteRestoreTestingSelection"] = 1, ["CreateRestoreTestingSelection"] = 1 }, WrittenSince(before));
        var live = await _client.GetRestoreTestingSelectionAsync(new GetRestoreTestingSelectionInput { RestoreTestingPlanName = "weekly_drill", RestoreTestingSelectionName = "tables" });
        Assert.Equal("EBS", live.RestoreTestingSelection!.ProtectedResourceType);
    }

    [Fact]
    public async Task An_undeclared_restore_testing_plan_is_deleted_only_with_the_opt_in_and_after_its_selections()
    {
        await new PostureApplier(_client).ApplyAsync(Posture());
        var other = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("prod", p => p.AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35))).Select("all", s => s.AllResources()))
            .AddRestoreTestingPlan("monthly_drill", t => t.Monthly().FromAllVaults().RecoveryPointTypes(M.RestoreTestingRecoveryPointType.Snapshot)
                .Test("volumes", "EBS", s => s.AllProtectedResources()))
            .Build();

        var kept = await new PostureApplier(_client).ApplyAsync(other);
        var before = Writes();
        var pruned = await new PostureApplier(_client, new PostureApplyOptions { DeleteUndeclared = true }).ApplyAsync(other);

        // The emulator refuses to delete a plan that still has selections, so the selection went first.
        Assert.Contains(kept.LeftAlone, c => c.Kind == PostureObjectKind.RestoreTestingPlan && c.Name == "weekly_drill");
        Assert.Equal("weekly_drill", Assert.Single(pruned.Deleted).Name);
        Assert.Equal(new Dictionary<string, int> { ["DeleteRestoreTestingSelection"] = 1, ["DeleteRestoreTestingPlan"] = 1 }, WrittenSince(before));
        var names = (await _client.ListRestoreTestingPlansAsync(new ListRestoreTestingPlansInput())).RestoreTestingPlans!.Select(p => p.RestoreTestingPlanName);
        Assert.Equal("monthly_drill", Assert.Single(names));
    }

    [Fact]
    public void A_restore_testing_plan_round_trips_through_its_requests()
    {
        var plan = Posture().RestoreTestingPlans.Single();
        var selection = plan.Selections.Single();

        var create = RestoreTestingMapping.ToCreateRestoreTestingPlanInput(plan, "t");
        var createSelection = RestoreTestingMapping.ToCreateRestoreTestingSelectionInput(plan.Name, selection, "111122223333");
        var update = RestoreTestingMapping.ToUpdateRestoreTestingSelectionInput(plan.Name, selection, "111122223333");

        Assert.Equal(plan, RestoreTestingMapping.ToModel(create, [RestoreTestingMapping.ToModel(createSelection.RestoreTestingSelection!)]));
        Assert.Equal("env", createSelection.RestoreTestingSelection!.ProtectedResourceConditions!.StringEquals![0].Key);
        Assert.Equal(2, update.RestoreTestingSelection!.ValidationWindowHours);
        Assert.Equal("arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole", update.RestoreTestingSelection.IamRoleArn);
        Assert.Null(create.RestoreTestingPlan!.StartWindowHours);
        Assert.Equal(RestoreTestingRecoveryPointSelectionAlgorithm.LATEST_WITHIN_WINDOW, create.RestoreTestingPlan.RecoveryPointSelection!.Algorithm);
    }

    [Fact]
    public void Restore_testing_defaults_filled_in_by_aws_compare_equal_to_an_unset_declaration()
    {
        var plan = Posture().RestoreTestingPlans.Single() with { Selections = default };
        var create = RestoreTestingMapping.ToCreateRestoreTestingPlanInput(plan);
        var live = RestoreTestingMapping.ToModel(new RestoreTestingPlanForGet
        {
            RestoreTestingPlanName = plan.Name,
            ScheduleExpression = create.RestoreTestingPlan!.ScheduleExpression,
            ScheduleExpressionTimezone = "Etc/UTC",
            StartWindowHours = 24,
            RecoveryPointSelection = new W.RestoreTestingRecoveryPointSelection
            {
                Algorithm = RestoreTestingRecoveryPointSelectionAlgorithm.LATEST_WITHIN_WINDOW,
                IncludeVaults = ["*"],
                RecoveryPointTypes = [W.RestoreTestingRecoveryPointType.SNAPSHOT],
                SelectionWindowDays = 30,
            },
        }, plan.Tags.ToDictionary(t => t.Key, t => t.Value));

        Assert.NotEqual(plan, live);
        Assert.Equal(PostureNormalizer.Normalize(plan), PostureNormalizer.Normalize(live));
    }
}
