using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Resilience;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Reconcile;

/// <summary>Apply and drift of AWS Backup Audit Manager frameworks and report plans, against the emulator with its clock moved.</summary>
public sealed class AuditApplyTests : IAsyncLifetime
{
    private static readonly string[] s_auditWrites =
    [
        "CreateFramework", "UpdateFramework", "DeleteFramework", "CreateReportPlan", "UpdateReportPlan", "DeleteReportPlan", "TagResource", "UntagResource",
    ];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private BackupEmulator _emulator = null!;
    private BackupClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = _clock });
        _client = new BackupClient(
            new BackupClientOptions { ServiceUrl = _emulator.Endpoint, Region = TestCredentials.Region, Credentials = TestCredentials.Basic, Resilience = TestCredentials.FastResilience() },
            null,
            _clock,
            new RetryQuotaRegistry());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    internal static BackupPosture Posture(int requiredRetentionDays = 35, string bucket = "audit-reports", string template = "CONTROL_COMPLIANCE_REPORT") =>
        BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)))
                .Select("tagged", s => s.WhereTag("backup", "prod")))
            .AddFramework("prod_audit", f => f
                .Describe("What the prod plan promises")
                .Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromDays(1), Days(requiredRetentionDays)))
                .Require(AuditControl.RecoveryPointEncrypted().ForResourceTypes("DynamoDB"))
                .Tag("team", "platform"))
            .AddReportPlan("prod_compliance", r => (template == "CONTROL_COMPLIANCE_REPORT" ? r.ControlCompliance("prod_audit") : r.ResourceCompliance("prod_audit"))
                .DeliverTo(bucket, "backup", "JSON")
                .Tag("team", "platform"))
            .AddReportPlan("prod_jobs", r => r.Jobs("BACKUP_JOB_REPORT").DeliverTo("audit-reports"))
            .Build();

    [Fact]
    public async Task Frameworks_and_report_plans_are_created_and_a_second_apply_writes_nothing()
    {
        var applier = new PostureApplier(_client, timeProvider: _clock);

        var first = await applier.ApplyAsync(Posture());
        var writes = AuditWrites();
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = await applier.ApplyAsync(Posture());

        var framework = Assert.Single(first.Created, c => c.Kind == PostureObjectKind.Framework);
        Assert.Equal(2, first.Created.Count(c => c.Kind == PostureObjectKind.ReportPlan));
        Assert.StartsWith("arn:aws:backup:us-east-1:", framework.Arn, StringComparison.Ordinal);
        var described = await _client.DescribeFrameworkAsync(new DescribeFrameworkInput { FrameworkName = "prod_audit" });
        Assert.Equal(2, described.FrameworkControls!.Count);
        Assert.Contains(described.FrameworkControls, c => c.ControlName == "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"
            && c.ControlInputParameters!.Any(p => p.ParameterName == "requiredRetentionDays" && p.ParameterValue == "35"));
        Assert.Equal(["DynamoDB"], described.FrameworkControls.Single(c => c.ControlName == "BACKUP_RECOVERY_POINT_ENCRYPTED").ControlScope!.ComplianceResourceTypes!);
        var report = (await _client.DescribeReportPlanAsync(new DescribeReportPlanInput { ReportPlanName = "prod_compliance" })).ReportPlan!;
        Assert.Equal([framework.Arn!], report.ReportSetting!.FrameworkArns!);
        Assert.Equal(["JSON"], report.ReportDeliveryChannel!.Formats!);

        Assert.False(second.HasChanges);
        Assert.Equal(writes, AuditWrites());
        Assert.Contains(second.Unchanged, c => c.Kind == PostureObjectKind.Framework && c.Name == "prod_audit");
        Assert.Equal(2, second.Unchanged.Count(c => c.Kind == PostureObjectKind.ReportPlan));
        Assert.False((await applier.DetectDriftAsync(Posture())).HasDrift);
    }

    [Fact]
    public async Task A_control_and_tags_changed_in_the_console_are_drift_and_apply_restores_them()
    {
        var applier = new PostureApplier(_client, timeProvider: _clock);
        await applier.ApplyAsync(Posture());
        _clock.Advance(TimeSpan.FromMinutes(5));
        var arn = (await _client.DescribeFrameworkAsync(new DescribeFrameworkInput { FrameworkName = "prod_audit" })).FrameworkArn!;
        await _client.UpdateFrameworkAsync(new UpdateFrameworkInput
        {
            FrameworkName = "prod_audit",
            FrameworkControls =
            [
                new FrameworkControl
                {
                    ControlName = "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
                    ControlInputParameters =
                    [
                        new ControlInputParameter { ParameterName = "requiredFrequencyUnit", ParameterValue = "days" },
                        new ControlInputParameter { ParameterName = "requiredFrequencyValue", ParameterValue = "1" },
                        new ControlInputParameter { ParameterName = "requiredRetentionDays", ParameterValue = "7" },
                    ],
                },
                new FrameworkControl { ControlName = "BACKUP_RECOVERY_POINT_ENCRYPTED", ControlScope = new ControlScope { ComplianceResourceTypes = ["DynamoDB"] } },
            ],
        });
        await _client.TagResourceAsync(new TagResourceInput { ResourceArn = arn, Tags = new() { ["owner"] = "console" } });
        _clock.Advance(TimeSpan.FromMinutes(5));

        var drift = await applier.DetectDriftAsync(Posture());

        var change = Assert.Single(drift.Drift);
        Assert.Equal(PostureObjectKind.Framework, change.Kind);
        Assert.Equal(ChangeAction.Update, change.Action);
        var control = Assert.Single(change.Differences, d => d.Property == "controls[BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK]");
        Assert.Contains("requiredRetentionDays=7", control.Live, StringComparison.Ordinal);
        Assert.Contains("requiredRetentionDays=35", control.Declared, StringComparison.Ordinal);
        Assert.Contains(change.Differences, d => d.Property == "tags" && d.Live!.Contains("owner=console", StringComparison.Ordinal));
        Assert.Contains("framework prod_audit: differs", drift.ToString(), StringComparison.Ordinal);

        var applied = await applier.ApplyAsync(Posture());

        Assert.Equal(["UpdateFramework", "UntagResource"], Assert.Single(applied.Updated).Requests.Select(r => r.Operation).ToArray());
        var restored = await _client.DescribeFrameworkAsync(new DescribeFrameworkInput { FrameworkName = "prod_audit" });
        Assert.Contains(restored.FrameworkControls!.Single(c => c.ControlName == "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK").ControlInputParameters!,
            p => p.ParameterName == "requiredRetentionDays" && p.ParameterValue == "35");
        Assert.False((await _client.ListTagsAsync(new ListTagsInput { ResourceArn = arn })).Tags!.ContainsKey("owner"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False((await applier.DetectDriftAsync(Posture())).HasDrift);
    }

    [Fact]
    public async Task A_report_plan_moved_to_another_bucket_is_updated_and_a_template_change_replaces_it()
    {
        var applier = new PostureApplier(_client, timeProvider: _clock);
        await applier.ApplyAsync(Posture());
        _clock.Advance(TimeSpan.FromMinutes(5));

        var moved = await applier.ApplyAsync(Posture(bucket: "audit-archive"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var replaced = await applier.ApplyAsync(Posture(bucket: "audit-archive", template: "RESOURCE_COMPLIANCE_REPORT"));

        var update = Assert.Single(moved.Updated);
        Assert.Equal(PostureObjectKind.ReportPlan, update.Kind);
        Assert.Contains(update.Differences, d => d.Property == "s3BucketName" && d.Live == "audit-reports" && d.Declared == "audit-archive");
        var replace = Assert.Single(replaced.Replaced);
        Assert.Equal("prod_compliance", replace.Name);
        var report = (await _client.DescribeReportPlanAsync(new DescribeReportPlanInput { ReportPlanName = "prod_compliance" })).ReportPlan!;
        Assert.Equal("RESOURCE_COMPLIANCE_REPORT", report.ReportSetting!.ReportTemplate);
        Assert.Equal("audit-archive", report.ReportDeliveryChannel!.S3BucketName);
    }

    [Fact]
    public async Task A_change_while_the_framework_still_deploys_is_blocked_until_the_deployment_completes()
    {
        var applier = new PostureApplier(_client, timeProvider: _clock);
        await applier.ApplyAsync(Posture());

        var plan = await applier.PlanAsync(Posture(requiredRetentionDays: 30));
        var refused = await Assert.ThrowsAsync<PostureApplyException>(() => applier.ApplyAsync(Posture(requiredRetentionDays: 30)));
        _clock.Advance(TimeSpan.FromMinutes(3));
        var applied = await applier.ApplyAsync(Posture(requiredRetentionDays: 30));

        Assert.True(plan.IsBlocked);
        Assert.Contains("CREATE_IN_PROGRESS", Assert.Single(plan.Changes, c => c.Action == ChangeAction.Blocked).Warning, StringComparison.Ordinal);
        Assert.Contains("framework prod_audit", refused.Message, StringComparison.Ordinal);
        Assert.Equal("prod_audit", Assert.Single(applied.Updated).Name);
    }

    [Fact]
    public async Task A_reviewed_plan_is_refused_when_the_framework_moved_since_it_was_read()
    {
        var applier = new PostureApplier(_client, timeProvider: _clock);
        await applier.ApplyAsync(Posture());
        _clock.Advance(TimeSpan.FromMinutes(5));
        var reviewed = await applier.PlanAsync(Posture(requiredRetentionDays: 30));
        await _client.UpdateFrameworkAsync(new UpdateFrameworkInput { FrameworkName = "prod_audit", FrameworkDescription = "edited in the console" });
        var writes = AuditWrites();

        var refused = await Assert.ThrowsAsync<PostureConflictException>(() => applier.ApplyAsync(reviewed));

        Assert.Contains(refused.Objects, o => o.StartsWith("framework prod_audit", StringComparison.Ordinal) && o.Contains("edited in the console", StringComparison.Ordinal));
        Assert.Equal(writes, AuditWrites());
        var update = Assert.Single(reviewed.Changes, c => c.Kind == PostureObjectKind.Framework);
        Assert.Equal("UpdateFramework", Assert.Single(update.Requests).Operation);
        Assert.NotNull(update.Basis);
    }

    [Fact]
    public async Task Undeclared_frameworks_and_report_plans_are_reported_and_deleted_only_when_opted_in_report_plans_first()
    {
        await new PostureApplier(_client, timeProvider: _clock).ApplyAsync(Posture());
        var legacy = await _client.CreateFrameworkAsync(new CreateFrameworkInput
        {
            FrameworkName = "legacy",
            FrameworkControls = [new FrameworkControl { ControlName = "BACKUP_RECOVERY_POINT_ENCRYPTED" }],
        });
        await _client.CreateReportPlanAsync(new CreateReportPlanInput
        {
            ReportPlanName = "legacy_report",
            ReportDeliveryChannel = new ReportDeliveryChannel { S3BucketName = "old-reports" },
            ReportSetting = new ReportSetting { ReportTemplate = "CONTROL_COMPLIANCE_REPORT", FrameworkArns = [legacy.FrameworkArn!] },
        });
        _clock.Advance(TimeSpan.FromMinutes(5));

        var kept = await new PostureApplier(_client, timeProvider: _clock).ApplyAsync(Posture());
        var deleted = await new PostureApplier(_client, new PostureApplyOptions { DeleteUndeclared = true }, timeProvider: _clock).ApplyAsync(Posture());

        Assert.False(kept.HasChanges);
        Assert.Contains(kept.Changes, c => c.Kind == PostureObjectKind.Framework && c.Name == "legacy" && c.Action == ChangeAction.Undeclared);
        Assert.Equal(
            [(PostureObjectKind.ReportPlan, "legacy_report"), (PostureObjectKind.Framework, "legacy")],
            deleted.Deleted.Select(c => (c.Kind, c.Name)).ToArray());
        var frameworks = await _client.ListFrameworksAsync(new ListFrameworksInput());
        Assert.Equal(["prod_audit"], frameworks.Frameworks!.Select(f => f.FrameworkName!).ToArray());
    }

    [Fact]
    public async Task A_posture_without_frameworks_or_report_plans_makes_no_audit_call()
    {
        var posture = BackupPosture.Create().AddVault("primary").Build();

        await new PostureApplier(_client, new PostureApplyOptions { DeleteUndeclared = true }, timeProvider: _clock).ApplyAsync(posture);

        Assert.Equal(0, _emulator.Faults.RequestCount("ListFrameworks") + _emulator.Faults.RequestCount("ListReportPlans"));
    }

    private int AuditWrites() => s_auditWrites.Sum(_emulator.Faults.RequestCount);
}
