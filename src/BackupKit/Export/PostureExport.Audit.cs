using System.Text.Json;
using BackupKit.Model;

namespace BackupKit.Export;

/// <summary>CloudFormation export of AWS Backup Audit Manager frameworks and report plans.</summary>
public static partial class PostureExport
{
    /// <summary>
    /// Writes one <c>AWS::Backup::Framework</c> per framework and one <c>AWS::Backup::ReportPlan</c> per report plan.
    /// A compliance report plan names the posture's frameworks with <c>Fn::GetAtt</c> of their <c>FrameworkArn</c>, so
    /// CloudFormation creates the frameworks first and passes their ARNs.
    /// </summary>
    private static void WriteCloudFormationAudit(Utf8JsonWriter w, BackupPosture posture, IReadOnlyDictionary<string, string> frameworkIds, LogicalIds ids)
    {
        foreach (var framework in posture.Frameworks)
        {
            WriteCloudFormationFramework(w, frameworkIds[framework.Name], framework);
        }

        foreach (var report in posture.ReportPlans)
        {
            WriteCloudFormationReportPlan(w, ids.Next("ReportPlan", report.Name), report, frameworkIds);
        }
    }

    private static void WriteCloudFormationFramework(Utf8JsonWriter w, string logicalId, AuditFramework framework)
    {
        w.WriteStartObject(logicalId);
        w.WriteString("Type", "AWS::Backup::Framework");
        w.WriteStartObject("Properties");
        w.WriteString("FrameworkName", framework.Name);
        if (framework.Description is { } description)
        {
            w.WriteString("FrameworkDescription", description);
        }

        w.WriteStartArray("FrameworkControls");
        foreach (var control in framework.Controls)
        {
            w.WriteStartObject();
            w.WriteString("ControlName", control.Name);
            if (!control.Parameters.IsEmpty)
            {
                w.WriteStartArray("ControlInputParameters");
                foreach (var (name, value) in control.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    w.WriteString("ParameterName", name);
                    w.WriteString("ParameterValue", value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (!control.Scope.IsAll)
            {
                w.WriteStartObject("ControlScope");
                if (!control.Scope.ResourceIds.IsEmpty)
                {
                    WriteStrings(w, "ComplianceResourceIds", control.Scope.ResourceIds);
                }

                if (!control.Scope.ResourceTypes.IsEmpty)
                {
                    WriteStrings(w, "ComplianceResourceTypes", control.Scope.ResourceTypes);
                }

                WriteTagList(w, "Tags", control.Scope.Tags);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteTagList(w, "FrameworkTags", framework.Tags);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCloudFormationReportPlan(Utf8JsonWriter w, string logicalId, AuditReportPlan report, IReadOnlyDictionary<string, string> frameworkIds)
    {
        w.WriteStartObject(logicalId);
        w.WriteString("Type", "AWS::Backup::ReportPlan");
        w.WriteStartObject("Properties");
        w.WriteString("ReportPlanName", report.Name);
        if (report.Description is { } description)
        {
            w.WriteString("ReportPlanDescription", description);
        }

        w.WriteStartObject("ReportDeliveryChannel");
        w.WriteString("S3BucketName", report.S3BucketName);
        if (!string.IsNullOrEmpty(report.S3KeyPrefix))
        {
            w.WriteString("S3KeyPrefix", report.S3KeyPrefix);
        }

        if (!report.Formats.IsEmpty)
        {
            WriteStrings(w, "Formats", report.Formats);
        }

        w.WriteEndObject();
        w.WriteStartObject("ReportSetting");
        w.WriteString("ReportTemplate", report.Template);
        if (!report.Frameworks.IsEmpty)
        {
            w.WriteStartArray("FrameworkArns");
            foreach (var name in report.Frameworks)
            {
                if (frameworkIds.TryGetValue(name, out var frameworkId))
                {
                    w.WriteStartObject();
                    w.WriteStartArray("Fn::GetAtt");
                    w.WriteStringValue(frameworkId);
                    w.WriteStringValue("FrameworkArn");
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                else
                {
                    // Not in this template: the name is taken to be an ARN deployed elsewhere.
                    w.WriteStringValue(name);
                }
            }

            w.WriteEndArray();
        }

        if (!report.Accounts.IsEmpty)
        {
            WriteStrings(w, "Accounts", report.Accounts);
        }

        if (!report.OrganizationUnits.IsEmpty)
        {
            WriteStrings(w, "OrganizationUnits", report.OrganizationUnits);
        }

        if (!report.Regions.IsEmpty)
        {
            WriteStrings(w, "Regions", report.Regions);
        }

        w.WriteEndObject();
        WriteTagList(w, "ReportPlanTags", report.Tags);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // Audit Manager resources take tags as a list of Key/Value pairs, unlike the map of vaults and plans.
    private static void WriteTagList(Utf8JsonWriter w, string name, ValueMap<string> tags)
    {
        if (tags.IsEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("Key", key);
            w.WriteString("Value", value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
