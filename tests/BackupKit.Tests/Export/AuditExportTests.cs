using System.Text.Json;
using BackupKit.Export;
using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Export;

/// <summary>CloudFormation export of AWS::Backup::Framework and AWS::Backup::ReportPlan, with the resource specs' property names.</summary>
public sealed class AuditExportTests
{
    private static BackupPosture Posture() => BackupPosture.Create()
        .AddVault("primary")
        .AddPlan("prod", p => p.AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35))).Select("tagged", s => s.WhereTag("backup", "prod")))
        .AddFramework("prod_audit", f => f
            .Describe("What the prod plan promises")
            .Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromDays(1), Days(35)))
            .Require(AuditControl.RecoveryPointEncrypted().ForResourceTypes("RDS", "DynamoDB"))
            .Require(AuditControl.LastRecoveryPointCreated(TimeSpan.FromHours(26)).ForTag("backup", "prod"))
            .Require(AuditControl.RecoveryPointMinimumRetention(Days(35)).ForResource("DynamoDB", "orders"))
            .Tag("team", "platform"))
        .AddReportPlan("prod_compliance", r => r
            .ControlCompliance("prod_audit")
            .DeliverTo("audit-reports", "backup", "CSV", "JSON")
            .InRegions("us-east-1")
            .Describe("Daily compliance")
            .Tag("team", "platform"))
        .AddReportPlan("org_jobs", r => r.Jobs("BACKUP_JOB_REPORT").DeliverTo("audit-reports").ForAccounts("111122223333").ForOrganizationalUnits("ou-ab12-cdef3456"))
        .Build();

    [Fact]
    public void Frameworks_are_exported_with_their_controls_parameters_scopes_and_tags()
    {
        using var template = JsonDocument.Parse(PostureExport.ToCloudFormationTemplate(Posture()));
        var resources = template.RootElement.GetProperty("Resources");

        var framework = resources.GetProperty("FrameworkProdAudit");
        Assert.Equal("AWS::Backup::Framework", framework.GetProperty("Type").GetString());
        var properties = framework.GetProperty("Properties");
        Assert.Equal(["FrameworkName", "FrameworkDescription", "FrameworkControls", "FrameworkTags"], properties.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("prod_audit", properties.GetProperty("FrameworkName").GetString());
        var controls = properties.GetProperty("FrameworkControls").EnumerateArray().ToList();
        Assert.Equal(4, controls.Count);
        var frequency = controls[0];
        Assert.Equal("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", frequency.GetProperty("ControlName").GetString());
        Assert.Equal(
            ["requiredFrequencyUnit=days", "requiredFrequencyValue=1", "requiredRetentionDays=35"],
            frequency.GetProperty("ControlInputParameters").EnumerateArray().Select(p => p.GetProperty("ParameterName").GetString() + "=" + p.GetProperty("ParameterValue").GetString()).ToArray());
        Assert.False(frequency.TryGetProperty("ControlScope", out _));
        Assert.False(controls[1].TryGetProperty("ControlInputParameters", out _));
        Assert.Equal(["RDS", "DynamoDB"], controls[1].GetProperty("ControlScope").GetProperty("ComplianceResourceTypes").EnumerateArray().Select(t => t.GetString()!).ToArray());
        var tagScope = Assert.Single(controls[2].GetProperty("ControlScope").GetProperty("Tags").EnumerateArray());
        Assert.Equal(("backup", "prod"), (tagScope.GetProperty("Key").GetString(), tagScope.GetProperty("Value").GetString()));
        Assert.Contains(controls[2].GetProperty("ControlInputParameters").EnumerateArray(), p => p.GetProperty("ParameterValue").GetString() == "26");
        var idScope = controls[3].GetProperty("ControlScope");
        Assert.Equal("orders", Assert.Single(idScope.GetProperty("ComplianceResourceIds").EnumerateArray()).GetString());
        Assert.Equal("DynamoDB", Assert.Single(idScope.GetProperty("ComplianceResourceTypes").EnumerateArray()).GetString());
        var tag = Assert.Single(properties.GetProperty("FrameworkTags").EnumerateArray());
        Assert.Equal("platform", tag.GetProperty("Value").GetString());
        Assert.Equal(["FrameworkProdAudit", "FrameworkArn"], template.RootElement.GetProperty("Outputs").GetProperty("FrameworkProdAuditArn").GetProperty("Value").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public void Report_plans_name_the_frameworks_of_the_same_template_by_GetAtt()
    {
        using var template = JsonDocument.Parse(PostureExport.ToCloudFormationTemplate(Posture()));
        var resources = template.RootElement.GetProperty("Resources");

        var compliance = resources.GetProperty("ReportPlanProdCompliance");
        Assert.Equal("AWS::Backup::ReportPlan", compliance.GetProperty("Type").GetString());
        var properties = compliance.GetProperty("Properties");
        Assert.Equal(["ReportPlanName", "ReportPlanDescription", "ReportDeliveryChannel", "ReportSetting", "ReportPlanTags"], properties.EnumerateObject().Select(p => p.Name).ToArray());
        var channel = properties.GetProperty("ReportDeliveryChannel");
        Assert.Equal("audit-reports", channel.GetProperty("S3BucketName").GetString());
        Assert.Equal("backup", channel.GetProperty("S3KeyPrefix").GetString());
        Assert.Equal(["CSV", "JSON"], channel.GetProperty("Formats").EnumerateArray().Select(f => f.GetString()!).ToArray());
        var setting = properties.GetProperty("ReportSetting");
        Assert.Equal("CONTROL_COMPLIANCE_REPORT", setting.GetProperty("ReportTemplate").GetString());
        var reference = Assert.Single(setting.GetProperty("FrameworkArns").EnumerateArray());
        Assert.Equal(["FrameworkProdAudit", "FrameworkArn"], reference.GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("us-east-1", Assert.Single(setting.GetProperty("Regions").EnumerateArray()).GetString());

        var jobs = resources.GetProperty("ReportPlanOrgJobs").GetProperty("Properties");
        var jobSetting = jobs.GetProperty("ReportSetting");
        Assert.Equal(["ReportTemplate", "Accounts", "OrganizationUnits"], jobSetting.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("ou-ab12-cdef3456", Assert.Single(jobSetting.GetProperty("OrganizationUnits").EnumerateArray()).GetString());
        Assert.False(jobs.GetProperty("ReportDeliveryChannel").TryGetProperty("Formats", out _));
        Assert.False(jobs.TryGetProperty("ReportPlanTags", out _));
    }

    [Fact]
    public void A_posture_without_audit_objects_exports_no_audit_resource()
    {
        var json = PostureExport.ToCloudFormationTemplate(BackupPosture.Create().AddVault("primary").Build());

        Assert.DoesNotContain("AWS::Backup::Framework", json, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS::Backup::ReportPlan", json, StringComparison.Ordinal);
    }
}
