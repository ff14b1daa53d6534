using BackupKit.Local.Protocol;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// The checks AWS Backup makes on a plan document beyond the model's constraints (which the generated
/// <c>Validate</c> covers): rule count, unique rule names, cron form, window bounds, lifecycle rules, continuous backup
/// rules, copy-action limits. Errors name the rule the way AWS does ("Error in rule &lt;name&gt; : ...").
/// </summary>
internal static class PlanDocumentRules
{
    public const int MaxRules = 10;
    public const int MaxCopyActions = 5;
    public const int MaxRecoveryPointTags = 10;
    public const long MinStartWindowMinutes = 60;
    public const long MaxWindowMinutes = 52_560_000;
    public const long MaxRetentionDays = 36_500;
    public const long MaxContinuousRetentionDays = 35;
    public const int MinDaysInColdStorage = 90;

    public static void Check(BackupPlanInput plan)
    {
        var rules = plan.Rules;
        if (rules is null || rules.Count == 0)
        {
            throw BackupApiError.InvalidParameter("A backup plan needs at least one rule in Rules.");
        }

        if (rules.Count > MaxRules)
        {
            throw BackupApiError.LimitExceeded($"A backup plan can have at most {MaxRules} rules; this one has {rules.Count}.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var name = rule.RuleName ?? string.Empty;
            if (!names.Add(name))
            {
                throw RuleError(name, $"Rule names must be unique within a plan; '{name}' appears more than once.");
            }

            if (rule.ScheduleExpression is { } schedule)
            {
                CronExpression.Check(schedule, message => RuleError(name, message));
            }

            if (rule.ScheduleExpressionTimezone is { } zone)
            {
                FindZone(zone, name);
            }

            if (rule.StartWindowMinutes is { } start && (start < MinStartWindowMinutes || start > MaxWindowMinutes))
            {
                throw RuleError(name, $"StartWindowMinutes must be between {MinStartWindowMinutes} and {MaxWindowMinutes}; got {start}.");
            }

            if (rule.CompletionWindowMinutes is { } completion && (completion < 1 || completion > MaxWindowMinutes))
            {
                throw RuleError(name, $"CompletionWindowMinutes must be between 1 and {MaxWindowMinutes}; got {completion}.");
            }

            if (rule.RecoveryPointTags is { Count: > MaxRecoveryPointTags } tags)
            {
                throw RuleError(name, $"RecoveryPointTags can hold at most {MaxRecoveryPointTags} tags; got {tags.Count}.");
            }

            var continuous = rule.EnableContinuousBackup == true;
            CheckLifecycle(name, rule.Lifecycle, continuous, problem => RuleError(name, problem));

            if (rule.CopyActions is { } copies)
            {
                if (copies.Count > MaxCopyActions)
                {
                    throw RuleError(name, $"A rule can have at most {MaxCopyActions} copy actions; got {copies.Count}.");
                }

                foreach (var copy in copies)
                {
                    if (!IsVaultArn(copy.DestinationBackupVaultArn))
                    {
                        throw RuleError(name, $"DestinationBackupVaultArn '{copy.DestinationBackupVaultArn}' is not a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>).");
                    }

                    CheckLifecycle(name, copy.Lifecycle, continuous: false, problem => RuleError(name, problem));
                }
            }
        }
    }

    /// <summary>The time zone a rule's schedule is read in (IANA ids such as <c>Etc/UTC</c>).</summary>
    public static TimeZoneInfo FindZone(string id, string ruleName)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw RuleError(ruleName, $"ScheduleExpressionTimezone '{id}' is not a known time zone; use an IANA zone id such as 'Etc/UTC' or 'Europe/Paris'.");
        }
    }

    public static bool IsVaultArn(string? arn)
    {
        if (arn is null)
        {
            return false;
        }

        var parts = arn.Split(':');
        return parts.Length == 7
            && parts[0] == "arn"
            && parts[1].StartsWith("aws", StringComparison.Ordinal)
            && parts[2] == "backup"
            && parts[3].Length > 0
            && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit)
            && parts[5] == "backup-vault"
            && parts[6].Length > 0;
    }

    /// <summary>Checks a lifecycle outside a plan (backup jobs, recovery point updates).</summary>
    public static void CheckLifecycle(Lifecycle? lifecycle) =>
        CheckLifecycle(string.Empty, lifecycle, continuous: false, static problem => BackupApiError.InvalidParameter(problem));

    private static void CheckLifecycle(string ruleName, Lifecycle? lifecycle, bool continuous, Func<string, BackupApiError> error)
    {
        if (lifecycle is null)
        {
            if (continuous)
            {
                throw error("Invalid lifecycle. A rule with continuous backup needs a Lifecycle with DeleteAfterDays between 1 and 35.");
            }

            return;
        }

        var delete = lifecycle.DeleteAfterDays;
        var cold = lifecycle.MoveToColdStorageAfterDays;
        if (lifecycle.DeleteAfterEvent is not null)
        {
            throw error("Invalid lifecycle. DeleteAfterEvent is set by AWS Backup and is not valid as an input.");
        }

        if (continuous)
        {
            if (cold is not null)
            {
                throw new BackupApiError(
                    ErrorCodes.InvalidParameterValue,
                    400,
                    $"Error in rule {ruleName} : Invalid lifecycle. MoveToColdStorageAfterDays is unavailable",
                    ContextOf(ruleName, "Invalid lifecycle. MoveToColdStorageAfterDays is unavailable"),
                    bodyCode: "ERROR_3015");
            }

            if (delete is not { } days || days < 1 || days > MaxContinuousRetentionDays)
            {
                throw error($"Invalid lifecycle. DeleteAfterDays of a continuous backup must be between 1 and {MaxContinuousRetentionDays} days.");
            }

            return;
        }

        // -1 in both fields removes a lifecycle (keep forever); it is the only negative value allowed.
        if (delete == -1 && cold is null or -1)
        {
            return;
        }

        if (delete is { } deleteDays && (deleteDays < 1 || deleteDays > MaxRetentionDays))
        {
            throw error($"Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than {MaxRetentionDays} days");
        }

        if (cold is { } coldDays)
        {
            if (coldDays < 0 || coldDays > MaxRetentionDays)
            {
                throw error($"Invalid lifecycle. MoveToColdStorageAfterDays cannot be less than 0 or more than {MaxRetentionDays} days");
            }

            if (delete is { } d && d < coldDays + MinDaysInColdStorage)
            {
                throw error("Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays");
            }
        }
    }

    private static BackupApiError RuleError(string ruleName, string problem) =>
        BackupApiError.InvalidParameter($"Error in rule {ruleName} : {problem}", ContextOf(ruleName, problem));

    // AWS Backup sends the context of rule errors as a JSON-encoded list: ["<rule>","<problem>"].
    private static string ContextOf(string ruleName, string problem) =>
        System.Text.Json.JsonSerializer.Serialize(new[] { ruleName, problem }, ContextJson.Default.StringArray);
}
