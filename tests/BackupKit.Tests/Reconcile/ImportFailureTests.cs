using BackupKit.Local;
using BackupKit.Reconcile;
using BackupKit.Tests.Client;
using BackupKit.Wire;

namespace BackupKit.Tests.Reconcile;

/// <summary>
/// Live state the model cannot hold stops planning and drift detection by name, over HTTP, before anything is written:
/// a value changed outside the posture is never read as something else and then "corrected".
/// </summary>
public sealed class ImportFailureTests : IAsyncLifetime
{
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

    [Fact]
    public async Task A_rule_member_the_model_cannot_hold_stops_plan_drift_and_apply_by_name_before_any_write()
    {
        var applier = new PostureApplier(_client);
        await applier.ApplyAsync(PostureApplierTests.Posture());
        var planId = await PlanIdAsync("prod");
        var live = await _client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = planId });

        // A console edit adds a malware scan to one rule: BackupKit's model has no place for it yet.
        var rules = live.BackupPlan!.Rules!.Select(r => new BackupRuleInput
        {
            RuleName = r.RuleName,
            TargetBackupVaultName = r.TargetBackupVaultName,
            ScheduleExpression = r.ScheduleExpression,
            Lifecycle = r.Lifecycle,
            CopyActions = r.CopyActions,
            ScanActions = r.RuleName == "monthly" ? [new ScanAction { MalwareScanner = MalwareScanner.Values[0], ScanMode = ScanMode.Values[0] }] : null,
        }).ToList();
        await _client.UpdateBackupPlanAsync(new UpdateBackupPlanInput
        {
            BackupPlanId = planId,
            BackupPlan = new BackupPlanInput { BackupPlanName = "prod", Rules = rules, AdvancedBackupSettings = live.BackupPlan.AdvancedBackupSettings },
        });
        var writes = WriteCount();

        var drift = await Assert.ThrowsAsync<NotSupportedException>(() => applier.DetectDriftAsync(PostureApplierTests.Posture()));
        var plan = await Assert.ThrowsAsync<NotSupportedException>(() => applier.PlanAsync(PostureApplierTests.Posture()));
        var apply = await Assert.ThrowsAsync<NotSupportedException>(() => applier.ApplyAsync(PostureApplierTests.Posture()));

        foreach (var error in new[] { drift, plan, apply })
        {
            Assert.Contains("BackupRule.ScanActions of 'monthly'", error.Message, StringComparison.Ordinal);
            Assert.Contains("import stops", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(writes, WriteCount());
        var after = await _client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = planId });
        Assert.NotNull(after.BackupPlan!.Rules!.Single(r => r.RuleName == "monthly").ScanActions);
    }

    private int WriteCount() => PostureApplierTests.WriteOperations.Sum(_emulator.Faults.RequestCount);

    private Task<string?> PlanIdAsync(string name) => PostureApplierTests.PlanIdAsync(_client, name);
}
