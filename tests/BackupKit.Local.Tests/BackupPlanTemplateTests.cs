using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class BackupPlanTemplateTests : EmulatorTest
{
    [Fact]
    public async Task Templates_are_listed_and_read_as_plans()
    {
        var list = await CallAsync(BackupOperations.ListBackupPlanTemplates, new ListBackupPlanTemplatesInput());
        var daily = await CallAsync(BackupOperations.GetBackupPlanFromTemplate, new GetBackupPlanFromTemplateInput { BackupPlanTemplateId = "87c0c1ef-254d-4180-8fef-2e76a2c38aaa" });
        var missing = await ErrorAsync(BackupOperations.GetBackupPlanFromTemplate, new GetBackupPlanFromTemplateInput { BackupPlanTemplateId = "nope" });
        var firstPage = await CallAsync(BackupOperations.ListBackupPlanTemplates, new ListBackupPlanTemplatesInput { MaxResults = 3 });
        var secondPage = await CallAsync(BackupOperations.ListBackupPlanTemplates, new ListBackupPlanTemplatesInput { MaxResults = 3, NextToken = firstPage.NextToken });

        Assert.Equal(
            ["Daily-35day-Retention", "Daily-Monthly-1yr-Retention", "Daily-Weekly-Monthly-5yr-Retention", "Daily-Weekly-Monthly-7yr-Retention"],
            list.BackupPlanTemplatesList!.Select(t => t.BackupPlanTemplateName));
        var rule = Assert.Single(daily.BackupPlanDocument!.Rules!);
        Assert.Equal("DailyBackups", rule.RuleName);
        Assert.Equal("cron(0 5 ? * * *)", rule.ScheduleExpression);
        Assert.Equal(480, rule.StartWindowMinutes);
        Assert.Equal(35, rule.Lifecycle!.DeleteAfterDays);
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
        Assert.Equal(4, firstPage.BackupPlanTemplatesList!.Count + secondPage.BackupPlanTemplatesList!.Count);
        Assert.Null(secondPage.NextToken);
    }

    [Fact]
    public async Task An_exported_plan_reads_back_from_JSON_into_the_same_plan()
    {
        var plan = await CreatePlanAsync("exported");

        var exported = await CallAsync(BackupOperations.ExportBackupPlanTemplate, new ExportBackupPlanTemplateInput { BackupPlanId = plan.BackupPlanId });
        var read = await CallAsync(BackupOperations.GetBackupPlanFromJSON, new GetBackupPlanFromJSONInput { BackupPlanTemplateJson = exported.BackupPlanTemplateJson });
        var missing = await ErrorAsync(BackupOperations.ExportBackupPlanTemplate, new ExportBackupPlanTemplateInput { BackupPlanId = "00000000-0000-0000-0000-000000000000" });

        Assert.DoesNotContain("RuleId", exported.BackupPlanTemplateJson, StringComparison.Ordinal);
        Assert.Equal("exported", read.BackupPlan!.BackupPlanName);
        var rule = Assert.Single(read.BackupPlan.Rules!);
        Assert.Equal("daily", rule.RuleName);
        Assert.Equal("primary", rule.TargetBackupVaultName);
        Assert.Equal(35, rule.Lifecycle!.DeleteAfterDays);
        Assert.Equal("cron(0 5 ? * * *)", rule.ScheduleExpression);
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
    }

    [Theory]
    [InlineData("not json", "InvalidRequestException")]
    [InlineData("{\"Rules\":[{\"RuleName\":\"r\",\"TargetBackupVaultName\":\"v\"}]}", "MissingParameterValueException")]
    [InlineData("{\"BackupPlanName\":\"p\",\"Rules\":[{\"RuleName\":\"r\",\"TargetBackupVaultName\":\"v\",\"ScheduleExpression\":\"rate(1 hour)\"}]}", "InvalidParameterValueException")]
    [InlineData("{\"BackupPlanName\":\"p\",\"Rules\":[{\"RuleName\":\"r\",\"TargetBackupVaultName\":\"v\",\"Lifecycle\":{\"MoveToColdStorageAfterDays\":30,\"DeleteAfterDays\":60}}]}", "InvalidParameterValueException")]
    [InlineData("{\"BackupPlanName\":\"p\",\"Rules\":[{\"RuleName\":\"bad name\",\"TargetBackupVaultName\":\"v\"}]}", "InvalidParameterValueException")]
    public async Task Plan_documents_are_checked_as_CreateBackupPlan_checks_them(string json, string error)
    {
        var refused = await ErrorAsync(BackupOperations.GetBackupPlanFromJSON, new GetBackupPlanFromJSONInput { BackupPlanTemplateJson = json });

        Assert.Equal(error, refused.ErrorType);
    }
}
