using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Resilience;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Reconcile;

/// <summary>
/// Safe apply over HTTP to the emulator: a reviewed plan is what gets applied (and is refused when live state moved),
/// concurrent applies never mix two versions of one plan nor duplicate a selection, irreversible or destructive changes
/// need the caller's exact consent, and lock immutability is decided on the service's clock.
/// </summary>
public sealed class SafeApplyTests(ITestOutputHelper output)
{
    private const int Rounds = 40;

    private static BackupPosture Version(string plan, int retentionDays, string tagValue) =>
        BackupPosture.Create()
            .AddVault("primary")
            .AddPlan(plan, p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(retentionDays)))
                .Select("tagged", s => s.WhereTag("backup", tagValue)))
            .Build();

    [Fact]
    public async Task A_reviewed_plan_is_refused_after_a_console_edit_naming_the_object_and_nothing_is_written()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        var applier = new PostureApplier(client);
        await applier.ApplyAsync(Version("prod", 35, "a"));
        var reviewed = await applier.PlanAsync(Version("prod", 60, "a"));
        var change = reviewed.Changes.Single(c => c.Kind == PostureObjectKind.Plan);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Contains("version", change.Basis, StringComparison.Ordinal);
        Assert.Equal("UpdateBackupPlan", Assert.Single(change.Requests).Operation);

        // Someone edits the plan in the console between review and apply.
        var planId = (await client.ListBackupPlansAsync(new ListBackupPlansInput())).BackupPlansList!.Single().BackupPlanId!;
        var console = PostureMappingFor(Version("prod", 90, "a"), planId);
        var edited = await client.UpdateBackupPlanAsync(console);
        var updatesBefore = emulator.Faults.RequestCount("UpdateBackupPlan");

        var refused = await Assert.ThrowsAsync<PostureConflictException>(() => applier.ApplyAsync(reviewed));

        Assert.Contains(refused.Objects, o => o.StartsWith("plan prod:", StringComparison.Ordinal));
        Assert.Contains("plan prod", refused.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Completed);
        Assert.Equal(updatesBefore, emulator.Faults.RequestCount("UpdateBackupPlan"));
        var live = await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = planId });
        Assert.Equal(edited.VersionId, live.VersionId);

        // A reviewed plan whose live state did not move applies exactly its requests.
        var fresh = await applier.PlanAsync(Version("prod", 60, "a"));
        var applied = await applier.ApplyAsync(fresh);
        Assert.Single(applied.Updated);
        Assert.Equal(updatesBefore + 1, emulator.Faults.RequestCount("UpdateBackupPlan"));
        Assert.False((await applier.DetectDriftAsync(Version("prod", 60, "a"))).HasDrift);
    }

    [Fact]
    public async Task A_reviewed_plan_is_refused_when_a_vault_policy_or_a_selection_moved()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        var applier = new PostureApplier(client);
        await applier.ApplyAsync(Version("prod", 35, "a"));
        var reviewed = await applier.PlanAsync(Version("prod", 35, "b"));

        await client.PutBackupVaultAccessPolicyAsync(new PutBackupVaultAccessPolicyInput
        {
            BackupVaultName = "primary",
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"backup:DeleteRecoveryPoint","Resource":"*"}]}""",
        });
        var planId = (await client.ListBackupPlansAsync(new ListBackupPlansInput())).BackupPlansList!.Single().BackupPlanId!;
        var selection = (await client.ListBackupSelectionsAsync(new ListBackupSelectionsInput { BackupPlanId = planId })).BackupSelectionsList!.Single();
        await client.DeleteBackupSelectionAsync(new DeleteBackupSelectionInput { BackupPlanId = planId, SelectionId = selection.SelectionId });

        var refused = await Assert.ThrowsAsync<PostureConflictException>(() => applier.ApplyAsync(reviewed));

        Assert.Contains(refused.Objects, o => o.StartsWith("vault primary access policy:", StringComparison.Ordinal));
        Assert.Contains(refused.Objects, o => o.StartsWith("selection prod/tagged", StringComparison.Ordinal) && o.Contains("gone", StringComparison.Ordinal));
        Assert.Equal(0, emulator.Faults.RequestCount("CreateBackupSelection") - 1);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(2, false)]
    [InlineData(16, true)]
    [InlineData(16, false)]
    public async Task Concurrent_applies_never_mix_versions_nor_duplicate_a_selection_and_equal_ones_write_once(int applies, bool differentVersions)
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var clients = Enumerable.Range(0, applies).Select(_ => TestCredentials.CreateClient(emulator.Endpoint)).ToList();
        try
        {
            int mixed = 0, duplicates = 0, conflicts = 0, otherFailures = 0;
            for (var round = 0; round < Rounds; round++)
            {
                var name = $"plan-{round}";
                await new PostureApplier(clients[0]).ApplyAsync(Version(name, 30, "start"));
                var versions = Enumerable.Range(0, applies)
                    .Select(i => differentVersions && i % 2 == 1 ? Version(name, 90, "b") : Version(name, 60, "a"))
                    .ToList();
                var updatesBefore = emulator.Faults.RequestCount("UpdateBackupPlan");
                var createsBefore = emulator.Faults.RequestCount("CreateBackupSelection");
                var deletesBefore = emulator.Faults.RequestCount("DeleteBackupSelection");

                var outcomes = await Task.WhenAll(Enumerable.Range(0, applies).Select(i => Task.Run(async () =>
                {
                    try
                    {
                        await new PostureApplier(clients[i]).ApplyAsync(versions[i]);
                        return "ok";
                    }
                    catch (PostureConflictException)
                    {
                        return "conflict";
                    }
                    catch (Exception ex)
                    {
                        return ex.GetType().Name + ": " + ex.Message;
                    }
                })));
                conflicts += outcomes.Count(o => o == "conflict");
                otherFailures += outcomes.Count(o => o != "ok" && o != "conflict");

                // The live plan is one complete version: its document and its selection agree with one declaration.
                var checker = new PostureApplier(clients[0]);
                var matchesA = !(await checker.DetectDriftAsync(Version(name, 60, "a"))).Drift.Any(d => d.Action != ChangeAction.Undeclared);
                var matchesB = !(await checker.DetectDriftAsync(Version(name, 90, "b"))).Drift.Any(d => d.Action != ChangeAction.Undeclared);
                if (!matchesA && !matchesB)
                {
                    mixed++;
                }

                var planId = (await clients[0].ListBackupPlansAsync(new ListBackupPlansInput())).BackupPlansList!.Single(p => p.BackupPlanName == name).BackupPlanId!;
                var selections = (await clients[0].ListBackupSelectionsAsync(new ListBackupSelectionsInput { BackupPlanId = planId })).BackupSelectionsList!;
                duplicates += selections.Count - 1;

                if (!differentVersions)
                {
                    // One write per change: one plan update, one selection replaced.
                    Assert.Equal(updatesBefore + 1, emulator.Faults.RequestCount("UpdateBackupPlan"));
                    Assert.Equal(createsBefore + 1, emulator.Faults.RequestCount("CreateBackupSelection"));
                    Assert.Equal(deletesBefore + 1, emulator.Faults.RequestCount("DeleteBackupSelection"));
                    var versionsOfPlan = await clients[0].ListBackupPlanVersionsAsync(new ListBackupPlanVersionsInput { BackupPlanId = planId });
                    Assert.Equal(2, versionsOfPlan.BackupPlanVersionsList!.Count);
                }
            }

            output.WriteLine($"{Rounds} rounds of {applies} concurrent applies of {(differentVersions ? "two different" : "one")} version(s): {mixed} mixed plans, {duplicates} duplicate selections, {conflicts} conflict errors, {otherFailures} other failures");
            Assert.Equal(0, mixed);
            Assert.Equal(0, duplicates);
            Assert.Equal(0, otherFailures);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Weakening_a_compliance_lock_during_cooling_off_needs_consent_for_that_exact_change()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        await new PostureApplier(client).ApplyAsync(Compliance(min: 30, max: 400));

        foreach (var (weaker, reason) in new[]
        {
            (Compliance(min: 7, max: 400), "lowers the minimum retention"),
            (Compliance(min: 30, max: 1000), "raises or removes the maximum retention"),
            (Governance(min: 30, max: 400), "downgrades a compliance-mode lock to governance"),
        })
        {
            var plan = await new PostureApplier(client).PlanAsync(weaker);
            var requirement = Assert.Single(plan.ConsentRequired);
            Assert.Contains(reason, requirement.Reason, StringComparison.Ordinal);
            Assert.Contains("[consent]", plan.ToString(), StringComparison.Ordinal);
            Assert.Contains(requirement.Key, plan.ToString(), StringComparison.Ordinal);

            var puts = emulator.Faults.RequestCount("PutBackupVaultLockConfiguration");
            var refused = await Assert.ThrowsAsync<PostureConsentRequiredException>(() => new PostureApplier(client).ApplyAsync(weaker));
            Assert.Equal(requirement.Key, Assert.Single(refused.Required).Key);
            var wrongKey = new PostureApplyOptions { AcknowledgedChanges = [requirement.Key + " (another change)"] };
            await Assert.ThrowsAsync<PostureConsentRequiredException>(() => new PostureApplier(client, wrongKey).ApplyAsync(weaker));
            Assert.Equal(puts, emulator.Faults.RequestCount("PutBackupVaultLockConfiguration"));
        }

        // Strengthening needs no consent; the acknowledged weakening is applied.
        var strengthen = await new PostureApplier(client).PlanAsync(Compliance(min: 60, max: 400));
        Assert.True(strengthen.ConsentRequired.Count == 0, strengthen.ToString());
        var downgrade = await new PostureApplier(client).PlanAsync(Governance(min: 30, max: 400));
        var acknowledged = new PostureApplyOptions { AcknowledgedChanges = [downgrade.ConsentRequired.Single().Key] };
        var applied = await new PostureApplier(client, acknowledged).ApplyAsync(downgrade);
        Assert.Single(applied.Updated);
        var vault = await client.DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = "locked" });
        Assert.Null(vault.LockDate);
    }

    [Fact]
    public async Task Removing_a_compliance_lock_during_cooling_off_needs_consent()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        await new PostureApplier(client).ApplyAsync(Compliance(min: 30, max: 400));
        var unlocked = BackupPosture.Create().AddVault("locked").Build();
        var deleting = new PostureApplyOptions { DeleteUndeclared = true };

        var plan = await new PostureApplier(client, deleting).PlanAsync(unlocked);
        var refused = await Assert.ThrowsAsync<PostureConsentRequiredException>(() => new PostureApplier(client, deleting).ApplyAsync(plan));

        Assert.Contains("removes a compliance-mode lock", Assert.Single(refused.Required).Reason, StringComparison.Ordinal);
        Assert.Equal(0, emulator.Faults.RequestCount("DeleteBackupVaultLockConfiguration"));
        var result = await new PostureApplier(client, deleting with { AcknowledgedChanges = [plan.ConsentRequired.Single().Key] }).ApplyAsync(plan);
        Assert.Single(result.Deleted);
        Assert.Equal(1, emulator.Faults.RequestCount("DeleteBackupVaultLockConfiguration"));
    }

    [Fact]
    public async Task Deleting_a_vault_a_declared_rule_copies_to_or_backs_up_into_needs_consent()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        var dr = (await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "dr" })).BackupVaultArn!;
        await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "external-target" });
        await client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "unused" });
        var posture = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)).CopyTo(dr))
                .AddRule("weekly", r => r.Weekly(DayOfWeek.Sunday).InExistingVault("external-target").DeleteAfter(Days(90))))
            .Build();
        var pruning = new PostureApplyOptions { DeleteUndeclared = true, DeleteUndeclaredVaults = true };

        var plan = await new PostureApplier(client, pruning).PlanAsync(posture);

        Assert.True(plan.ConsentRequired.Count == 2, plan.ToString());
        Assert.Contains(plan.ConsentRequired, c => c.Key.Contains("delete vault dr", StringComparison.Ordinal) && c.Key.Contains("copies to it", StringComparison.Ordinal));
        Assert.Contains(plan.ConsentRequired, c => c.Key.Contains("delete vault external-target", StringComparison.Ordinal) && c.Key.Contains("backs up into it", StringComparison.Ordinal));
        var refused = await Assert.ThrowsAsync<PostureConsentRequiredException>(() => new PostureApplier(client, pruning).ApplyAsync(posture));
        Assert.Equal(2, refused.Required.Count);
        Assert.Equal(0, emulator.Faults.RequestCount("DeleteBackupVault"));
        Assert.Equal(0, emulator.Faults.RequestCount("CreateBackupVault") - 3);

        // Acknowledging one of them is not enough.
        var one = pruning with { AcknowledgedChanges = [plan.ConsentRequired[0].Key] };
        await Assert.ThrowsAsync<PostureConsentRequiredException>(() => new PostureApplier(client, one).ApplyAsync(plan));
        var both = pruning with { AcknowledgedChanges = [.. plan.ConsentRequired.Select(c => c.Key)] };
        var result = await new PostureApplier(client, both).ApplyAsync(plan);
        Assert.Equal(["dr", "external-target", "unused"], result.Deleted.Where(c => c.Kind == PostureObjectKind.Vault).Select(c => c.Name).Order().ToArray());
    }

    [Fact]
    public async Task Lock_immutability_is_decided_on_the_service_clock_not_the_local_one()
    {
        // The emulator's clock is four days ahead of the client's and the applier's (the system clock).
        var serviceClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = serviceClock });
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        await new PostureApplier(client).ApplyAsync(Compliance(min: 30, max: 400));
        serviceClock.Advance(TimeSpan.FromDays(4));

        var plan = await new PostureApplier(client).PlanAsync(Compliance(min: 60, max: 400));

        var change = plan.Changes.Single(c => c.Kind == PostureObjectKind.VaultLock);
        Assert.Equal(ChangeAction.Blocked, change.Action);
        Assert.Contains("immutable", change.Warning, StringComparison.Ordinal);
        Assert.True(plan.ReadAt > DateTimeOffset.UtcNow.AddDays(3), $"read at {plan.ReadAt}");
    }

    [Fact]
    public void The_planner_plans_from_live_state_without_any_call()
    {
        var live = new LiveState { ServiceNow = DateTimeOffset.UnixEpoch.AddDays(1) };
        live.Vaults["locked"] = new LiveVault(
            "arn:aws:backup:us-east-1:111122223333:backup-vault:locked",
            new BackupVault { Name = "locked", Lock = Compliance(min: 30, max: 400).Vaults[0].Lock },
            DateTimeOffset.UnixEpoch.AddDays(3));
        live.Observe("arn:aws:backup:us-east-1:111122223333:backup-vault:locked");
        using var neverCalled = new BackupClient(new Uri("http://127.0.0.1:9"), "us-east-1", TestCredentials.Basic);

        var steps = new ChangePlanner(neverCalled, new PostureApplyOptions()).Plan(Governance(min: 30, max: 400), live);

        var change = steps.Single(s => s.Change.Kind == PostureObjectKind.VaultLock).Change;
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.NotNull(change.Consent);
        Assert.Equal("PutBackupVaultLockConfiguration", Assert.Single(change.Requests).Operation);
        Assert.StartsWith("compliance, min 30 days", change.Basis, StringComparison.Ordinal);
    }

    private static BackupPosture Compliance(int min, int max) =>
        BackupPosture.Create()
            .AddVault("locked", v => v.Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Days(min)).MaxRetention(Days(max))))
            .Build();

    private static BackupPosture Governance(int min, int max) =>
        BackupPosture.Create()
            .AddVault("locked", v => v.Lock(l => l.Governance().MinRetention(Days(min)).MaxRetention(Days(max))))
            .Build();

    private static UpdateBackupPlanInput PostureMappingFor(BackupPosture posture, string planId) =>
        BackupKit.Mapping.PostureMapping.ToUpdateBackupPlanInput(posture.Plans[0], planId);
}
