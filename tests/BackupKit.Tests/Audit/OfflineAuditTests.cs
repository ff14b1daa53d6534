using BackupKit.Audit;
using BackupKit.Building;
using BackupKit.Model;
using BackupKit.Rules;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Audit;

public sealed class OfflineAuditTests
{
    public static TheoryData<string> Presets => new(BackupPlanPreset.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Presets))]
    public void A_preset_plan_and_its_preset_framework_agree_by_construction(string name)
    {
        var preset = BackupPlanPreset.All.Single(p => p.Name == name);
        var posture = BackupPosture.Create()
            .AddVault("prod", v => v.Lock(VaultLock.Governance()))
            .AddPlan("p", p => p.ApplyPreset(preset, "prod"))
            .AddFramework(preset)
            .Build();

        var report = PostureAudit.Evaluate(posture);

        Assert.DoesNotContain(posture.Validate(), v => v.RuleId == RuleIds.PlanFailsFrameworkControl);
        Assert.All(report.Controls, c => Assert.Equal(ComplianceStatus.Compliant, c.Status));
        Assert.Equal(preset.AuditControls.Count, report.Controls.Count);
    }

    [Fact]
    public void A_weaker_plan_next_to_a_preset_framework_fails_Build_with_BK9101_and_the_reason()
    {
        var builder = BackupPosture.Create()
            .AddVault("prod", v => v.Lock(VaultLock.Governance()))
            .AddPlan("weekly", p => p.AddRule("r", r => r.InVault("prod").Weekly(DayOfWeek.Sunday).DeleteAfter(Days(7)).CopyTo(BackupKit.Tests.Posture.Arns.DrVault)))
            .AddFramework(BackupPlanPreset.Daily35DayRetention, "daily");

        var exception = Assert.Throws<BackupPostureValidationException>(builder.Build);

        var findings = exception.Violations.Where(v => v.RuleId == "BK9101").Select(v => v.Message).ToList();
        Assert.Contains("Backup plan 'weekly' fails control 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK' of framework 'daily': its most frequent rule backs up every 7 days; the control requires at least every 1 day", findings);
        Assert.Contains("Backup plan 'weekly' fails control 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK' of framework 'daily': rule 'r' creates recovery points kept 7 days; the control requires at least 35 days", findings);
    }

    [Fact]
    public void Recommendations_name_the_object_and_never_fail_the_build()
    {
        const string Orders = "arn:aws:rds:us-east-1:123456789012:db:orders";
        var posture = BackupPosture.Create()
            .AddVault("prod", v => v.Lock(VaultLock.Governance()))
            .AddPlan("db", p => p
                .AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Days(35)).CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr"))
                .Select("orders", s => s.Include(Orders)))
            .AddRestoreTestingPlan("weekly", t => t.Weekly(DayOfWeek.Sunday).LatestRecoveryPoint().FromAllVaults().Test("ebs", "EBS", s => s.AllProtectedResources()))
            .Build();

        var ids = posture.Validate().Select(v => (v.RuleId, v.Path)).ToList();

        Assert.Contains(("BK1004", "plans[db].selections"), ids);
        Assert.Contains(("BK1005", "plans[db].rules"), ids);
        Assert.Contains(("BK1006", "plans[db].selections[orders].resources"), ids);
        Assert.Contains(("BK1007", "plans[db].copyActions"), ids);
        Assert.Contains(("BK1008", "restoreTestingPlans[weekly].selections[ebs].validationWindow"), ids);
        Assert.All(posture.Validate().Where(v => v.RuleId.StartsWith("BK100", StringComparison.Ordinal)), v => Assert.Equal(ViolationSeverity.Warning, v.Severity));
    }

    [Fact]
    public void Reports_render_as_JSON_Markdown_and_JUnit_with_an_exit_code()
    {
        var posture = BackupPosture.Create()
            .AddVault("prod", v => v.Lock(VaultLock.Governance()))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("prod").Daily().DeleteAfter(Days(35)).CopyTo(BackupKit.Tests.Posture.Arns.DrVault)).Select("all", s => s.WhereTag("backup", "prod")))
            .AddFramework("f", f => f.Require(AuditControl.ResourcesProtectedByBackupPlan()).Require(AuditControl.RestoreTimeMeetsTarget(TimeSpan.FromHours(4))))
            .Build();
        InventoryResource[] inventory = [new("arn:aws:dynamodb:us-east-1:123456789012:table/scratch", new Dictionary<string, string>())];

        var report = PostureAudit.Evaluate(posture, inventory);

        Assert.Equal(1, report.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(AuditReportFormats.ToJson(report));
        Assert.Equal("backupkit.audit/1", json.RootElement.GetProperty("schemaVersion").GetString());
        Assert.Equal("NON_COMPLIANT", json.RootElement.GetProperty("controls")[0].GetProperty("status").GetString());
        Assert.Equal("NOT_EVALUATED", json.RootElement.GetProperty("controls")[1].GetProperty("status").GetString());
        Assert.Contains("| f | `BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN` | NON_COMPLIANT | 1 | 1 |", AuditReportFormats.ToMarkdown(report), StringComparison.Ordinal);
        var junit = System.Xml.Linq.XDocument.Parse(AuditReportFormats.ToJUnitXml(report));
        Assert.Equal("1", junit.Root!.Attribute("failures")!.Value);
        Assert.Single(junit.Descendants("skipped"));
    }
}
