using System.Globalization;
using BackupKit.Local.Protocol;
using BackupKit.Rules;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// The checks AWS Backup makes on a request beyond the model's constraints (which the generated <c>Validate</c>
/// covers), done with the library's own rules table (<see cref="BackupKit.Rules"/>, linked as source): the generated
/// wire input is read member by member into the rule functions, and the first violation becomes the error AWS
/// answers. So the emulator refuses exactly what <c>BackupPostureBuilder.Build()</c> refuses, at the call AWS refuses it.
/// </summary>
internal static class RequestRules
{
    // Observed service texts (reference 4.4, 4.5) for the lifecycle rules; other rules answer with the rule's message.
    private static readonly Dictionary<string, string> s_awsTexts = new(StringComparer.Ordinal)
    {
        [RuleIds.DeleteAfterRange] = $"Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than {AwsFacts.MaxRetentionDays} days",
        [RuleIds.ColdStorageRange] = $"Invalid lifecycle. MoveToColdStorageAfterDays cannot be less than 0 or more than {AwsFacts.MaxRetentionDays} days",
        [RuleIds.ColdToDeleteGap] = "Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays",
        [RuleIds.ContinuousColdStorage] = "Invalid lifecycle. MoveToColdStorageAfterDays is unavailable",
    };

    // Quotas answer LimitExceededException; every other rule InvalidParameterValueException (reference 8.1, 9).
    private static readonly HashSet<string> s_limits = new(StringComparer.Ordinal)
    {
        RuleIds.RuleCount, RuleIds.SelectionsPerPlan, RuleIds.TagSelectionsPerPlan, RuleIds.PlanQuota, RuleIds.VaultQuota,
        RuleIds.RestoreTestingSelectionsPerPlan, RuleIds.RestoreTestingPlanQuota,
    };

    /// <summary>Checks a plan document (CreateBackupPlan, UpdateBackupPlan, plan templates) and, on create, its tags.</summary>
    public static void CheckPlan(BackupPlanInput plan, Dictionary<string, string>? planTags = null)
    {
        if (plan.BackupPlanName is { } name)
        {
            // Missing members are the generated validation's MissingParameterValueException.
            Throw(NameRules.CheckPlanName(name), "BackupPlanName");
        }

        var rules = plan.Rules ?? [];
        if (rules.Count == 0)
        {
            throw BackupApiError.InvalidParameter("A backup plan needs at least one rule in Rules.");
        }

        Throw(PlanRules.CheckRuleCount(rules.Count), "Rules");
        foreach (var group in rules.GroupBy(r => r.RuleName ?? string.Empty, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Throw(NameRules.CheckUnique("Backup rule", group.Key, group.Count(), $"plan '{plan.BackupPlanName}'"), "RuleName", group.Key);
        }

        foreach (var rule in rules)
        {
            CheckRule(rule);
        }

        foreach (var setting in plan.AdvancedBackupSettings ?? [])
        {
            Throw(PlanRules.CheckAdvancedBackupSetting(setting.ResourceType ?? string.Empty, setting.BackupOptions ?? []), "AdvancedBackupSettings");
        }

        if (planTags is not null)
        {
            Throw(NameRules.CheckTags(planTags), "BackupPlanTags");
        }
    }

    private static void CheckRule(BackupRuleInput rule)
    {
        var name = rule.RuleName ?? string.Empty;
        Throw(NameRules.CheckRuleName(name), "RuleName", name);
        if (rule.TargetBackupVaultName is { } vault)
        {
            Throw(NameRules.CheckVaultName(vault), "TargetBackupVaultName", name);
        }

        Throw(PlanRules.CheckAirGappedTargetArn(rule.TargetLogicallyAirGappedBackupVaultArn), "TargetLogicallyAirGappedBackupVaultArn", name);
        if (rule.ScheduleExpression is { } schedule)
        {
            Throw(ScheduleRules.CheckCron(schedule), "ScheduleExpression", name);
        }

        Throw(ScheduleRules.CheckTimeZone(rule.ScheduleExpressionTimezone), "ScheduleExpressionTimezone", name);
        Throw(ScheduleRules.CheckStartWindow(Minutes(rule.StartWindowMinutes)), "StartWindowMinutes", name);

        // AWS documents no ordering between the completion and the start window (reference 4.3): only the bounds.
        Throw(ScheduleRules.CheckCompletionWindow(Minutes(rule.CompletionWindowMinutes), startWindow: null), "CompletionWindowMinutes", name);

        CheckLifecycle(rule.Lifecycle, rule.EnableContinuousBackup == true, name);
        Throw(PlanRules.CheckRecoveryPointTags(rule.RecoveryPointTags ?? []), "RecoveryPointTags", name);
        Throw(PlanRules.CheckIndexActions([.. (rule.IndexActions ?? []).Select(a => (IReadOnlyList<string>)(a.ResourceTypes ?? []))]), "IndexActions", name);
        var copies = rule.CopyActions ?? [];
        Throw(PlanRules.CheckCopyActionCount(copies.Count), "CopyActions", name);
        foreach (var copy in copies)
        {
            Throw(PlanRules.CheckCopyDestinationArn(copy.DestinationBackupVaultArn), "DestinationBackupVaultArn", name);
            CheckLifecycle(copy.Lifecycle, continuous: false, name);
        }
    }

    /// <summary>Checks a lifecycle outside a plan (StartBackupJob, StartCopyJob, UpdateRecoveryPointLifecycle).</summary>
    public static void CheckLifecycle(Lifecycle? lifecycle) => CheckLifecycle(lifecycle, continuous: false, ruleName: null);

    private static void CheckLifecycle(Lifecycle? lifecycle, bool continuous, string? ruleName)
    {
        if (lifecycle?.DeleteAfterEvent is not null)
        {
            throw Error(ruleName, "Invalid lifecycle. DeleteAfterEvent is set by AWS Backup and is not valid as an input.");
        }

        var delete = lifecycle?.DeleteAfterDays;
        var cold = lifecycle?.MoveToColdStorageAfterDays;

        // -1 in both fields removes a lifecycle (keep forever): a wire form the model of a posture has no need for.
        if (!continuous && delete == -1 && cold is null or -1)
        {
            return;
        }

        Throw(LifecycleRules.CheckContinuousBackup(continuous, cold, delete), "Lifecycle", ruleName);
        if (!continuous)
        {
            Throw(LifecycleRules.CheckLifecycle(cold, delete), "Lifecycle", ruleName);
        }
    }

    /// <summary>Checks a selection (CreateBackupSelection) with the number of selections its plan already has.</summary>
    public static void CheckSelection(BackupSelection selection, int existingSelections, int existingTagSelections)
    {
        Throw(NameRules.CheckSelectionName(selection.SelectionName), "SelectionName");
        Throw(SelectionRules.CheckIamRoleArn(selection.IamRoleArn), "IamRoleArn");
        var resources = selection.Resources ?? [];
        var tags = selection.ListOfTags ?? [];
        if (resources.Count == 0 && tags.Count == 0)
        {
            // The observed service text (reference 5).
            throw BackupApiError.InvalidParameter("Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.");
        }

        Throw(SelectionRules.CheckResourceList("Resources", resources), "Resources");
        Throw(SelectionRules.CheckResourceList("NotResources", selection.NotResources ?? []), "NotResources");
        Throw(SelectionRules.CheckListOfTags([.. tags.Select(t => t.ConditionKey ?? string.Empty)]), "ListOfTags");

        // Conditions keys are written aws:ResourceTag/<key> on the wire; the rule checks the bare key.
        var conditionKeys = new List<string>();
        if (selection.Conditions is { } c)
        {
            foreach (var (member, parameters) in new[] { ("StringEquals", c.StringEquals), ("StringNotEquals", c.StringNotEquals), ("StringLike", c.StringLike), ("StringNotLike", c.StringNotLike) })
            {
                foreach (var parameter in parameters ?? [])
                {
                    if (parameter.ConditionKey is not { } key || !key.StartsWith(ResourceTag, StringComparison.Ordinal))
                    {
                        throw BackupApiError.InvalidParameter(
                            $"Invalid backup selection. Conditions.{member} key '{parameter.ConditionKey}' must be written aws:ResourceTag/<tag key>.");
                    }

                    if (parameter.ConditionValue is null)
                    {
                        throw BackupApiError.MissingParameter($"Invalid backup selection. Conditions.{member} entry '{key}' needs a ConditionValue.");
                    }

                    conditionKeys.Add(key[ResourceTag.Length..]);
                }
            }
        }

        Throw(SelectionRules.CheckConditions(conditionKeys), "Conditions");
        var usesTags = tags.Count > 0 || conditionKeys.Count > 0;
        Throw(SelectionRules.CheckSelectionsPerPlan(existingSelections + 1, existingTagSelections + (usesTags ? 1 : 0)), "BackupSelection");
    }

    /// <summary>Whether a stored selection counts against the tag-based selections of its plan.</summary>
    public static bool UsesTags(BackupSelection selection)
    {
        var c = selection.Conditions;
        return selection.ListOfTags is { Count: > 0 }
            || (c is not null && (c.StringEquals is { Count: > 0 } || c.StringNotEquals is { Count: > 0 } || c.StringLike is { Count: > 0 } || c.StringNotLike is { Count: > 0 }));
    }

    /// <summary>Checks a vault (CreateBackupVault, CreateLogicallyAirGappedBackupVault).</summary>
    public static void CheckVault(string? name, string? encryptionKeyArn, Dictionary<string, string>? tags)
    {
        if (name is not null)
        {
            Throw(NameRules.CheckVaultName(name), "BackupVaultName");
        }

        Throw(VaultRules.CheckKmsKeyArn(encryptionKeyArn), "EncryptionKeyArn");
        Throw(NameRules.CheckTags(tags ?? []), "BackupVaultTags");
    }

    /// <summary>Checks the retention range of a logically air-gapped vault.</summary>
    public static void CheckAirGappedRetention(long minRetentionDays, long maxRetentionDays) =>
        Throw(VaultRules.CheckAirGappedRetention(minRetentionDays, maxRetentionDays), "MinRetentionDays and MaxRetentionDays");

    /// <summary>Checks a Vault Lock configuration (PutBackupVaultLockConfiguration).</summary>
    public static void CheckVaultLock(long? minRetentionDays, long? maxRetentionDays, long? changeableForDays) =>
        Throw(VaultRules.CheckVaultLock(minRetentionDays, maxRetentionDays, changeableForDays), member: null);

    /// <summary>Checks vault notifications (PutBackupVaultNotifications).</summary>
    public static void CheckNotifications(string? snsTopicArn, IReadOnlyList<string> events) =>
        Throw(VaultRules.CheckNotifications(snsTopicArn, events), member: null);

    /// <summary>Whether <paramref name="arn"/> is a backup vault ARN (copy destinations).</summary>
    public static bool IsVaultArn(string? arn) => PlanRules.CheckCopyDestinationArn(arn).Count == 0;

    /// <summary>Checks a restore testing plan document (create and update), with its tags on create.</summary>
    public static void CheckRestoreTestingPlan(
        string? name, string? scheduleExpression, string? timeZone, int? startWindowHours, RestoreTestingRecoveryPointSelection? selection, Dictionary<string, string>? tags)
    {
        if (name is not null)
        {
            Throw(NameRules.CheckRestoreTestingPlanName(name), "RestoreTestingPlanName");
        }

        if (scheduleExpression is not null)
        {
            Throw(ScheduleRules.CheckCron(scheduleExpression, atMostHourly: false), "ScheduleExpression");
        }

        Throw(ScheduleRules.CheckTimeZone(timeZone), "ScheduleExpressionTimezone");
        Throw(RestoreTestingRules.CheckStartWindow(startWindowHours is { } hours ? TimeSpan.FromHours(hours) : null), "StartWindowHours");
        if (selection is not null)
        {
            Throw(RestoreTestingRules.CheckRecoveryPointSelection(
                selection.Algorithm?.Value,
                [.. (selection.RecoveryPointTypes ?? []).Select(t => t.Value)],
                selection.IncludeVaults ?? [],
                selection.ExcludeVaults ?? [],
                selection.SelectionWindowDays), "RecoveryPointSelection");
        }

        if (tags is not null)
        {
            Throw(RestoreTestingRules.CheckPlanLimits(0, tags.Count), "Tags");
            Throw(NameRules.CheckTags(tags), "Tags");
        }
    }

    /// <summary>Checks a restore testing selection (create); the per-plan count is checked with the plan.</summary>
    public static void CheckRestoreTestingSelection(RestoreTestingSelectionForCreate selection)
    {
        Throw(NameRules.CheckRestoreTestingSelectionName(selection.RestoreTestingSelectionName), "RestoreTestingSelectionName");
        Throw(RestoreTestingRules.CheckResourceType(selection.ProtectedResourceType), "ProtectedResourceType");
        Throw(SelectionRules.CheckIamRoleArn(selection.IamRoleArn), "IamRoleArn");
        var conditions = selection.ProtectedResourceConditions;
        var pairs = (conditions?.StringEquals ?? []).Concat(conditions?.StringNotEquals ?? [])
            .Select(kv => new KeyValuePair<string, string>(kv.Key ?? string.Empty, kv.Value ?? string.Empty))
            .ToArray();
        Throw(RestoreTestingRules.CheckProtectedResources(selection.ProtectedResourceArns ?? [], pairs.Length), "ProtectedResourceArns");
        Throw(RestoreTestingRules.CheckConditions(pairs), "ProtectedResourceConditions");
        Throw(RestoreTestingRules.CheckValidationWindow(selection.ValidationWindowHours is { } hours ? TimeSpan.FromHours(hours) : null), "ValidationWindowHours");
    }

    /// <summary>Parses a schedule the emulator runs; the expression was checked when the plan was stored.</summary>
    public static AwsCron ParseSchedule(string? expression) =>
        AwsCron.TryParse(expression ?? AwsFacts.DefaultScheduleExpression, out var error)
            ?? throw new InvalidOperationException($"Stored schedule '{expression}' is not valid: {error}.");

    /// <summary>The time zone a stored schedule is read in (the same IANA list the rules accept).</summary>
    public static TimeZoneInfo ScheduleZone(string? timeZone) =>
        AwsFacts.FindTimeZone(timeZone)
            ?? throw BackupApiError.InvalidParameter($"ScheduleExpressionTimezone '{timeZone}' is not a known time zone; use an IANA zone id such as 'Etc/UTC' or 'Europe/Paris'.");

    private const string ResourceTag = "aws:ResourceTag/";

    private static TimeSpan? Minutes(long? minutes) => minutes is { } value ? TimeSpan.FromMinutes(value) : null;

    // The request member a finding is about, for the checks that cover several (Vault Lock, notifications).
    private static readonly Dictionary<string, string> s_wireMembers = new(StringComparer.Ordinal)
    {
        ["lock.minRetention"] = "MinRetentionDays",
        ["lock.maxRetention"] = "MaxRetentionDays",
        ["lock"] = "MinRetentionDays and MaxRetentionDays",
        ["lock.changeableFor"] = "ChangeableForDays",
        ["notifications.snsTopicArn"] = "SNSTopicArn",
        ["notifications.events"] = "BackupVaultEvents",
    };

    /// <summary>Throws the AWS error for the first error-severity violation; <paramref name="member"/> is the request member checked.</summary>
    private static void Throw(IReadOnlyList<RuleViolation> violations, string? member, string? ruleName = null)
    {
        foreach (var violation in violations)
        {
            if (violation.Rule.DefaultSeverity == RuleSeverity.Error)
            {
                var wireMember = member
                    ?? (s_wireMembers.TryGetValue(violation.Member, out var mapped) ? mapped
                        : violation.Member.StartsWith("notifications.events", StringComparison.Ordinal) ? "BackupVaultEvents" : violation.Member);
                throw ToError(violation, wireMember, ruleName);
            }
        }
    }

    private static BackupApiError ToError(RuleViolation violation, string member, string? ruleName)
    {
        // AWS's own text where it is known; otherwise the member, the rules table's message, its id and the fix.
        var problem = s_awsTexts.TryGetValue(violation.RuleId, out var text)
            ? text
            : string.Format(CultureInfo.InvariantCulture, "Invalid {0}: {1} ({2}: {3})", member, violation.Message, violation.RuleId, violation.Fix);
        if (s_limits.Contains(violation.RuleId))
        {
            return BackupApiError.LimitExceeded(problem);
        }

        var bodyCode = violation.RuleId == RuleIds.ContinuousColdStorage ? "ERROR_3015" : null;
        return ruleName is null
            ? new BackupApiError(ErrorCodes.InvalidParameterValue, 400, problem, context: null, bodyCode)
            : new BackupApiError(ErrorCodes.InvalidParameterValue, 400, $"Error in rule {ruleName} : {problem}", ContextOf(ruleName, problem), bodyCode);
    }

    private static BackupApiError Error(string? ruleName, string problem) =>
        ruleName is null
            ? BackupApiError.InvalidParameter(problem)
            : BackupApiError.InvalidParameter($"Error in rule {ruleName} : {problem}", ContextOf(ruleName, problem));

    // AWS Backup sends the context of rule errors as a JSON-encoded list: ["<rule>","<problem>"].
    private static string ContextOf(string ruleName, string problem) =>
        System.Text.Json.JsonSerializer.Serialize(new[] { ruleName, problem }, ContextJson.Default.StringArray);
}
