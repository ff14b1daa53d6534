using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Export;

/// <summary>CloudFormation export of vaults, plans, selections and restore testing (audit resources: <c>PostureExport.Audit.cs</c>).</summary>
public static partial class PostureExport
{
    /// <summary>
    /// Renders the posture as a CloudFormation template: one <c>AWS::Backup::BackupVault</c> per vault (with
    /// <c>LockConfiguration</c>, <c>AccessPolicy</c> and <c>Notifications</c>), one <c>AWS::Backup::BackupPlan</c> per
    /// plan and one <c>AWS::Backup::BackupSelection</c> per selection, plus <c>AWS::Backup::RestoreTestingPlan</c> and
    /// <c>AWS::Backup::RestoreTestingSelection</c> for restore testing, and <c>AWS::Backup::Framework</c> and
    /// <c>AWS::Backup::ReportPlan</c> for AWS Backup Audit Manager (a report plan names the template's frameworks with
    /// <c>Fn::GetAtt</c> of their <c>FrameworkArn</c>). Rules reference their vaults with <c>Ref</c> and
    /// selections their plan, so CloudFormation creates vaults before plans and plans before selections. The default
    /// service role is written with <c>Fn::Sub</c> over <c>AWS::Partition</c> and <c>AWS::AccountId</c>, so the
    /// template deploys to any account (for example through StackSets).
    /// </summary>
    /// <param name="posture">The posture.</param>
    /// <param name="description">The template description, or <see langword="null"/> for a generated one.</param>
    /// <returns>The template JSON.</returns>
    /// <exception cref="NotSupportedException">A vault's access policy is not valid JSON.</exception>
    public static string ToCloudFormationTemplate(BackupPosture posture, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(posture);
        var ids = new LogicalIds();
        var vaultIds = posture.Vaults.ToDictionary(v => v.Name, v => ids.Next("Vault", v.Name), StringComparer.Ordinal);
        var planIds = posture.Plans.ToDictionary(p => p.Name, p => ids.Next("Plan", p.Name), StringComparer.Ordinal);
        var frameworkIds = posture.Frameworks.ToDictionary(f => f.Name, f => ids.Next("Framework", f.Name), StringComparer.Ordinal);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("AWSTemplateFormatVersion", "2010-09-09");
            w.WriteString("Description", description ?? "AWS Backup posture exported by BackupKit");
            w.WriteStartObject("Resources");
            foreach (var vault in posture.Vaults)
            {
                WriteCloudFormationVault(w, vaultIds[vault.Name], vault);
            }

            foreach (var plan in posture.Plans)
            {
                WriteCloudFormationPlan(w, planIds[plan.Name], plan, vaultIds);
                foreach (var selection in plan.Selections)
                {
                    WriteCloudFormationSelection(w, ids.Next("Selection", plan.Name + "-" + selection.Name), planIds[plan.Name], selection);
                }
            }

            foreach (var restorePlan in posture.RestoreTestingPlans)
            {
                var restorePlanId = ids.Next("RestoreTestingPlan", restorePlan.Name);
                WriteCloudFormationRestoreTestingPlan(w, restorePlanId, restorePlan);
                foreach (var selection in restorePlan.Selections)
                {
                    WriteCloudFormationRestoreTestingSelection(w, ids.Next("RestoreTestingSelection", restorePlan.Name + "-" + selection.Name), restorePlanId, restorePlan.Name, selection);
                }
            }

            WriteCloudFormationAudit(w, posture, frameworkIds, ids);

            w.WriteEndObject();
            w.WriteStartObject("Outputs");
            foreach (var vault in posture.Vaults)
            {
                w.WriteStartObject(vaultIds[vault.Name] + "Arn");
                w.WriteStartObject("Value");
                w.WriteStartArray("Fn::GetAtt");
                w.WriteStringValue(vaultIds[vault.Name]);
                w.WriteStringValue("BackupVaultArn");
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            foreach (var plan in posture.Plans)
            {
                w.WriteStartObject(planIds[plan.Name] + "Id");
                w.WriteStartObject("Value");
                w.WriteString("Ref", planIds[plan.Name]);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            foreach (var framework in posture.Frameworks)
            {
                w.WriteStartObject(frameworkIds[framework.Name] + "Arn");
                w.WriteStartObject("Value");
                w.WriteStartArray("Fn::GetAtt");
                w.WriteStringValue(frameworkIds[framework.Name]);
                w.WriteStringValue("FrameworkArn");
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteCloudFormationVault(Utf8JsonWriter w, string logicalId, BackupVault vault)
    {
        w.WriteStartObject(logicalId);
        w.WriteString("Type", vault.IsLogicallyAirGapped ? "AWS::Backup::LogicallyAirGappedBackupVault" : "AWS::Backup::BackupVault");
        w.WriteString("DeletionPolicy", "Retain");
        w.WriteString("UpdateReplacePolicy", "Retain");
        w.WriteStartObject("Properties");
        w.WriteString("BackupVaultName", vault.Name);
        if (vault.LogicallyAirGapped is { } airGapped)
        {
            // An air-gapped vault's retention range is its own (it has no separate lock configuration).
            w.WriteNumber("MinRetentionDays", airGapped.MinRetention.TotalDays);
            w.WriteNumber("MaxRetentionDays", airGapped.MaxRetention.TotalDays);
        }

        if (vault.EncryptionKeyArn is { } key)
        {
            w.WriteString("EncryptionKeyArn", key);
        }

        if (vault.AccessPolicy is { } policy)
        {
            // CloudFormation takes the policy as a JSON object, not a string.
            w.WritePropertyName("AccessPolicy");
            try
            {
                using var document = JsonDocument.Parse(policy);
                document.RootElement.WriteTo(w);
            }
            catch (JsonException ex)
            {
                throw new NotSupportedException($"The access policy of vault '{vault.Name}' is not valid JSON, so it cannot be written into the template: {ex.Message}", ex);
            }
        }

        if (vault.Notifications is { } notifications)
        {
            w.WriteStartObject("Notifications");
            w.WriteString("SNSTopicArn", notifications.SnsTopicArn);
            WriteStrings(w, "BackupVaultEvents", notifications.Events);
            w.WriteEndObject();
        }

        if (vault.Lock is { } vaultLock)
        {
            w.WriteStartObject("LockConfiguration");

            // CloudFormation requires MinRetentionDays although the API does not; 1 day is the smallest value AWS accepts.
            w.WriteNumber("MinRetentionDays", vaultLock.MinRetention?.TotalDays ?? 1);
            if (vaultLock.MaxRetention is { } max)
            {
                w.WriteNumber("MaxRetentionDays", max.TotalDays);
            }

            if (vaultLock.ChangeableFor is { } changeable)
            {
                w.WriteNumber("ChangeableForDays", changeable.TotalDays);
            }

            w.WriteEndObject();
        }

        WriteStringMap(w, "BackupVaultTags", vault.Tags);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCloudFormationPlan(Utf8JsonWriter w, string logicalId, M.BackupPlan plan, Dictionary<string, string> vaultIds)
    {
        w.WriteStartObject(logicalId);
        w.WriteString("Type", "AWS::Backup::BackupPlan");
        var dependsOn = plan.Rules.Select(r => r.TargetVaultName).Where(vaultIds.ContainsKey).Select(n => vaultIds[n]).Distinct(StringComparer.Ordinal).ToList();
        if (dependsOn.Count > 0)
        {
            // Ref already orders creation; DependsOn also keeps the vaults until the plan is deleted.
            WriteStrings(w, "DependsOn", dependsOn);
        }

        w.WriteStartObject("Properties");
        w.WriteStartObject("BackupPlan");
        w.WriteString("BackupPlanName", plan.Name);
        w.WriteStartArray("BackupPlanRule");
        foreach (var rule in plan.Rules)
        {
            w.WriteStartObject();
            w.WriteString("RuleName", rule.Name);
            if (vaultIds.TryGetValue(rule.TargetVaultName, out var vaultId))
            {
                w.WriteStartObject("TargetBackupVault");
                w.WriteString("Ref", vaultId);
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("TargetBackupVault", rule.TargetVaultName);
            }

            if (rule.TargetLogicallyAirGappedVaultArn is { } airGapped)
            {
                w.WriteString("TargetLogicallyAirGappedBackupVaultArn", airGapped);
            }

            if (rule.Schedule is { } schedule)
            {
                w.WriteString("ScheduleExpression", schedule.CronExpression);
                if (schedule.TimeZone is { } zone)
                {
                    w.WriteString("ScheduleExpressionTimezone", zone);
                }
            }

            WriteMinutes(w, "StartWindowMinutes", rule.StartWindow);
            WriteMinutes(w, "CompletionWindowMinutes", rule.CompletionWindow);
            WriteCloudFormationLifecycle(w, rule.Lifecycle);
            if (!rule.CopyActions.IsEmpty)
            {
                w.WriteStartArray("CopyActions");
                foreach (var copy in rule.CopyActions)
                {
                    w.WriteStartObject();
                    w.WriteString("DestinationBackupVaultArn", copy.DestinationVaultArn);
                    WriteCloudFormationLifecycle(w, copy.Lifecycle);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (rule.ContinuousBackup)
            {
                w.WriteBoolean("EnableContinuousBackup", true);
            }

            WriteStringMap(w, "RecoveryPointTags", rule.RecoveryPointTags);
            if (!rule.IndexActions.IsEmpty)
            {
                w.WriteStartArray("IndexActions");
                foreach (var index in rule.IndexActions)
                {
                    w.WriteStartObject();
                    WriteStrings(w, "ResourceTypes", index.ResourceTypes);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (!plan.AdvancedBackupSettings.IsEmpty)
        {
            w.WriteStartArray("AdvancedBackupSettings");
            foreach (var setting in plan.AdvancedBackupSettings)
            {
                w.WriteStartObject();
                w.WriteString("ResourceType", setting.ResourceType);
                WriteStringMap(w, "BackupOptions", setting.Options);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        WriteStringMap(w, "BackupPlanTags", plan.Tags);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCloudFormationLifecycle(Utf8JsonWriter w, M.Lifecycle? lifecycle)
    {
        if (lifecycle is null)
        {
            return;
        }

        w.WriteStartObject("Lifecycle");
        if (lifecycle.DeleteAfter is { } delete)
        {
            w.WriteNumber("DeleteAfterDays", delete.TotalDays);
        }

        if (lifecycle.MoveToColdStorageAfter is { } cold)
        {
            w.WriteNumber("MoveToColdStorageAfterDays", cold.TotalDays);
        }

        if (lifecycle.OptInToArchiveForSupportedResources)
        {
            w.WriteBoolean("OptInToArchiveForSupportedResources", true);
        }

        w.WriteEndObject();
    }

    private static void WriteCloudFormationSelection(Utf8JsonWriter w, string logicalId, string planId, M.BackupSelection selection)
    {
        w.WriteStartObject(logicalId);
        w.WriteString("Type", "AWS::Backup::BackupSelection");
        w.WriteStartObject("Properties");
        w.WriteStartObject("BackupPlanId");
        w.WriteString("Ref", planId);
        w.WriteEndObject();
        w.WriteStartObject("BackupSelection");
        w.WriteString("SelectionName", selection.Name);
        WriteRole(w, selection.IamRole);

        if (!selection.Resources.IsEmpty)
        {
            WriteStrings(w, "Resources", selection.Resources);
        }

        if (!selection.NotResources.IsEmpty)
        {
            WriteStrings(w, "NotResources", selection.NotResources);
        }

        if (!selection.ListOfTags.IsEmpty)
        {
            w.WriteStartArray("ListOfTags");
            foreach (var tag in selection.ListOfTags)
            {
                w.WriteStartObject();
                w.WriteString("ConditionType", ConditionType.STRINGEQUALS.Value);
                w.WriteString("ConditionKey", tag.Key);
                w.WriteString("ConditionValue", tag.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (selection.Conditions.Count > 0)
        {
            w.WriteStartObject("Conditions");
            WriteConditionList(w, "StringEquals", selection.Conditions.StringEquals);
            WriteConditionList(w, "StringNotEquals", selection.Conditions.StringNotEquals);
            WriteConditionList(w, "StringLike", selection.Conditions.StringLike);
            WriteConditionList(w, "StringNotLike", selection.Conditions.StringNotLike);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteConditionList(Utf8JsonWriter w, string name, ValueList<TagCondition> conditions)
    {
        if (conditions.IsEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var condition in conditions)
        {
            w.WriteStartObject();
            w.WriteString("ConditionKey", PostureMapping.ResourceTagPrefix + condition.Key);
            w.WriteString("ConditionValue", condition.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCloudFormationRestoreTestingPlan(Utf8JsonWriter w, string logicalId, RestoreTestingPlan plan)
    {
        w.WriteStartObject(logicalId);
        w.WriteString("Type", "AWS::Backup::RestoreTestingPlan");
        w.WriteStartObject("Properties");
        w.WriteString("RestoreTestingPlanName", plan.Name);
        w.WriteString("ScheduleExpression", plan.Schedule.CronExpression);
        if (plan.Schedule.TimeZone is { } zone)
        {
            w.WriteString("ScheduleExpressionTimezone", zone);
        }

        if (plan.StartWindow is { } start)
        {
            w.WriteNumber("StartWindowHours", (long)Math.Round(start.TotalHours));
        }

        var selection = plan.RecoveryPointSelection;
        w.WriteStartObject("RecoveryPointSelection");
        w.WriteString("Algorithm", selection.Algorithm == RestoreTestingAlgorithm.RandomWithinWindow ? "RANDOM_WITHIN_WINDOW" : "LATEST_WITHIN_WINDOW");
        WriteStrings(w, "IncludeVaults", selection.IncludeVaults);
        WriteStrings(w, "RecoveryPointTypes", selection.RecoveryPointTypes.Select(t => t == M.RestoreTestingRecoveryPointType.Continuous ? "CONTINUOUS" : "SNAPSHOT"));
        if (!selection.ExcludeVaults.IsEmpty)
        {
            WriteStrings(w, "ExcludeVaults", selection.ExcludeVaults);
        }

        if (selection.SelectionWindow is { } window)
        {
            w.WriteNumber("SelectionWindowDays", window.TotalDays);
        }

        w.WriteEndObject();
        if (!plan.Tags.IsEmpty)
        {
            // Tags are a list of Key/Value pairs here, unlike the map of the other AWS::Backup types.
            w.WriteStartArray("Tags");
            foreach (var (key, value) in plan.Tags)
            {
                w.WriteStartObject();
                w.WriteString("Key", key);
                w.WriteString("Value", value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCloudFormationRestoreTestingSelection(Utf8JsonWriter w, string logicalId, string planLogicalId, string planName, RestoreTestingSelection selection)
    {
        w.WriteStartObject(logicalId);
        w.WriteString("Type", "AWS::Backup::RestoreTestingSelection");
        WriteStrings(w, "DependsOn", [planLogicalId]);
        w.WriteStartObject("Properties");
        w.WriteString("RestoreTestingPlanName", planName);
        w.WriteString("RestoreTestingSelectionName", selection.Name);
        w.WriteString("ProtectedResourceType", selection.ProtectedResourceType);
        WriteRole(w, selection.IamRole);
        if (!selection.ProtectedResourceArns.IsEmpty)
        {
            WriteStrings(w, "ProtectedResourceArns", selection.ProtectedResourceArns);
        }

        if (selection.Conditions.Count > 0)
        {
            w.WriteStartObject("ProtectedResourceConditions");
            WriteKeyValues(w, "StringEquals", selection.Conditions.StringEquals);
            WriteKeyValues(w, "StringNotEquals", selection.Conditions.StringNotEquals);
            w.WriteEndObject();
        }

        WriteStringMap(w, "RestoreMetadataOverrides", selection.RestoreMetadataOverrides);
        if (selection.ValidationWindow is { } validation)
        {
            w.WriteNumber("ValidationWindowHours", (long)Math.Round(validation.TotalHours));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteKeyValues(Utf8JsonWriter w, string name, ValueList<TagCondition> conditions)
    {
        if (conditions.IsEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var condition in conditions)
        {
            w.WriteStartObject();
            w.WriteString("Key", condition.Key);
            w.WriteString("Value", condition.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteRole(Utf8JsonWriter w, IamRoleReference role)
    {
        if (role.Arn is { } roleArn)
        {
            w.WriteString("IamRoleArn", roleArn);
            return;
        }

        w.WriteStartObject("IamRoleArn");
        w.WriteString("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/" + IamRoleReference.DefaultServiceRoleName);
        w.WriteEndObject();
    }
}
