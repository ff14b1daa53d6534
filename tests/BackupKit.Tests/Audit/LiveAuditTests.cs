using BackupKit.Audit;
using BackupKit.Rules;
using BackupKit.Wire;
using static BackupKit.Tests.Audit.AuditedAccount;

namespace BackupKit.Tests.Audit;

/// <summary>
/// The live audit against the emulator with its clock moved: a compliant account, then one drift or failure per
/// test, each a failing control with its reason, and the offline verdict beside the live one.
/// </summary>
public sealed class LiveAuditTests
{
    [Fact]
    public async Task A_compliant_account_passes_every_control_and_agrees_with_the_offline_verdict()
    {
        await using var account = await StartAsync();
        await account.AdvanceDaysAsync(3, copies: true);
        await account.RestoreAsync(Orders);

        var live = await account.Audit().EvaluateAsync(account.Posture, Inventory);
        var offline = PostureAudit.Evaluate(account.Posture, Inventory, timeProvider: account.Clock);

        Assert.True(live.IsCompliant, live.ToString());
        Assert.Equal(0, live.ExitCode);
        Assert.Empty(live.Drift);
        Assert.All(live.Controls, c => Assert.Equal(ComplianceStatus.Compliant, c.Status));
        Assert.All(offline.Controls.Where(c => c.Control.Name != AuditControlRules.RestoreTimeMeetsTarget), c => Assert.Equal(ComplianceStatus.Compliant, c.Status));
        Assert.Equal(ComplianceStatus.NotEvaluated, offline.Find("prod_audit", AuditControlRules.RestoreTimeMeetsTarget)!.Status);
        Assert.All(live.Resources, r => Assert.Equal(["prod"], r.ProtectedBy));
        Assert.Equal(2, live.Resources.Count);
        Assert.All(live.Resources, r => Assert.True(account.Clock.GetUtcNow() - r.LastRecoveryPointAt < TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task A_resource_tagged_after_deploy_and_left_unprotected_fails_coverage_offline_and_live()
    {
        await using var account = await StartAsync();
        await account.AdvanceDaysAsync(1, copies: true);
        const string Invoices = "arn:aws:dynamodb:us-east-1:000000000000:table/invoices";
        IReadOnlyList<InventoryResource> inventory = [.. Inventory, new(Invoices, new Dictionary<string, string> { ["backup"] = "prod" })];

        var live = await account.Audit().EvaluateAsync(account.Posture, inventory);
        var offline = PostureAudit.Evaluate(account.Posture, inventory, timeProvider: account.Clock);

        foreach (var report in new[] { live, offline })
        {
            var coverage = report.Find("prod_audit", AuditControlRules.ResourcesProtectedByBackupPlan)!;
            Assert.Equal(ComplianceStatus.NonCompliant, coverage.Status);
            var finding = Assert.Single(coverage.Findings);
            Assert.Equal(("resource", Invoices), (finding.ObjectKind, finding.ObjectId));
            Assert.Equal("no backup selection assigns it (tags: backup=prod)", finding.Reason);
            var resource = Assert.Single(report.Resources, r => r.Arn == Invoices);
            Assert.Empty(resource.ProtectedBy);
            Assert.Equal(ComplianceStatus.NonCompliant, resource.Status);
            Assert.Equal(1, report.ExitCode);
        }

        Assert.Empty(live.Drift);
    }

    [Fact]
    public async Task A_retention_shortened_in_the_console_fails_the_retention_controls_and_names_the_drifted_rule()
    {
        await using var account = await StartAsync();
        await account.AdvanceDaysAsync(1, copies: true);
        await ShortenDailyRetentionAsync(account.Client, days: 7);
        await account.AdvanceDaysAsync(1, copies: true);

        var live = await account.Audit().EvaluateAsync(account.Posture, Inventory);
        var offline = PostureAudit.Evaluate(account.Posture, Inventory, timeProvider: account.Clock);

        var plan = live.Find("prod_audit", AuditControlRules.PlanMinFrequencyAndMinRetention)!;
        Assert.Equal(ComplianceStatus.NonCompliant, plan.Status);
        Assert.Contains(plan.Findings, f => f.ObjectId == "prod" && f.Reason == "rule 'daily' keeps recovery points 7 days; the control requires at least 35 days");
        var points = live.Find("prod_audit", AuditControlRules.RecoveryPointMinimumRetention)!;
        Assert.Contains(points.Findings, f => f.ObjectKind == "recoveryPoint" && f.Reason.Contains("is kept 7 days; the control requires at least 35 days", StringComparison.Ordinal));
        Assert.Equal(ComplianceStatus.Compliant, offline.Find("prod_audit", AuditControlRules.PlanMinFrequencyAndMinRetention)!.Status);
        var drift = Assert.Single(live.Drift, d => d.Control == AuditControlRules.PlanMinFrequencyAndMinRetention);
        Assert.Equal((ComplianceStatus.Compliant, ComplianceStatus.NonCompliant), (drift.OfflineStatus, drift.LiveStatus));
        Assert.Contains("plan prod: rule daily retention 35 days declared, 7 days live", drift.DriftedObjects);
    }

    [Fact]
    public async Task Copies_that_stopped_fail_the_cross_Region_control_per_resource()
    {
        await using var account = await StartAsync();
        await account.AdvanceDaysAsync(2, copies: true);

        // Someone raises the DR vault's lock minimum to 60 days: copies kept 35 days are refused from now on.
        await account.DrClient.PutBackupVaultLockConfigurationAsync(new PutBackupVaultLockConfigurationInput { BackupVaultName = "dr", MinRetentionDays = 60 });
        await account.AdvanceDaysAsync(2, copies: false);

        var live = await account.Audit().EvaluateAsync(account.Posture, Inventory);

        var crossRegion = live.Find("prod_audit", AuditControlRules.ResourcesProtectedByCrossRegion)!;
        Assert.Equal(ComplianceStatus.NonCompliant, crossRegion.Status);
        Assert.Equal([Customers, Orders], crossRegion.Findings.Select(f => f.ObjectId).Order(StringComparer.Ordinal));
        Assert.All(crossRegion.Findings, f => Assert.Matches(
            "^its recovery point of 2027-03-0\\d 05:00 UTC has no completed copy in Region us-west-2 after 24 hours; the last copy there is of 2027-03-02 05:00 UTC: copies stopped$", f.Reason));
        var drift = Assert.Single(live.Drift);
        Assert.Equal(AuditControlRules.ResourcesProtectedByCrossRegion, drift.Control);
        Assert.StartsWith("no declared object changed", Assert.Single(drift.DriftedObjects), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_last_recovery_point_too_old_fails_the_RPO_control_and_the_missing_selection_is_named()
    {
        await using var account = await StartAsync();
        await account.AdvanceDaysAsync(1, copies: true);
        await DeleteSelectionsAsync(account.Client);
        await account.AdvanceDaysAsync(2, copies: true);

        var live = await account.Audit().EvaluateAsync(account.Posture, Inventory);

        var rpo = live.Find("prod_audit", AuditControlRules.LastRecoveryPointCreated)!;
        Assert.Equal(ComplianceStatus.NonCompliant, rpo.Status);
        Assert.Contains(rpo.Findings, f => f.ObjectId == Orders &&
            f.Reason == "its last recovery point was created 2027-03-01 05:00 UTC, 67 hours ago; the control allows 1 day");
        var coverage = live.Find("prod_audit", AuditControlRules.ResourcesProtectedByBackupPlan)!;
        Assert.Equal([Customers, Orders], coverage.Findings.Select(f => f.ObjectId).Order(StringComparer.Ordinal));
        Assert.Contains(live.Drift, d => d.Control == AuditControlRules.ResourcesProtectedByBackupPlan && d.DriftedObjects.Contains("plan prod: 1 selection(s) declared, 0 live"));
    }

    [Fact]
    public async Task A_restore_time_over_target_fails_the_RTO_control_live_and_is_not_evaluated_offline()
    {
        await using var account = await StartAsync(DeclarePosture(maxRestoreTime: TimeSpan.FromMinutes(5)));
        await account.AdvanceDaysAsync(1, copies: true);
        await account.RestoreAsync(Orders);

        var live = await account.Audit().EvaluateAsync(account.Posture, Inventory);
        var offline = PostureAudit.Evaluate(account.Posture, Inventory, timeProvider: account.Clock);

        var rto = live.Find("prod_audit", AuditControlRules.RestoreTimeMeetsTarget)!;
        Assert.Equal(ComplianceStatus.NonCompliant, rto.Status);
        var finding = Assert.Single(rto.Findings);
        Assert.Equal(Orders, finding.ObjectId);
        Assert.EndsWith("took 10 minutes; the target is 5 minutes", finding.Reason, StringComparison.Ordinal);
        Assert.Equal(ComplianceStatus.NotEvaluated, offline.Find("prod_audit", AuditControlRules.RestoreTimeMeetsTarget)!.Status);
        Assert.Empty(live.Drift);
    }

    [Fact]
    public async Task A_verification_history_counts_for_restore_time_and_stale_verification_is_its_own_finding()
    {
        await using var account = await StartAsync();
        await account.AdvanceDaysAsync(1, copies: true);
        var history = new History([new RestoreVerificationRecord(Customers, account.Clock.GetUtcNow().AddDays(-60), TimeSpan.FromHours(13), Succeeded: true)]);

        var live = await account.Audit(history).EvaluateAsync(account.Posture, Inventory);

        var rto = live.Find("prod_audit", AuditControlRules.RestoreTimeMeetsTarget)!;
        Assert.Equal(Customers, Assert.Single(rto.Findings).ObjectId);
        var stale = Assert.Single(live.Observations);
        Assert.Equal(("STALE_RESTORE_VERIFICATION", Customers), (stale.Control, stale.ObjectId));
        Assert.Contains("more than 35 days ago", stale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calls_are_counted_and_match_what_the_emulator_received()
    {
        await using var account = await StartAsync();
        await account.AdvanceDaysAsync(1, copies: true);
        string[] operations =
        [
            "ListBackupVaults", "GetBackupVaultAccessPolicy", "ListBackupPlans", "GetBackupPlan", "ListBackupSelections", "GetBackupSelection",
            "ListRecoveryPointsByBackupVault", "ListCopyJobs", "ListRestoreJobs",
        ];
        var before = operations.Sum(account.Emulator.Faults.RequestCount);

        var live = await account.Audit().EvaluateAsync(account.Posture, Inventory);

        // One vault, one plan with one selection: one call of each; none per resource.
        Assert.Equal(operations.Order(StringComparer.Ordinal), live.ApiCallsByOperation.Keys.Order(StringComparer.Ordinal));
        Assert.All(live.ApiCallsByOperation, c => Assert.Equal(1, c.Value));
        Assert.Equal(9, live.ApiCalls);
        Assert.Equal(live.ApiCalls, operations.Sum(account.Emulator.Faults.RequestCount) - before);
    }

    private static async Task ShortenDailyRetentionAsync(IBackupClient client, long days)
    {
        var plan = (await client.ListBackupPlansAsync(new ListBackupPlansInput())).BackupPlansList!.Single(p => p.BackupPlanName == "prod");
        var live = await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = plan.BackupPlanId });
        var rules = live.BackupPlan!.Rules!.Select(r => new BackupRuleInput
        {
            RuleName = r.RuleName,
            TargetBackupVaultName = r.TargetBackupVaultName,
            ScheduleExpression = r.ScheduleExpression,
            ScheduleExpressionTimezone = r.ScheduleExpressionTimezone,
            StartWindowMinutes = r.StartWindowMinutes,
            CompletionWindowMinutes = r.CompletionWindowMinutes,
            Lifecycle = new BackupKit.Wire.Lifecycle { DeleteAfterDays = days },
            CopyActions = r.CopyActions,
        });
        await client.UpdateBackupPlanAsync(new UpdateBackupPlanInput { BackupPlanId = plan.BackupPlanId, BackupPlan = new BackupPlanInput { BackupPlanName = "prod", Rules = [.. rules] } });
    }

    private static async Task DeleteSelectionsAsync(IBackupClient client)
    {
        var plan = (await client.ListBackupPlansAsync(new ListBackupPlansInput())).BackupPlansList!.Single(p => p.BackupPlanName == "prod");
        foreach (var selection in (await client.ListBackupSelectionsAsync(new ListBackupSelectionsInput { BackupPlanId = plan.BackupPlanId })).BackupSelectionsList!)
        {
            await client.DeleteBackupSelectionAsync(new DeleteBackupSelectionInput { BackupPlanId = plan.BackupPlanId, SelectionId = selection.SelectionId });
        }
    }

    private sealed class History(IReadOnlyList<RestoreVerificationRecord> records) : IRestoreVerificationHistory
    {
        public async IAsyncEnumerable<RestoreVerificationRecord> ReadAsync(DateTimeOffset since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var record in records.Where(r => r.CompletedAt >= since))
            {
                yield return record;
            }
        }
    }
}
