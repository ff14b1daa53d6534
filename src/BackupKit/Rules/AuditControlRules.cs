// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupKit.Rules;

/// <summary>
/// The AWS Backup Audit Manager controls (their names, input parameters and ranges) and the rules of frameworks and
/// report plans (BK90xx): names, descriptions, parameters, scopes, quotas and report settings.
/// </summary>
internal static class AuditControlRules
{
    /// <summary>Resources are protected by a backup plan (no parameters).</summary>
    public const string ResourcesProtectedByBackupPlan = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN";

    /// <summary>Backup plans run at least as often and keep recovery points at least as long as required.</summary>
    public const string PlanMinFrequencyAndMinRetention = "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK";

    /// <summary>Vault access policies deny manual deletion of recovery points, except to listed principals.</summary>
    public const string RecoveryPointManualDeletionDisabled = "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED";

    /// <summary>Recovery points are encrypted (no parameters).</summary>
    public const string RecoveryPointEncrypted = "BACKUP_RECOVERY_POINT_ENCRYPTED";

    /// <summary>Recovery points are kept at least the required number of days.</summary>
    public const string RecoveryPointMinimumRetention = "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK";

    /// <summary>Resources have a copy in one of the listed Regions.</summary>
    public const string ResourcesProtectedByCrossRegion = "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION";

    /// <summary>Resources have a copy in one of the listed accounts.</summary>
    public const string ResourcesProtectedByCrossAccount = "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT";

    /// <summary>Resources are backed up into vaults locked within the given retention range.</summary>
    public const string ResourcesProtectedByVaultLock = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK";

    /// <summary>Resources have a recovery point no older than the given age (RPO).</summary>
    public const string LastRecoveryPointCreated = "BACKUP_LAST_RECOVERY_POINT_CREATED";

    /// <summary>Restores of resources complete within the target time (RTO).</summary>
    public const string RestoreTimeMeetsTarget = "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET";

    /// <summary>Resources have a recent recovery point in a logically air-gapped vault.</summary>
    public const string ResourcesInLogicallyAirGappedVault = "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT";

    /// <summary>The parameter <c>requiredFrequencyUnit</c> (<c>hours</c> or <c>days</c>).</summary>
    public const string RequiredFrequencyUnit = "requiredFrequencyUnit";

    /// <summary>The parameter <c>requiredFrequencyValue</c>.</summary>
    public const string RequiredFrequencyValue = "requiredFrequencyValue";

    /// <summary>The parameter <c>requiredRetentionDays</c>.</summary>
    public const string RequiredRetentionDays = "requiredRetentionDays";

    /// <summary>The parameter <c>principalArnList</c> (comma-separated IAM role ARNs allowed to delete).</summary>
    public const string PrincipalArnList = "principalArnList";

    /// <summary>The parameter <c>crossRegionList</c> (comma-separated Regions).</summary>
    public const string CrossRegionList = "crossRegionList";

    /// <summary>The parameter <c>crossAccountList</c> (comma-separated account ids).</summary>
    public const string CrossAccountList = "crossAccountList";

    /// <summary>The parameter <c>minRetentionDays</c>.</summary>
    public const string MinRetentionDays = "minRetentionDays";

    /// <summary>The parameter <c>maxRetentionDays</c>.</summary>
    public const string MaxRetentionDays = "maxRetentionDays";

    /// <summary>The parameter <c>recoveryPointAgeUnit</c> (<c>hours</c> or <c>days</c>).</summary>
    public const string RecoveryPointAgeUnit = "recoveryPointAgeUnit";

    /// <summary>The parameter <c>recoveryPointAgeValue</c>.</summary>
    public const string RecoveryPointAgeValue = "recoveryPointAgeValue";

    /// <summary>The parameter <c>maxRestoreTime</c> (minutes).</summary>
    public const string MaxRestoreTime = "maxRestoreTime";

    /// <summary>The quota of frameworks per account and Region (adjustable).</summary>
    public const int DefaultFrameworkQuota = 15;

    /// <summary>The quota of controls over all frameworks per account and Region (adjustable).</summary>
    public const int DefaultControlQuota = 50;

    /// <summary>The quota of report plans per account (adjustable).</summary>
    public const int DefaultReportPlanQuota = 20;

    private static readonly Regex s_name = new("^[a-zA-Z][_a-zA-Z0-9]{0,255}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_account = new("^[0-9]{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_region = new("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant);

    private static readonly string[] s_controls =
    [
        ResourcesProtectedByBackupPlan, PlanMinFrequencyAndMinRetention, RecoveryPointManualDeletionDisabled, RecoveryPointEncrypted,
        RecoveryPointMinimumRetention, ResourcesProtectedByCrossRegion, ResourcesProtectedByCrossAccount, ResourcesProtectedByVaultLock,
        LastRecoveryPointCreated, RestoreTimeMeetsTarget, ResourcesInLogicallyAirGappedVault,
    ];

    private static readonly string[] s_templates =
    [
        "RESOURCE_COMPLIANCE_REPORT", "CONTROL_COMPLIANCE_REPORT", "BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT", "SCAN_JOB_REPORT",
    ];

    /// <summary>Gets the names of every AWS Backup Audit Manager control.</summary>
    public static IReadOnlyList<string> ControlNames => s_controls;

    /// <summary>Gets the report templates AWS Backup Audit Manager knows.</summary>
    public static IReadOnlyList<string> ReportTemplates => s_templates;

    /// <summary>Gets the input parameters a control accepts (empty for controls without parameters).</summary>
    /// <param name="controlName">The control name.</param>
    /// <returns>The parameter names; empty for an unknown control.</returns>
    public static IReadOnlyList<string> ParametersOf(string controlName) => controlName switch
    {
        PlanMinFrequencyAndMinRetention => [RequiredFrequencyUnit, RequiredFrequencyValue, RequiredRetentionDays],
        RecoveryPointManualDeletionDisabled => [PrincipalArnList],
        RecoveryPointMinimumRetention => [RequiredRetentionDays],
        ResourcesProtectedByCrossRegion => [CrossRegionList],
        ResourcesProtectedByCrossAccount => [CrossAccountList],
        ResourcesProtectedByVaultLock => [MinRetentionDays, MaxRetentionDays],
        LastRecoveryPointCreated or ResourcesInLogicallyAirGappedVault => [RecoveryPointAgeUnit, RecoveryPointAgeValue],
        RestoreTimeMeetsTarget => [MaxRestoreTime],
        _ => [],
    };

    /// <summary>Checks a framework or report plan name (BK9001, BK9002).</summary>
    /// <param name="name">The name.</param>
    /// <param name="isReportPlan">Whether the name is a report plan's (else a framework's).</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckName(string? name, bool isReportPlan) =>
        name is not null && s_name.IsMatch(name)
            ? Violations.None
            : Violations.One(new RuleViolation(isReportPlan ? RuleCatalog.ReportPlanName : RuleCatalog.FrameworkName, string.Empty, name,
                "Use a letter followed by letters, digits or '_' (no hyphens), at most 256 characters, e.g. 'daily_35_day'.", name ?? "(null)"));

    /// <summary>Checks a framework or report plan description (BK9003): at most 1,024 characters, not only white space.</summary>
    /// <param name="kind">What is described, e.g. <c>framework</c>.</param>
    /// <param name="name">The object's name, for the message.</param>
    /// <param name="description">The description, or <see langword="null"/> when none.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckDescription(string kind, string name, string? description)
    {
        if (description is null || (description.Length <= 1024 && description.Trim().Length > 0))
        {
            return Violations.None;
        }

        return Violations.One(new RuleViolation(RuleCatalog.AuditDescription, "description", description,
            "Write a description of at most 1,024 characters, or leave it out.", kind, name));
    }

    /// <summary>
    /// Checks a control: a known name (BK9004), only its own parameters in their ranges (BK9005), and a valid scope (BK9006).
    /// </summary>
    /// <param name="controlName">The control name.</param>
    /// <param name="parameters">The input parameters (name and text value, as sent to AWS).</param>
    /// <param name="scopeResourceTypeCount">The number of resource types in the scope.</param>
    /// <param name="scopeResourceIdCount">The number of resource ids in the scope.</param>
    /// <param name="scopeTagCount">The number of tags in the scope.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckControl(
        string controlName,
        IEnumerable<KeyValuePair<string, string>> parameters,
        int scopeResourceTypeCount,
        int scopeResourceIdCount,
        int scopeTagCount)
    {
        if (Array.IndexOf(s_controls, controlName) < 0)
        {
            return Violations.One(new RuleViolation(RuleCatalog.UnknownControl, "name", controlName,
                "Use one of the AuditControl factory methods, which name the controls as AWS does.", controlName, string.Join(", ", s_controls)));
        }

        var violations = new List<RuleViolation>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var accepted = ParametersOf(controlName);
        foreach (var parameter in parameters)
        {
            if (!Contains(accepted, parameter.Key))
            {
                violations.Add(Parameter(controlName, parameter.Key, parameter.Value,
                    accepted.Count == 0 ? "the control takes no parameters" : "the control accepts only " + string.Join(", ", accepted)));
                continue;
            }

            values[parameter.Key] = parameter.Value;
        }

        switch (controlName)
        {
            case PlanMinFrequencyAndMinRetention:
                CheckUnitAndValue(violations, controlName, values, RequiredFrequencyUnit, RequiredFrequencyValue, maxHours: 24, maxDays: 31);
                CheckDays(violations, controlName, values, RequiredRetentionDays);
                break;
            case RecoveryPointMinimumRetention:
                CheckDays(violations, controlName, values, RequiredRetentionDays);
                break;
            case RecoveryPointManualDeletionDisabled:
                if (values.TryGetValue(PrincipalArnList, out var principals))
                {
                    var list = SplitList(principals);
                    if (list.Count > 5)
                    {
                        violations.Add(Parameter(controlName, PrincipalArnList, principals, $"{list.Count} principals are listed; AWS allows at most 5"));
                    }

                    foreach (var arn in list)
                    {
                        if (!Arns.IsIamPrincipal(arn))
                        {
                            violations.Add(Parameter(controlName, PrincipalArnList, arn, $"'{arn}' is not an IAM principal ARN"));
                        }
                    }
                }

                break;
            case ResourcesProtectedByCrossRegion:
                CheckList(violations, controlName, values, CrossRegionList, s_region, "a Region code such as us-west-2");
                break;
            case ResourcesProtectedByCrossAccount:
                CheckList(violations, controlName, values, CrossAccountList, s_account, "a 12-digit account id");
                break;
            case ResourcesProtectedByVaultLock:
                var min = CheckDays(violations, controlName, values, MinRetentionDays, required: false);
                var max = CheckDays(violations, controlName, values, MaxRetentionDays, required: false);
                if (min.HasValue && max.HasValue && min.Value > max.Value)
                {
                    violations.Add(Parameter(controlName, MinRetentionDays, values[MinRetentionDays], $"the minimum ({min.Value} days) is above the maximum ({max.Value} days)"));
                }

                break;
            case LastRecoveryPointCreated:
                CheckUnitAndValue(violations, controlName, values, RecoveryPointAgeUnit, RecoveryPointAgeValue, maxHours: 744, maxDays: 31);
                break;
            case ResourcesInLogicallyAirGappedVault:
                CheckUnitAndValue(violations, controlName, values, RecoveryPointAgeUnit, RecoveryPointAgeValue, maxHours: 2184, maxDays: 91);
                break;
            case RestoreTimeMeetsTarget:
                if (!values.TryGetValue(MaxRestoreTime, out var restore))
                {
                    violations.Add(Parameter(controlName, MaxRestoreTime, null, "the control requires a target restore time in minutes"));
                }
                else if (!TryPositive(restore, out _))
                {
                    violations.Add(Parameter(controlName, MaxRestoreTime, restore, "it must be a whole number of minutes of at least 1"));
                }

                break;
        }

        if (scopeTagCount > 1)
        {
            violations.Add(Scope(controlName, $"{scopeTagCount} tags are given; AWS scopes a control by one tag key and value"));
        }

        if (scopeResourceIdCount > 1)
        {
            violations.Add(Scope(controlName, $"{scopeResourceIdCount} resource ids are given; AWS scopes a control by one resource id"));
        }

        if (scopeResourceIdCount > 0 && scopeResourceTypeCount != 1)
        {
            violations.Add(Scope(controlName, "a resource id needs exactly one resource type beside it"));
        }

        return violations;
    }

    /// <summary>Checks the posture's counts of frameworks (BK9007), controls (BK9008) and report plans (BK9009) against the default quotas.</summary>
    /// <param name="frameworkCount">The frameworks declared.</param>
    /// <param name="controlCount">The controls over all frameworks.</param>
    /// <param name="reportPlanCount">The report plans declared.</param>
    /// <returns>The violations (warnings); empty when within the quotas.</returns>
    public static IReadOnlyList<RuleViolation> CheckQuotas(int frameworkCount, int controlCount, int reportPlanCount)
    {
        var violations = new List<RuleViolation>();
        if (frameworkCount > DefaultFrameworkQuota)
        {
            violations.Add(new RuleViolation(RuleCatalog.FrameworkQuota, "frameworks", frameworkCount.ToString(CultureInfo.InvariantCulture),
                "Request a quota increase in Service Quotas, or merge frameworks.", frameworkCount));
        }

        if (controlCount > DefaultControlQuota)
        {
            violations.Add(new RuleViolation(RuleCatalog.ControlQuota, "frameworks", controlCount.ToString(CultureInfo.InvariantCulture),
                "Request a quota increase in Service Quotas, or declare each control once.", controlCount));
        }

        if (reportPlanCount > DefaultReportPlanQuota)
        {
            violations.Add(new RuleViolation(RuleCatalog.ReportPlanQuota, "reportPlans", reportPlanCount.ToString(CultureInfo.InvariantCulture),
                "Request a quota increase in Service Quotas, or report several frameworks from one plan.", reportPlanCount));
        }

        return violations;
    }

    /// <summary>Checks a report plan's settings (BK9010).</summary>
    /// <param name="name">The report plan name.</param>
    /// <param name="template">The report template.</param>
    /// <param name="frameworkCount">The number of frameworks the plan reports on.</param>
    /// <param name="formats">The report formats.</param>
    /// <param name="s3BucketName">The destination bucket.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckReportPlan(string name, string? template, int frameworkCount, IEnumerable<string> formats, string? s3BucketName)
    {
        var violations = new List<RuleViolation>();
        if (template is null || Array.IndexOf(s_templates, template) < 0)
        {
            violations.Add(new RuleViolation(RuleCatalog.ReportSetting, "template", template,
                "Use one of " + string.Join(", ", s_templates) + ".", name, $"template '{template}' is unknown"));
        }
        else
        {
            var compliance = template.EndsWith("COMPLIANCE_REPORT", StringComparison.Ordinal);
            if (compliance && (frameworkCount < 1 || frameworkCount > 1000))
            {
                violations.Add(new RuleViolation(RuleCatalog.ReportSetting, "frameworks", frameworkCount.ToString(CultureInfo.InvariantCulture),
                    "Name the frameworks the report covers (1 to 1,000).", name, $"a {template} covers 1 to 1,000 frameworks, not {frameworkCount}"));
            }
            else if (!compliance && frameworkCount > 0)
            {
                violations.Add(new RuleViolation(RuleCatalog.ReportSetting, "frameworks", frameworkCount.ToString(CultureInfo.InvariantCulture),
                    "Remove the frameworks, or use RESOURCE_COMPLIANCE_REPORT or CONTROL_COMPLIANCE_REPORT.", name, $"a {template} reports jobs and takes no frameworks"));
            }
        }

        foreach (var format in formats)
        {
            if (format != "CSV" && format != "JSON")
            {
                violations.Add(new RuleViolation(RuleCatalog.ReportSetting, "formats", format, "Use CSV, JSON or both.", name, $"format '{format}' is not CSV or JSON"));
            }
        }

        if (string.IsNullOrWhiteSpace(s3BucketName))
        {
            violations.Add(new RuleViolation(RuleCatalog.ReportSetting, "s3BucketName", s3BucketName, "Name the S3 bucket the reports are delivered to.", name, "an S3 bucket is required"));
        }

        return violations;
    }

    /// <summary>
    /// The BK9101 violation of a plan failing a control of a framework the same posture declares; one code for
    /// <c>Validate()</c> and the analyzers, so both say the same.
    /// </summary>
    /// <param name="planName">The plan.</param>
    /// <param name="controlName">The control name.</param>
    /// <param name="controlText">The control with its parameters, e.g. <c>NAME(requiredRetentionDays=35)</c>.</param>
    /// <param name="frameworkName">The framework.</param>
    /// <param name="reason">Why the plan fails (one of the <c>...Reason</c> texts).</param>
    /// <returns>The violation.</returns>
    public static RuleViolation PlanFailsControl(string planName, string controlName, string controlText, string frameworkName, string reason) =>
        new(RuleCatalog.PlanFailsFrameworkControl, string.Empty, controlText,
            $"Change the plan to satisfy {controlText}, or relax the control in framework '{frameworkName}'.", planName, controlName, frameworkName, reason);

    /// <summary>Why a rule fails the retention part of <c>BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK</c>.</summary>
    /// <param name="ruleName">The rule.</param>
    /// <param name="days">The rule's retention in days.</param>
    /// <param name="requiredDays">The control's required retention in days.</param>
    /// <returns>The reason.</returns>
    public static string PlanRetentionReason(string ruleName, long days, long requiredDays) =>
        string.Format(CultureInfo.InvariantCulture, "rule '{0}' keeps recovery points {1} days; the control requires at least {2} days", ruleName, days, requiredDays);

    /// <summary>Why a rule fails <c>BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK</c>.</summary>
    /// <param name="ruleName">The rule.</param>
    /// <param name="days">The retention in days of the recovery points the rule creates.</param>
    /// <param name="requiredDays">The control's required retention in days.</param>
    /// <returns>The reason.</returns>
    public static string RecoveryPointRetentionReason(string ruleName, long days, long requiredDays) =>
        string.Format(CultureInfo.InvariantCulture, "rule '{0}' creates recovery points kept {1} days; the control requires at least {2} days", ruleName, days, requiredDays);

    /// <summary>Why a rule's copy action fails <c>BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK</c>.</summary>
    /// <param name="ruleName">The rule.</param>
    /// <param name="destinationVaultArn">The copy's destination vault.</param>
    /// <param name="days">The copies' retention in days (the rule's when the copy sets none).</param>
    /// <param name="requiredDays">The control's required retention in days.</param>
    /// <returns>The reason.</returns>
    public static string CopyRetentionReason(string ruleName, string destinationVaultArn, long days, long requiredDays) =>
        string.Format(CultureInfo.InvariantCulture, "rule '{0}' keeps its copies in {1} {2} days; the control requires at least {3} days", ruleName, destinationVaultArn, days, requiredDays);

    /// <summary>Splits a comma-separated parameter value into its trimmed, non-empty items.</summary>
    /// <param name="value">The parameter value.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<string> SplitList(string value)
    {
        var items = new List<string>();
        foreach (var part in value.Split(','))
        {
            var item = part.Trim();
            if (item.Length > 0)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>
    /// Writes a duration as the unit/value pair of a control parameter: whole days as days, anything else as hours
    /// (fractional or non-positive hours are kept as written, so that <see cref="CheckControl"/> reports them as BK9005).
    /// </summary>
    /// <param name="interval">The duration.</param>
    /// <returns>The unit (<c>days</c> or <c>hours</c>) and the value text.</returns>
    public static (string Unit, string Value) IntervalParameter(TimeSpan interval) =>
        interval > TimeSpan.Zero && interval.Ticks % TimeSpan.TicksPerDay == 0
            ? ("days", ((long)interval.TotalDays).ToString(CultureInfo.InvariantCulture))
            : ("hours", interval.TotalHours.ToString("0.####", CultureInfo.InvariantCulture));

    private static void CheckUnitAndValue(List<RuleViolation> violations, string control, Dictionary<string, string> values, string unitName, string valueName, int maxHours, int maxDays)
    {
        var unit = values.TryGetValue(unitName, out var u) ? u : "days";
        if (unit != "hours" && unit != "days")
        {
            violations.Add(Parameter(control, unitName, unit, "the unit is 'hours' or 'days'"));
            return;
        }

        if (!values.TryGetValue(valueName, out var text))
        {
            return;
        }

        var max = unit == "hours" ? maxHours : maxDays;
        if (!TryPositive(text, out var value) || value > max)
        {
            violations.Add(Parameter(control, valueName, text, $"{text} {unit} is not a whole number from 1 to {max} {unit}"));
        }
    }

    private static int? CheckDays(List<RuleViolation> violations, string control, Dictionary<string, string> values, string name, bool required = false)
    {
        if (!values.TryGetValue(name, out var text))
        {
            if (required)
            {
                violations.Add(Parameter(control, name, null, "the parameter is required"));
            }

            return null;
        }

        if (!TryPositive(text, out var days) || days > 36500)
        {
            violations.Add(Parameter(control, name, text, "it must be a whole number of days from 1 to 36,500"));
            return null;
        }

        return days;
    }

    private static void CheckList(List<RuleViolation> violations, string control, Dictionary<string, string> values, string name, Regex item, string what)
    {
        if (!values.TryGetValue(name, out var text) || SplitList(text).Count == 0)
        {
            violations.Add(Parameter(control, name, values.TryGetValue(name, out var t) ? t : null, "the control needs at least one " + what));
            return;
        }

        foreach (var entry in SplitList(text))
        {
            if (!item.IsMatch(entry))
            {
                violations.Add(Parameter(control, name, entry, $"'{entry}' is not {what}"));
            }
        }
    }

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;

    private static bool Contains(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], item, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static RuleViolation Parameter(string control, string parameter, string? value, string problem) =>
        new(RuleCatalog.ControlParameter, "parameters[" + parameter + "]", value, "Give '" + parameter + "' a value AWS accepts: " + problem + ".", parameter, control, problem);

    private static RuleViolation Scope(string control, string problem) =>
        new(RuleCatalog.ControlScope, "scope", null, "Scope the control by resource types, one tag, or one resource id with its type.", control, problem);
}
