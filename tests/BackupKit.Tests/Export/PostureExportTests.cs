using System.Text;
using System.Text.Json;
using BackupKit.Export;
using BackupKit.Local.Protocol;
using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Tests.Mapping;
using BackupKit.Wire;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Export;

public sealed class PostureExportTests
{
    private static BackupPosture Posture() => BackupPosture.Create()
        .AddVault("primary", v => v
            .EncryptWith("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            .DenyRecoveryPointDeletion()
            .NotifyTo("arn:aws:sns:us-east-1:111122223333:alerts", BackupVaultEvents.BackupJobFailed)
            .Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Days(7)).MaxRetention(Days(400)))
            .Tag("team", "platform"))
        .AddPlan("prod", p => p
            .AddRule("daily", r => r
                .Daily()
                .InVault("primary")
                .StartWithin(TimeSpan.FromHours(1))
                .CompleteWithin(TimeSpan.FromHours(8))
                .DeleteAfter(Days(35))
                .TagRecoveryPoints("tier", "daily")
                .CopyTo("arn:aws:backup:us-west-2:111122223333:backup-vault:dr", c => c.MoveToColdStorageAfter(Days(30)).DeleteAfter(Days(365))))
            .AddRule("pitr", r => r.Hourly().InVault("primary").EnableContinuousBackup().DeleteAfter(Days(14)))
            .WindowsVss()
            .Select("tagged", s => s.WhereTag("backup", "prod").WhereTag("backup", "gold"))
            .Select("all-but-scratch", s => s.AllResources().RequireTag("env", "prod").ExcludeTagLike("name", "*-tmp").Except("arn:aws:s3:::scratch"))
            .Tag("cost-center", "42"))
        .Build();

    [Fact]
    public void The_plan_json_is_read_back_by_the_generated_wire_reader_as_the_same_plan()
    {
        var plan = PostureMappingTests.RichPosture().FindPlan("rich")!;

        var json = PostureExport.ToBackupPlanJson(plan);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var document = ServerJson.ReadBackupPlanInput(ref reader);

        Assert.Equal(plan with { Selections = default, Tags = default }, PostureMapping.ToModel(document));
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal("rich", parsed.RootElement.GetProperty("BackupPlanName").GetString());
        Assert.Equal(3, parsed.RootElement.GetProperty("Rules").GetArrayLength());
        Assert.Contains('\n', json);
    }

    [Fact]
    public void The_plan_json_passes_the_service_model_validation_of_create_backup_plan()
    {
        var json = PostureExport.ToBackupPlanJson(Posture().FindPlan("prod")!);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var errors = new ModelValidationErrors();

        ServerOperations.CreateBackupPlan.Validate(new CreateBackupPlanInput { BackupPlan = ServerJson.ReadBackupPlanInput(ref reader) }, errors);

        Assert.True(errors.IsEmpty, string.Join("; ", errors.Errors));
        using var parsed = JsonDocument.Parse(json);
        var rule = parsed.RootElement.GetProperty("Rules")[0];
        Assert.Equal("daily", rule.GetProperty("RuleName").GetString());
        Assert.Equal("primary", rule.GetProperty("TargetBackupVaultName").GetString());
        Assert.Equal(60, rule.GetProperty("StartWindowMinutes").GetInt64());
        Assert.Equal(35, rule.GetProperty("Lifecycle").GetProperty("DeleteAfterDays").GetInt64());
        Assert.False(rule.GetProperty("Lifecycle").TryGetProperty("MoveToColdStorageAfterDays", out _));
    }

    [Fact]
    public void The_cloudformation_template_uses_the_documented_resource_types_and_property_names()
    {
        using var template = JsonDocument.Parse(PostureExport.ToCloudFormationTemplate(Posture()));
        var resources = template.RootElement.GetProperty("Resources");

        var vault = resources.GetProperty("VaultPrimary");
        Assert.Equal("AWS::Backup::BackupVault", vault.GetProperty("Type").GetString());
        var vaultProperties = vault.GetProperty("Properties");
        Assert.Equal("primary", vaultProperties.GetProperty("BackupVaultName").GetString());
        Assert.StartsWith("arn:aws:kms:", vaultProperties.GetProperty("EncryptionKeyArn").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, vaultProperties.GetProperty("AccessPolicy").ValueKind);
        Assert.Equal("arn:aws:sns:us-east-1:111122223333:alerts", vaultProperties.GetProperty("Notifications").GetProperty("SNSTopicArn").GetString());
        Assert.Equal("BACKUP_JOB_FAILED", vaultProperties.GetProperty("Notifications").GetProperty("BackupVaultEvents")[0].GetString());
        var lockConfiguration = vaultProperties.GetProperty("LockConfiguration");
        Assert.Equal(7, lockConfiguration.GetProperty("MinRetentionDays").GetInt64());
        Assert.Equal(400, lockConfiguration.GetProperty("MaxRetentionDays").GetInt64());
        Assert.Equal(3, lockConfiguration.GetProperty("ChangeableForDays").GetInt64());
        Assert.Equal("platform", vaultProperties.GetProperty("BackupVaultTags").GetProperty("team").GetString());

        var plan = resources.GetProperty("PlanProd");
        Assert.Equal("AWS::Backup::BackupPlan", plan.GetProperty("Type").GetString());
        Assert.Equal("VaultPrimary", plan.GetProperty("DependsOn")[0].GetString());
        var document = plan.GetProperty("Properties").GetProperty("BackupPlan");
        Assert.Equal("prod", document.GetProperty("BackupPlanName").GetString());
        var rule = document.GetProperty("BackupPlanRule")[0];
        Assert.Equal("daily", rule.GetProperty("RuleName").GetString());
        Assert.Equal("VaultPrimary", rule.GetProperty("TargetBackupVault").GetProperty("Ref").GetString());
        Assert.Equal("cron(0 5 ? * * *)", rule.GetProperty("ScheduleExpression").GetString());
        Assert.Equal(60, rule.GetProperty("StartWindowMinutes").GetInt64());
        Assert.Equal(480, rule.GetProperty("CompletionWindowMinutes").GetInt64());
        Assert.Equal(35, rule.GetProperty("Lifecycle").GetProperty("DeleteAfterDays").GetInt64());
        var copy = rule.GetProperty("CopyActions")[0];
        Assert.Equal("arn:aws:backup:us-west-2:111122223333:backup-vault:dr", copy.GetProperty("DestinationBackupVaultArn").GetString());
        Assert.Equal(30, copy.GetProperty("Lifecycle").GetProperty("MoveToColdStorageAfterDays").GetInt64());
        Assert.Equal("daily", rule.GetProperty("RecoveryPointTags").GetProperty("tier").GetString());
        Assert.True(document.GetProperty("BackupPlanRule")[1].GetProperty("EnableContinuousBackup").GetBoolean());
        Assert.Equal("EC2", document.GetProperty("AdvancedBackupSettings")[0].GetProperty("ResourceType").GetString());
        Assert.Equal("enabled", document.GetProperty("AdvancedBackupSettings")[0].GetProperty("BackupOptions").GetProperty("WindowsVSS").GetString());
        Assert.Equal("42", plan.GetProperty("Properties").GetProperty("BackupPlanTags").GetProperty("cost-center").GetString());

        var tagged = resources.GetProperty("SelectionProdTagged");
        Assert.Equal("AWS::Backup::BackupSelection", tagged.GetProperty("Type").GetString());
        Assert.Equal("PlanProd", tagged.GetProperty("Properties").GetProperty("BackupPlanId").GetProperty("Ref").GetString());
        var taggedSelection = tagged.GetProperty("Properties").GetProperty("BackupSelection");
        Assert.Equal("tagged", taggedSelection.GetProperty("SelectionName").GetString());
        Assert.Equal(
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/AWSBackupDefaultServiceRole",
            taggedSelection.GetProperty("IamRoleArn").GetProperty("Fn::Sub").GetString());
        var tag = taggedSelection.GetProperty("ListOfTags")[1];
        Assert.Equal("STRINGEQUALS", tag.GetProperty("ConditionType").GetString());
        Assert.Equal("backup", tag.GetProperty("ConditionKey").GetString());
        Assert.Equal("gold", tag.GetProperty("ConditionValue").GetString());

        var all = resources.GetProperty("SelectionProdAllButScratch").GetProperty("Properties").GetProperty("BackupSelection");
        Assert.Equal("*", all.GetProperty("Resources")[0].GetString());
        Assert.Equal("arn:aws:s3:::scratch", all.GetProperty("NotResources")[0].GetString());
        Assert.Equal("aws:ResourceTag/env", all.GetProperty("Conditions").GetProperty("StringEquals")[0].GetProperty("ConditionKey").GetString());
        Assert.Equal("*-tmp", all.GetProperty("Conditions").GetProperty("StringNotLike")[0].GetProperty("ConditionValue").GetString());
    }

    [Fact]
    public void The_organizations_policy_uses_assign_operators_and_the_documented_keys()
    {
        using var policy = JsonDocument.Parse(PostureExport.ToOrganizationsBackupPolicy(Posture(), ["us-east-1", "eu-west-1"]));
        var plan = policy.RootElement.GetProperty("plans").GetProperty("prod");

        Assert.Equal("eu-west-1", plan.GetProperty("regions").GetProperty("@@assign")[1].GetString());
        var rule = plan.GetProperty("rules").GetProperty("daily");
        Assert.Equal("cron(0 5 ? * * *)", rule.GetProperty("schedule_expression").GetProperty("@@assign").GetString());
        Assert.Equal("primary", rule.GetProperty("target_backup_vault_name").GetProperty("@@assign").GetString());
        Assert.Equal("60", rule.GetProperty("start_backup_window_minutes").GetProperty("@@assign").GetString());
        Assert.Equal("480", rule.GetProperty("complete_backup_window_minutes").GetProperty("@@assign").GetString());
        Assert.Equal("35", rule.GetProperty("lifecycle").GetProperty("delete_after_days").GetProperty("@@assign").GetString());
        var copy = rule.GetProperty("copy_actions").GetProperty("arn:aws:backup:us-west-2:111122223333:backup-vault:dr");
        Assert.Equal("arn:aws:backup:us-west-2:111122223333:backup-vault:dr", copy.GetProperty("target_backup_vault_arn").GetProperty("@@assign").GetString());
        Assert.Equal("30", copy.GetProperty("lifecycle").GetProperty("move_to_cold_storage_after_days").GetProperty("@@assign").GetString());
        Assert.Equal("365", copy.GetProperty("lifecycle").GetProperty("delete_after_days").GetProperty("@@assign").GetString());
        Assert.Equal("daily", rule.GetProperty("recovery_point_tags").GetProperty("tier").GetProperty("tag_value").GetProperty("@@assign").GetString());
        Assert.Equal("true", plan.GetProperty("rules").GetProperty("pitr").GetProperty("enable_continuous_backup").GetProperty("@@assign").GetString());

        // The plan also needs the resources form, so the tag tests become resources selections (one per value, OR-ed).
        Assert.False(plan.GetProperty("selections").TryGetProperty("tags", out _));
        foreach (var value in new[] { "prod", "gold" })
        {
            var tagged = plan.GetProperty("selections").GetProperty("resources").GetProperty("tagged-" + value);
            Assert.Equal("arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole", tagged.GetProperty("iam_role_arn").GetProperty("@@assign").GetString());
            Assert.Equal("*", tagged.GetProperty("resource_types").GetProperty("@@assign")[0].GetString());
            var test = tagged.GetProperty("conditions").GetProperty("string_equals").GetProperty("backup");
            Assert.Equal("aws:ResourceTag/backup", test.GetProperty("condition_key").GetProperty("@@assign").GetString());
            Assert.Equal(value, test.GetProperty("condition_value").GetProperty("@@assign").GetString());
        }

        var resources = plan.GetProperty("selections").GetProperty("resources").GetProperty("all-but-scratch");
        Assert.Equal("*", resources.GetProperty("resource_types").GetProperty("@@assign")[0].GetString());
        Assert.Equal("arn:aws:s3:::scratch", resources.GetProperty("not_resource_types").GetProperty("@@assign")[0].GetString());
        var condition = resources.GetProperty("conditions").GetProperty("string_equals").GetProperty("env");
        Assert.Equal("aws:ResourceTag/env", condition.GetProperty("condition_key").GetProperty("@@assign").GetString());
        Assert.Equal("prod", condition.GetProperty("condition_value").GetProperty("@@assign").GetString());
        Assert.True(resources.GetProperty("conditions").GetProperty("string_not_like").TryGetProperty("name", out _));

        Assert.Equal("enabled", plan.GetProperty("advanced_backup_settings").GetProperty("ec2").GetProperty("windows_vss").GetProperty("@@assign").GetString());
        Assert.Equal("42", plan.GetProperty("backup_plan_tags").GetProperty("cost-center").GetProperty("tag_value").GetProperty("@@assign").GetString());
    }

    [Fact]
    public void A_single_tag_selection_with_exclusions_exports_in_the_resources_form_with_the_same_meaning()
    {
        var posture = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)))
                .Select("tagged", s => s.WhereTag("backup", "prod").Except("arn:aws:s3:::scratch")))
            .Build();

        using var policy = JsonDocument.Parse(PostureExport.ToOrganizationsBackupPolicy(posture, ["us-east-1"]));
        var selection = policy.RootElement.GetProperty("plans").GetProperty("prod").GetProperty("selections").GetProperty("resources").GetProperty("tagged");

        Assert.Equal("*", selection.GetProperty("resource_types").GetProperty("@@assign")[0].GetString());
        Assert.Equal("arn:aws:s3:::scratch", selection.GetProperty("not_resource_types").GetProperty("@@assign")[0].GetString());
        Assert.Equal("prod", selection.GetProperty("conditions").GetProperty("string_equals").GetProperty("backup").GetProperty("condition_value").GetProperty("@@assign").GetString());
    }

    [Fact]
    public void A_schedule_in_a_time_zone_exports_its_time_zone_to_an_organizations_policy()
    {
        var posture = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("prod", p => p.AddRule("daily", r => r.Daily().InTimeZone("Europe/Paris").InVault("primary").DeleteAfter(Days(35))))
            .Build();

        using var policy = JsonDocument.Parse(PostureExport.ToOrganizationsBackupPolicy(posture, ["us-east-1"]));
        var rule = policy.RootElement.GetProperty("plans").GetProperty("prod").GetProperty("rules").GetProperty("daily");

        Assert.Equal("Europe/Paris", rule.GetProperty("schedule_expression_timezone").GetProperty("@@assign").GetString());
        Assert.Throws<ArgumentException>(() => PostureExport.ToOrganizationsBackupPolicy(posture, []));
    }

    [Fact]
    public void A_schedule_in_utc_writes_no_time_zone()
    {
        using var policy = JsonDocument.Parse(PostureExport.ToOrganizationsBackupPolicy(Posture(), ["us-east-1"]));

        Assert.False(policy.RootElement.GetProperty("plans").GetProperty("prod").GetProperty("rules").GetProperty("daily").TryGetProperty("schedule_expression_timezone", out _));
    }

    [Fact]
    public void Restore_testing_plans_export_as_their_cloudformation_types()
    {
        using var template = JsonDocument.Parse(PostureExport.ToCloudFormationTemplate(Reconcile.RestoreTestingApplyTests.Posture()));
        var resources = template.RootElement.GetProperty("Resources");

        var plan = resources.GetProperty("RestoreTestingPlanWeeklyDrill");
        Assert.Equal("AWS::Backup::RestoreTestingPlan", plan.GetProperty("Type").GetString());
        var properties = plan.GetProperty("Properties");
        Assert.Equal("weekly_drill", properties.GetProperty("RestoreTestingPlanName").GetString());
        Assert.Equal("cron(0 5 ? * MON *)", properties.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("LATEST_WITHIN_WINDOW", properties.GetProperty("RecoveryPointSelection").GetProperty("Algorithm").GetString());
        Assert.Equal("*", properties.GetProperty("RecoveryPointSelection").GetProperty("IncludeVaults")[0].GetString());
        Assert.Equal("SNAPSHOT", properties.GetProperty("RecoveryPointSelection").GetProperty("RecoveryPointTypes")[0].GetString());
        Assert.Equal("team", properties.GetProperty("Tags")[0].GetProperty("Key").GetString());

        var selection = resources.GetProperty("RestoreTestingSelectionWeeklyDrillTables");
        Assert.Equal("AWS::Backup::RestoreTestingSelection", selection.GetProperty("Type").GetString());
        Assert.Equal("RestoreTestingPlanWeeklyDrill", selection.GetProperty("DependsOn")[0].GetString());
        var selectionProperties = selection.GetProperty("Properties");
        Assert.Equal("weekly_drill", selectionProperties.GetProperty("RestoreTestingPlanName").GetString());
        Assert.Equal("DynamoDB", selectionProperties.GetProperty("ProtectedResourceType").GetString());
        Assert.Equal("env", selectionProperties.GetProperty("ProtectedResourceConditions").GetProperty("StringEquals")[0].GetProperty("Key").GetString());
        Assert.Equal(2, selectionProperties.GetProperty("ValidationWindowHours").GetInt32());
    }

    [Fact]
    public void Exports_are_deterministic()
    {
        Assert.Equal(PostureExport.ToCloudFormationTemplate(Posture()), PostureExport.ToCloudFormationTemplate(Posture()));
        Assert.Equal(PostureExport.ToOrganizationsBackupPolicy(Posture(), ["us-east-1"]), PostureExport.ToOrganizationsBackupPolicy(Posture(), ["us-east-1"]));
        Assert.Equal(PostureExport.ToBackupPlanJson(Posture().FindPlan("prod")!), PostureExport.ToBackupPlanJson(Posture().FindPlan("prod")!));
    }
}
