// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System.Collections.Generic;

namespace BackupKit.Rules;

/// <summary>
/// The BackupKit rules table: every AWS Backup constraint BackupKit checks, written once with a stable id.
/// The builders' validation and the Roslyn analyzers report the same ids and help links.
/// </summary>
public static class RuleCatalog
{
    /// <summary>The base address of the rule documentation pages; a rule's page is <c>{HelpLinkBase}{id}.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/backupkit/backupkit/blob/main/docs/rules/";

    private const string BestPractice = "BestPractice";
    private const string Naming = "Naming";
    private const string Schedule = "Schedule";
    private const string Lifecycle = "Lifecycle";
    private const string Plan = "Plan";
    private const string Selection = "Selection";
    private const string Vault = "Vault";
    private const string CrossReference = "CrossReference";
    private const string RestoreTesting = "RestoreTesting";
    private const string Audit = "Audit";

    /// <summary>BK1001: a backup rule that never deletes its recovery points (a recommendation; AWS accepts it).</summary>
    public static readonly RuleDescriptor RuleWithoutRetention = new(RuleIds.RuleWithoutRetention, BestPractice, RuleSeverity.Warning,
        "Backup rule has no retention",
        "Backup rule '{0}' never deletes its recovery points, so storage grows without bound; set a retention such as DeleteAfter(Retention.Days(35))",
        "Without Lifecycle.DeleteAfterDays AWS Backup keeps every recovery point of the rule forever (accepted; recommendation)", "4.4");

    /// <summary>BK1002: a backup plan that copies its recovery points nowhere else (a recommendation; AWS accepts it).</summary>
    public static readonly RuleDescriptor PlanWithoutCrossRegionCopy = new(RuleIds.PlanWithoutCrossRegionCopy, BestPractice, RuleSeverity.Warning,
        "Backup plan has no copy to another Region",
        "Backup plan '{0}' keeps every recovery point in one Region, so a regional outage takes the backups with it; add a copy action to a vault in another Region",
        "A plan without CopyActions keeps its recovery points only in its own Region (accepted; recommendation)", "4.6");

    /// <summary>BK1003: a backup vault without Vault Lock (a recommendation; AWS accepts it).</summary>
    public static readonly RuleDescriptor VaultWithoutLock = new(RuleIds.VaultWithoutLock, BestPractice, RuleSeverity.Warning,
        "Backup vault has no Vault Lock",
        "Backup vault '{0}' has no Vault Lock, so anyone with delete permissions can remove its recovery points; add a governance-mode or compliance-mode Vault Lock",
        "A standard vault without Vault Lock lets any principal allowed to delete remove its recovery points; logically air-gapped vaults are locked by AWS (accepted; recommendation)", "6.2");

    /// <summary>BK1004: a protected resource type that no restore testing selection restores (a recommendation).</summary>
    public static readonly RuleDescriptor ResourceTypeWithoutRestoreTesting = new(RuleIds.ResourceTypeWithoutRestoreTesting, BestPractice, RuleSeverity.Warning,
        "Protected resource type has no restore testing",
        "Backup plan '{0}' protects {1} resources but no restore testing selection restores {1}, so nobody learns whether those backups restore until they are needed; add a restore testing plan with a {1} selection",
        "AWS Backup restore testing proves recovery points restore; AWS does not require it (accepted; recommendation)", "7");

    /// <summary>BK1005: databases protected only by snapshots, without point-in-time recovery (a recommendation).</summary>
    public static readonly RuleDescriptor DatabaseWithoutContinuousBackup = new(RuleIds.DatabaseWithoutContinuousBackup, BestPractice, RuleSeverity.Warning,
        "Database has no continuous backup",
        "Backup plan '{0}' protects {1} resources with snapshot rules only, so a restore loses everything written since the last snapshot; {2}",
        "Continuous backup (point-in-time recovery) is available for RDS and Aurora in AWS Backup and for DynamoDB in DynamoDB itself (accepted; recommendation)", "4.5");

    /// <summary>BK1006: a selection that names resources only by ARN (a recommendation).</summary>
    public static readonly RuleDescriptor SelectionOnlyByArn = new(RuleIds.SelectionOnlyByArn, BestPractice, RuleSeverity.Warning,
        "Selection assigns resources only by ARN",
        "Backup selection '{0}' of plan '{1}' assigns {2} resources by ARN and none by tag, so resources created tomorrow are not backed up until someone edits the plan; select by tag, e.g. WhereTag(\"backup\", \"prod\")",
        "Selections by tag or condition include resources created later; ARN lists do not (accepted; recommendation)", "5");

    /// <summary>BK1007: copies that never leave the source account (a recommendation).</summary>
    public static readonly RuleDescriptor CopiesStayInSourceAccount = new(RuleIds.CopiesStayInSourceAccount, BestPractice, RuleSeverity.Warning,
        "Every copy stays in the source account",
        "Backup plan '{0}' copies its recovery points only into account {1}, the account of the resources it protects, so a compromised account or an insider can delete every copy; copy into a vault of another account",
        "Cross-account copies (AWS Organizations) protect against account compromise; AWS does not require them (accepted; recommendation)", "4.6");

    /// <summary>BK1008: a restore testing selection without a validation window (a recommendation).</summary>
    public static readonly RuleDescriptor RestoreTestingWithoutValidationWindow = new(RuleIds.RestoreTestingWithoutValidationWindow, BestPractice, RuleSeverity.Warning,
        "Restore test has no validation window",
        "Restore testing selection '{0}' of plan '{1}' has no validation window, so restored resources are deleted at once and no validation can report on them; set ValidateWithin(TimeSpan.FromHours(...))",
        "ValidationWindowHours 0 (or unset) deletes the restored resource immediately; PutRestoreValidationResult needs a window (accepted; recommendation)", "7.2");

    /// <summary>BK1101: vault name pattern.</summary>
    public static readonly RuleDescriptor VaultName = new(RuleIds.VaultName, Naming, RuleSeverity.Error,
        "Backup vault name is invalid",
        "Backup vault name '{0}' is invalid: AWS requires 2 to 50 letters, digits, hyphens or underscores (no dots)",
        "BackupVaultName matches ^[a-zA-Z0-9\\-\\_]{2,50}$", "3.1");

    /// <summary>BK1102: plan name pattern.</summary>
    public static readonly RuleDescriptor PlanName = new(RuleIds.PlanName, Naming, RuleSeverity.Error,
        "Backup plan name is invalid",
        "Backup plan name '{0}' is invalid: AWS requires 1 to 50 letters, digits, hyphens, underscores or dots",
        "BackupPlanName is 1 to 50 alphanumerics or '-_.'", "3.1");

    /// <summary>BK1103: rule name pattern.</summary>
    public static readonly RuleDescriptor RuleName = new(RuleIds.RuleName, Naming, RuleSeverity.Error,
        "Backup rule name is invalid",
        "Backup rule name '{0}' is invalid: AWS requires 1 to 50 letters, digits, hyphens, underscores or dots",
        "RuleName matches ^[a-zA-Z0-9\\-\\_\\.]{1,50}$", "3.1");

    /// <summary>BK1104: selection name pattern.</summary>
    public static readonly RuleDescriptor SelectionName = new(RuleIds.SelectionName, Naming, RuleSeverity.Error,
        "Backup selection name is invalid",
        "Backup selection name '{0}' is invalid: AWS requires 1 to 50 letters, digits, hyphens, underscores or dots",
        "SelectionName matches ^[a-zA-Z0-9\\-\\_\\.]{1,50}$", "3.1");

    /// <summary>BK1105: duplicate names.</summary>
    public static readonly RuleDescriptor DuplicateName = new(RuleIds.DuplicateName, Naming, RuleSeverity.Error,
        "Name is declared more than once",
        "{0} name '{1}' is declared {2} times; names must be unique within {3}",
        "Vault and plan names are unique per account and Region (AlreadyExistsException); rule and selection names are unique within a plan", "3.1, 4");

    /// <summary>BK1106: tag key and value lengths.</summary>
    public static readonly RuleDescriptor TagLength = new(RuleIds.TagLength, Naming, RuleSeverity.Error,
        "Tag key or value has an invalid length",
        "Tag '{0}' is invalid: {1}",
        "Tag keys are 1 to 128 characters, tag values 0 to 256 characters", "3.1");

    /// <summary>BK1107: restore testing plan name pattern.</summary>
    public static readonly RuleDescriptor RestoreTestingPlanName = new(RuleIds.RestoreTestingPlanName, Naming, RuleSeverity.Error,
        "Restore testing plan name is invalid",
        "Restore testing plan name '{0}' is invalid: AWS requires 1 to 50 letters, digits or underscores",
        "RestoreTestingPlanName is 1 to 50 alphanumerics or underscores", "3.1, 7.1");

    /// <summary>BK1108: restore testing selection name pattern.</summary>
    public static readonly RuleDescriptor RestoreTestingSelectionName = new(RuleIds.RestoreTestingSelectionName, Naming, RuleSeverity.Error,
        "Restore testing selection name is invalid",
        "Restore testing selection name '{0}' is invalid: AWS requires 1 to 50 letters, digits or underscores",
        "RestoreTestingSelectionName is 1 to 50 alphanumerics or underscores (stricter of the conflicting sources)", "3.1, 7.2");

    /// <summary>BK2001: AWS cron syntax.</summary>
    public static readonly RuleDescriptor CronSyntax = new(RuleIds.CronSyntax, Schedule, RuleSeverity.Error,
        "Schedule is not a valid AWS cron expression",
        "Schedule '{0}' is not a valid AWS cron expression: {1}",
        "ScheduleExpression is cron(min hour day-of-month month day-of-week year) with EventBridge field ranges, exactly one of day-of-month/day-of-week '?', no rate()", "4.1");

    /// <summary>BK2002: at most hourly.</summary>
    public static readonly RuleDescriptor CronFrequency = new(RuleIds.CronFrequency, Schedule, RuleSeverity.Error,
        "Schedule runs more often than hourly",
        "Schedule '{0}' runs {1} times per hour; AWS Backup runs scheduled backups at most once per hour",
        "Snapshot backup rules run at most hourly", "4.1");

    /// <summary>BK2003: time zone.</summary>
    public static readonly RuleDescriptor TimeZone = new(RuleIds.TimeZone, Schedule, RuleSeverity.Error,
        "Schedule time zone is unknown",
        "Schedule time zone '{0}' is not a known IANA time zone id",
        "ScheduleExpressionTimezone is an IANA time zone id (default UTC)", "4.2");

    /// <summary>BK2004: start window range.</summary>
    public static readonly RuleDescriptor StartWindow = new(RuleIds.StartWindow, Schedule, RuleSeverity.Error,
        "Start window is out of range",
        "Start window of {0} is outside the range AWS accepts (60 to 52,560,000 minutes)",
        "StartWindowMinutes, when set, is 60 to 52,560,000", "4.3");

    /// <summary>BK2005: completion window range and ordering.</summary>
    public static readonly RuleDescriptor CompletionWindow = new(RuleIds.CompletionWindow, Schedule, RuleSeverity.Error,
        "Completion window is out of range",
        "Completion window of {0} is invalid: {1}",
        "CompletionWindowMinutes, when set, is at most 52,560,000 and not shorter than the start window", "4.3");

    /// <summary>BK2006: windows in whole minutes.</summary>
    public static readonly RuleDescriptor WholeMinutes = new(RuleIds.WholeMinutes, Schedule, RuleSeverity.Error,
        "Window is not a whole number of minutes",
        "{0} of {1} is not a whole number of minutes; AWS takes windows in minutes",
        "StartWindowMinutes and CompletionWindowMinutes are integers (minutes)", "4.3");

    /// <summary>BK2007: schedule preset argument.</summary>
    public static readonly RuleDescriptor SchedulePresetArgument = new(RuleIds.SchedulePresetArgument, Schedule, RuleSeverity.Error,
        "Schedule preset argument is out of range",
        "Schedule {0} {1} is out of range: {2}",
        "A schedule renders to AWS cron fields: minutes 0 to 59, hours 0 to 23 (an hourly step of 1 to 23 starting before the step), day of month 1 to 31, day of week SUN to SAT, whole minutes", "4.1");

    /// <summary>BK3001: delete-after range.</summary>
    public static readonly RuleDescriptor DeleteAfterRange = new(RuleIds.DeleteAfterRange, Lifecycle, RuleSeverity.Error,
        "Delete-after is out of range",
        "Delete-after of {0} is outside the range AWS accepts (1 to 36,500 days)",
        "Lifecycle.DeleteAfterDays is 1 to 36,500 (omit it to keep recovery points forever)", "4.4");

    /// <summary>BK3002: cold storage range.</summary>
    public static readonly RuleDescriptor ColdStorageRange = new(RuleIds.ColdStorageRange, Lifecycle, RuleSeverity.Error,
        "Move-to-cold-storage is out of range",
        "Move-to-cold-storage after {0} is outside the range AWS accepts (0 to 36,500 days)",
        "Lifecycle.MoveToColdStorageAfterDays is at most 36,500", "4.4");

    /// <summary>BK3003: 90-day cold-to-delete gap.</summary>
    public static readonly RuleDescriptor ColdToDeleteGap = new(RuleIds.ColdToDeleteGap, Lifecycle, RuleSeverity.Error,
        "Recovery points must stay 90 days in cold storage",
        "Delete-after of {0} is less than 90 days after move-to-cold-storage of {1}; recovery points in cold storage must be kept at least 90 days",
        "When MoveToColdStorageAfterDays is set, DeleteAfterDays >= MoveToColdStorageAfterDays + 90 (rules and copy actions)", "4.4");

    /// <summary>BK3004: continuous backup retention.</summary>
    public static readonly RuleDescriptor ContinuousRetention = new(RuleIds.ContinuousRetention, Lifecycle, RuleSeverity.Error,
        "Continuous backup retention is out of range",
        "Continuous backup keeps recovery points {0}; AWS requires a delete-after of 1 to 35 days",
        "With EnableContinuousBackup, a Lifecycle with DeleteAfterDays 1 to 35 is required", "4.5");

    /// <summary>BK3005: continuous backup without cold storage.</summary>
    public static readonly RuleDescriptor ContinuousColdStorage = new(RuleIds.ContinuousColdStorage, Lifecycle, RuleSeverity.Error,
        "Continuous backup cannot use cold storage",
        "Continuous backup cannot move recovery points to cold storage (move-to-cold-storage after {0} is set)",
        "With EnableContinuousBackup, MoveToColdStorageAfterDays is unavailable (ERROR_3015)", "4.5");

    /// <summary>BK4001: rules per plan.</summary>
    public static readonly RuleDescriptor RuleCount = new(RuleIds.RuleCount, Plan, RuleSeverity.Error,
        "Plan has too few or too many rules",
        "Backup plan has {0} rules; AWS requires 1 to 10",
        "A plan has 1 to 10 rules (not adjustable)", "4, 9");

    /// <summary>BK4002: copy actions per rule.</summary>
    public static readonly RuleDescriptor CopyActionCount = new(RuleIds.CopyActionCount, Plan, RuleSeverity.Error,
        "Rule has too many copy actions",
        "Backup rule has {0} copy actions; AWS allows at most 5",
        "At most 5 copy actions per rule (not adjustable)", "4.6, 9");

    /// <summary>BK4003: copy destination ARN.</summary>
    public static readonly RuleDescriptor CopyDestinationArn = new(RuleIds.CopyDestinationArn, Plan, RuleSeverity.Error,
        "Copy destination is not a backup vault ARN",
        "Copy destination '{0}' is not a backup vault ARN (arn:<partition>:backup:<region>:<account>:backup-vault:<name>)",
        "CopyAction.DestinationBackupVaultArn is the ARN of a backup vault", "3.2, 4.6");

    /// <summary>BK4004: recovery point tags.</summary>
    public static readonly RuleDescriptor RecoveryPointTagCount = new(RuleIds.RecoveryPointTagCount, Plan, RuleSeverity.Error,
        "Rule adds too many recovery point tags",
        "Backup rule adds {0} tags to each recovery point; AWS allows at most 10",
        "At most 10 RecoveryPointTags per rule (not adjustable)", "4.7, 9");

    /// <summary>BK4005: index actions.</summary>
    public static readonly RuleDescriptor IndexActions = new(RuleIds.IndexActions, Plan, RuleSeverity.Error,
        "Index actions are invalid",
        "Index actions are invalid: {0}",
        "At most one IndexAction per rule, whose ResourceTypes holds exactly one of EBS or S3", "4.7");

    /// <summary>BK4006: advanced backup settings.</summary>
    public static readonly RuleDescriptor AdvancedBackupSettings = new(RuleIds.AdvancedBackupSettings, Plan, RuleSeverity.Error,
        "Advanced backup setting is invalid",
        "Advanced backup setting is invalid: {0}",
        "AdvancedBackupSettings: EC2 with WindowsVSS enabled|disabled; S3 with BackupACLs and/or BackupObjectTags enabled|disabled", "4.8");

    /// <summary>BK4007: logically air-gapped target ARN.</summary>
    public static readonly RuleDescriptor AirGappedTargetArn = new(RuleIds.AirGappedTargetArn, Plan, RuleSeverity.Error,
        "Logically air-gapped target is not a backup vault ARN",
        "Logically air-gapped target '{0}' is not a backup vault ARN (arn:<partition>:backup:<region>:<account>:backup-vault:<name>)",
        "TargetLogicallyAirGappedBackupVaultArn is the ARN of a logically air-gapped vault in the same account and Region", "4.7");

    /// <summary>BK4008: target vault is not declared.</summary>
    public static readonly RuleDescriptor UnknownTargetVault = new(RuleIds.UnknownTargetVault, CrossReference, RuleSeverity.Error,
        "Rule targets a vault the posture does not declare",
        "Backup rule targets vault '{0}', which this posture does not declare",
        "The target vault must exist before the plan can run (ResourceNotFound / failed jobs otherwise)", "4, 10.1");

    /// <summary>BK4009: plans per Region.</summary>
    public static readonly RuleDescriptor PlanQuota = new(RuleIds.PlanQuota, Plan, RuleSeverity.Warning,
        "Posture exceeds the default backup plan quota",
        "The posture declares {0} backup plans; the default AWS quota is 300 per account and Region",
        "300 backup plans per account and Region (adjustable)", "9");

    /// <summary>BK5001: IAM role ARN.</summary>
    public static readonly RuleDescriptor IamRoleArn = new(RuleIds.IamRoleArn, Selection, RuleSeverity.Error,
        "Selection IAM role is not a role ARN",
        "IAM role '{0}' is not an IAM role ARN (arn:<partition>:iam::<account>:role/<path/name>)",
        "IamRoleArn is the ARN of a role AWS Backup can assume", "5");

    /// <summary>BK5002: selection selects nothing.</summary>
    public static readonly RuleDescriptor EmptySelection = new(RuleIds.EmptySelection, Selection, RuleSeverity.Error,
        "Selection has neither resources nor tags",
        "Backup selection has neither Resources nor ListOfTags; AWS rejects it (\"Either 'ListOfTags' or 'Resources' section must be non-empty\")",
        "A selection needs a non-empty Resources or ListOfTags; to select by Conditions alone use Resources [\"*\"]", "5");

    /// <summary>BK5003: resource ARN pattern.</summary>
    public static readonly RuleDescriptor ResourceArnPattern = new(RuleIds.ResourceArnPattern, Selection, RuleSeverity.Error,
        "Resource is not an ARN or supported ARN pattern",
        "Resource '{0}' is invalid: {1}",
        "Resources and NotResources hold ARNs (arn:<partition>:<service>:...) or '*'; wildcards are whole segments or a trailing '*'", "5");

    /// <summary>BK5004: resource counts.</summary>
    public static readonly RuleDescriptor ResourceCount = new(RuleIds.ResourceCount, Selection, RuleSeverity.Error,
        "Selection lists too many resources",
        "{0} lists {1} ARNs of which {2} use wildcards; AWS allows at most 500 ARNs without wildcards or 30 with wildcards",
        "Per list: at most 500 ARNs without wildcards, at most 30 with wildcards", "5, 9");

    /// <summary>BK5005: tags per selection.</summary>
    public static readonly RuleDescriptor SelectionTagCount = new(RuleIds.SelectionTagCount, Selection, RuleSeverity.Error,
        "Selection has too many tags",
        "Backup selection has {0} ListOfTags entries; AWS allows at most 30",
        "At most 30 tags (ListOfTags) per selection (not adjustable)", "5, 9");

    /// <summary>BK5006: conditions per selection.</summary>
    public static readonly RuleDescriptor SelectionConditionCount = new(RuleIds.SelectionConditionCount, Selection, RuleSeverity.Error,
        "Selection has too many conditions",
        "Backup selection has {0} conditions; AWS allows at most 30",
        "At most 30 Conditions per selection (not adjustable)", "5, 9");

    /// <summary>BK5007: selections per plan.</summary>
    public static readonly RuleDescriptor SelectionsPerPlan = new(RuleIds.SelectionsPerPlan, Selection, RuleSeverity.Error,
        "Plan has too many selections",
        "Backup plan has {0} selections; AWS allows at most 100",
        "At most 100 resource assignments per plan (not adjustable)", "5, 9");

    /// <summary>BK5008: tag-based selections per plan.</summary>
    public static readonly RuleDescriptor TagSelectionsPerPlan = new(RuleIds.TagSelectionsPerPlan, Selection, RuleSeverity.Error,
        "Plan has too many tag-based selections",
        "Backup plan has {0} selections that use tags; AWS allows at most 10",
        "At most 10 resource assignments that use tags per plan (not adjustable)", "5, 9");

    /// <summary>BK5009: condition tag key.</summary>
    public static readonly RuleDescriptor ConditionKey = new(RuleIds.ConditionKey, Selection, RuleSeverity.Error,
        "Tag condition key is invalid",
        "Tag condition key '{0}' is invalid: {1}",
        "ListOfTags keys are bare tag keys; Conditions keys are aws:ResourceTag/<key> (BackupKit adds the prefix); tag keys are 1 to 128 characters", "5");

    /// <summary>BK6001: KMS key ARN.</summary>
    public static readonly RuleDescriptor KmsKeyArn = new(RuleIds.KmsKeyArn, Vault, RuleSeverity.Error,
        "Encryption key is not a KMS key ARN",
        "Encryption key '{0}' is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>): {1}",
        "EncryptionKeyArn is a KMS key ARN, not an alias or key id", "6.1");

    /// <summary>BK6002: SNS topic ARN.</summary>
    public static readonly RuleDescriptor SnsTopicArn = new(RuleIds.SnsTopicArn, Vault, RuleSeverity.Error,
        "Notification topic is not an SNS topic ARN",
        "Notification topic '{0}' is not an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<topic>)",
        "SNSTopicArn is the ARN of an SNS topic", "6.1");

    /// <summary>BK6003: notification events.</summary>
    public static readonly RuleDescriptor NotificationEvents = new(RuleIds.NotificationEvents, Vault, RuleSeverity.Error,
        "Notification events are invalid",
        "Vault notification events are invalid: {0}",
        "BackupVaultEvents is a non-empty list of BackupVaultEvent values", "6.1, Appendix A");

    /// <summary>BK6004: lock minimum retention.</summary>
    public static readonly RuleDescriptor LockMinRetention = new(RuleIds.LockMinRetention, Vault, RuleSeverity.Error,
        "Vault Lock minimum retention is out of range",
        "Vault Lock minimum retention of {0} is outside the range AWS accepts (1 to 36,500 days)",
        "MinRetentionDays, when set, is at least 1 (and at most 36,500)", "6.2");

    /// <summary>BK6005: lock maximum retention.</summary>
    public static readonly RuleDescriptor LockMaxRetention = new(RuleIds.LockMaxRetention, Vault, RuleSeverity.Error,
        "Vault Lock maximum retention is out of range",
        "Vault Lock maximum retention of {0} is outside the range AWS accepts (1 to 36,500 days)",
        "MaxRetentionDays, when set, is at most 36,500 (and at least 1)", "6.2");

    /// <summary>BK6006: lock minimum not above maximum.</summary>
    public static readonly RuleDescriptor LockRange = new(RuleIds.LockRange, Vault, RuleSeverity.Error,
        "Vault Lock minimum retention exceeds its maximum",
        "Vault Lock minimum retention of {0} is longer than its maximum retention of {1}",
        "MinRetentionDays <= MaxRetentionDays", "6.2");

    /// <summary>BK6007: changeable-for range.</summary>
    public static readonly RuleDescriptor LockChangeableFor = new(RuleIds.LockChangeableFor, Vault, RuleSeverity.Error,
        "Compliance lock cooling-off period is out of range",
        "Compliance-mode cooling-off (ChangeableForDays) of {0} is outside the range AWS accepts (3 to 36,500 days)",
        "ChangeableForDays, when set (compliance mode), is 3 to 36,500", "6.2");

    /// <summary>BK6008: logically air-gapped vault retention.</summary>
    public static readonly RuleDescriptor AirGappedRetention = new(RuleIds.AirGappedRetention, Vault, RuleSeverity.Error,
        "Logically air-gapped vault retention is invalid",
        "Logically air-gapped vault retention is invalid: {0}",
        "CreateLogicallyAirGappedBackupVault requires MinRetentionDays >= 7 and MaxRetentionDays <= 36,500, min <= max", "6.4");

    /// <summary>BK6009: air-gapped vault with a separate lock.</summary>
    public static readonly RuleDescriptor AirGappedWithLock = new(RuleIds.AirGappedWithLock, Vault, RuleSeverity.Error,
        "Logically air-gapped vault cannot take a Vault Lock",
        "Vault '{0}' is logically air-gapped and also declares a Vault Lock; its retention lock is built in",
        "Logically air-gapped vaults have compliance-mode lock semantics built in, configured by their min/max retention", "6.2, 6.4");

    /// <summary>BK6010: vaults per Region.</summary>
    public static readonly RuleDescriptor VaultQuota = new(RuleIds.VaultQuota, Vault, RuleSeverity.Warning,
        "Posture exceeds the default vault quota",
        "The posture declares {0} vaults; the default AWS quota is 300 per account and Region",
        "300 vaults (all kinds) per account and Region (adjustable)", "6.1, 9");

    /// <summary>BK6011: a principal excepted in a vault access policy's ARN condition is not an IAM principal ARN.</summary>
    public static readonly RuleDescriptor DeletionExceptionPrincipal = new(RuleIds.DeletionExceptionPrincipal, Vault, RuleSeverity.Error,
        "Vault access policy excepts a principal that is not an IAM ARN",
        "'{0}' in the vault access policy's aws:PrincipalArn condition is not an IAM principal ARN; an ARN condition never matches it, so that principal is not excepted",
        "aws:PrincipalArn values under Arn* condition operators are IAM role or user ARNs (arn:aws:iam::ACCOUNT:role/NAME)", "6.1");

    /// <summary>BK7001: rule retention outside the target vault's enforced range.</summary>
    public static readonly RuleDescriptor RuleRetentionOutsideVaultLock = new(RuleIds.RuleRetentionOutsideVaultLock, CrossReference, RuleSeverity.Error,
        "Rule retention is outside the target vault's locked range",
        "Recovery points are kept {0} but vault '{1}' only accepts retentions {2}; AWS accepts the plan and then fails every backup job",
        "A backup job into a locked vault must carry a retention within [MinRetentionDays, MaxRetentionDays]", "6.2, 6.4");

    /// <summary>BK7002: copy retention outside the destination vault's enforced range.</summary>
    public static readonly RuleDescriptor CopyRetentionOutsideVaultLock = new(RuleIds.CopyRetentionOutsideVaultLock, CrossReference, RuleSeverity.Error,
        "Copy retention is outside the destination vault's locked range",
        "Copies are kept {0} but destination vault '{1}' only accepts retentions {2}; AWS accepts the plan and then fails every copy job",
        "A copy job into a locked vault must carry a retention within [MinRetentionDays, MaxRetentionDays]", "4.6, 6.2");

    /// <summary>BK8001: restore testing start window.</summary>
    public static readonly RuleDescriptor RestoreTestingStartWindow = new(RuleIds.RestoreTestingStartWindow, RestoreTesting, RuleSeverity.Error,
        "Restore testing start window is out of range",
        "Restore testing start window of {0} is invalid: AWS accepts whole hours from 1 to 168",
        "StartWindowHours, when set, is 1 to 168 (default 24)", "7.1, 9");

    /// <summary>BK8002: restore testing selection window.</summary>
    public static readonly RuleDescriptor RestoreTestingSelectionWindow = new(RuleIds.RestoreTestingSelectionWindow, RestoreTesting, RuleSeverity.Error,
        "Restore testing selection window is out of range",
        "Restore testing selection window of {0} is outside the range AWS accepts (1 to 365 days)",
        "SelectionWindowDays, when set, is 1 to 365 (default 30)", "7.1, 9");

    /// <summary>BK8003: restore testing recovery point types.</summary>
    public static readonly RuleDescriptor RestoreTestingRecoveryPointTypes = new(RuleIds.RestoreTestingRecoveryPointTypes, RestoreTesting, RuleSeverity.Error,
        "Restore testing recovery point choice is invalid",
        "Restore testing recovery point selection is invalid: {0}",
        "Algorithm is LATEST_WITHIN_WINDOW or RANDOM_WITHIN_WINDOW; RecoveryPointTypes is a non-empty subset of SNAPSHOT, CONTINUOUS", "7.1");

    /// <summary>BK8004: restore testing vault selectors.</summary>
    public static readonly RuleDescriptor RestoreTestingVaults = new(RuleIds.RestoreTestingVaults, RestoreTesting, RuleSeverity.Error,
        "Restore testing vault selectors are invalid",
        "Restore testing vault selectors are invalid: {0}",
        "IncludeVaults is non-empty; each selector is '*' or a backup vault ARN or ARN pattern; at most 30 selectors", "7.1, 9");

    /// <summary>BK8005: restore testing protected resource type.</summary>
    public static readonly RuleDescriptor RestoreTestingResourceType = new(RuleIds.RestoreTestingResourceType, RestoreTesting, RuleSeverity.Error,
        "Resource type cannot be restore-tested",
        "Resource type '{0}' cannot be restore-tested; AWS accepts Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS or S3",
        "ProtectedResourceType is one of Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3", "3.4, 7.2");

    /// <summary>BK8006: restore testing protected resources.</summary>
    public static readonly RuleDescriptor RestoreTestingResources = new(RuleIds.RestoreTestingResources, RestoreTesting, RuleSeverity.Error,
        "Restore testing selection targets resources incorrectly",
        "Restore testing selection is invalid: {0}",
        "Either up to 30 explicit ProtectedResourceArns, or ProtectedResourceArns [\"*\"] optionally with conditions; never both, never '*' mixed with ARNs", "7.2");

    /// <summary>BK8007: restore testing conditions.</summary>
    public static readonly RuleDescriptor RestoreTestingConditions = new(RuleIds.RestoreTestingConditions, RestoreTesting, RuleSeverity.Error,
        "Restore testing condition is invalid",
        "Restore testing condition is invalid: {0}",
        "At most 30 conditions; Key 1 to 128 characters without an 'aws:' prefix, Value at most 256 characters, both of letters, digits, spaces and _.:/=+-@", "7.2");

    /// <summary>BK8008: restore testing validation window.</summary>
    public static readonly RuleDescriptor RestoreTestingValidationWindow = new(RuleIds.RestoreTestingValidationWindow, RestoreTesting, RuleSeverity.Error,
        "Restore testing validation window is out of range",
        "Restore testing validation window of {0} is invalid: AWS accepts whole hours from 0 to 168",
        "ValidationWindowHours, when set, is 0 to 168", "7.2");

    /// <summary>BK8009: restore testing selections per plan.</summary>
    public static readonly RuleDescriptor RestoreTestingSelectionsPerPlan = new(RuleIds.RestoreTestingSelectionsPerPlan, RestoreTesting, RuleSeverity.Error,
        "Restore testing plan has too many selections",
        "Restore testing plan has {0} selections; AWS allows at most 30",
        "At most 30 selections per restore testing plan (not adjustable)", "7.1, 9");

    /// <summary>BK8010: restore testing plan tags.</summary>
    public static readonly RuleDescriptor RestoreTestingPlanTags = new(RuleIds.RestoreTestingPlanTags, RestoreTesting, RuleSeverity.Error,
        "Restore testing plan has too many tags",
        "Restore testing plan has {0} tags; AWS allows at most 50",
        "At most 50 tags per restore testing plan (not adjustable)", "7.1, 9");

    /// <summary>BK8011: restore testing plans per account.</summary>
    public static readonly RuleDescriptor RestoreTestingPlanQuota = new(RuleIds.RestoreTestingPlanQuota, RestoreTesting, RuleSeverity.Error,
        "Posture exceeds the restore testing plan quota",
        "The posture declares {0} restore testing plans; AWS allows at most 100 per account",
        "At most 100 restore testing plans per account (not adjustable)", "7.1, 9");

    /// <summary>BK9001: framework name pattern.</summary>
    public static readonly RuleDescriptor FrameworkName = new(RuleIds.FrameworkName, Audit, RuleSeverity.Error,
        "Audit framework name is invalid",
        "Audit framework name '{0}' is invalid: AWS requires 1 to 256 letters, digits or underscores, starting with a letter",
        "FrameworkName matches [a-zA-Z][_a-zA-Z0-9]*, length 1 to 256", "3.1");

    /// <summary>BK9002: report plan name pattern.</summary>
    public static readonly RuleDescriptor ReportPlanName = new(RuleIds.ReportPlanName, Audit, RuleSeverity.Error,
        "Report plan name is invalid",
        "Report plan name '{0}' is invalid: AWS requires 1 to 256 letters, digits or underscores, starting with a letter",
        "ReportPlanName matches [a-zA-Z][_a-zA-Z0-9]*, length 1 to 256", "3.1");

    /// <summary>BK9003: framework and report plan descriptions.</summary>
    public static readonly RuleDescriptor AuditDescription = new(RuleIds.AuditDescription, Audit, RuleSeverity.Error,
        "Audit description is invalid",
        "The description of {0} '{1}' is invalid: AWS requires at most 1,024 characters including one that is not white space",
        "FrameworkDescription and ReportPlanDescription match .*\\S.*, length 0 to 1,024", "3.1");

    /// <summary>BK9004: unknown control name.</summary>
    public static readonly RuleDescriptor UnknownControl = new(RuleIds.UnknownControl, Audit, RuleSeverity.Error,
        "Audit control is unknown",
        "Control '{0}' is not an AWS Backup Audit Manager control; known controls: {1}",
        "ControlName is one of the AWS Backup Audit Manager controls", "peers B4");

    /// <summary>BK9005: control input parameters.</summary>
    public static readonly RuleDescriptor ControlParameter = new(RuleIds.ControlParameter, Audit, RuleSeverity.Error,
        "Audit control parameter is invalid",
        "Parameter '{0}' of control '{1}' is invalid: {2}",
        "Each control takes only its own input parameters, in their documented ranges (frequency 1-24 hours or 1-31 days; recovery point age 1-744 hours or 1-31 days, air-gapped 1-2,184 hours or 1-91 days; at most 5 principals)", "peers B4");

    /// <summary>BK9006: control scope.</summary>
    public static readonly RuleDescriptor ControlScope = new(RuleIds.ControlScope, Audit, RuleSeverity.Error,
        "Audit control scope is invalid",
        "The scope of control '{0}' is invalid: {1}",
        "A control scope names resource types, one tag key and value, or one resource id (with its resource type)", "peers B4");

    /// <summary>BK9007: frameworks per account and Region.</summary>
    public static readonly RuleDescriptor FrameworkQuota = new(RuleIds.FrameworkQuota, Audit, RuleSeverity.Warning,
        "More audit frameworks than the default quota",
        "The posture declares {0} audit frameworks; the default AWS quota is 15 per account and Region",
        "At most 15 frameworks per account and Region (adjustable)", "9");

    /// <summary>BK9008: controls per account and Region.</summary>
    public static readonly RuleDescriptor ControlQuota = new(RuleIds.ControlQuota, Audit, RuleSeverity.Warning,
        "More audit controls than the default quota",
        "The posture's frameworks declare {0} controls in all; the default AWS quota is 50 per account and Region (a control in two frameworks counts twice)",
        "At most 50 controls per account and Region over all frameworks (adjustable)", "9");

    /// <summary>BK9009: report plans per account.</summary>
    public static readonly RuleDescriptor ReportPlanQuota = new(RuleIds.ReportPlanQuota, Audit, RuleSeverity.Warning,
        "More report plans than the default quota",
        "The posture declares {0} report plans; the default AWS quota is 20 per account",
        "At most 20 report plans per account (adjustable)", "9");

    /// <summary>BK9010: report plan settings.</summary>
    public static readonly RuleDescriptor ReportSetting = new(RuleIds.ReportSetting, Audit, RuleSeverity.Error,
        "Report plan setting is invalid",
        "Report plan '{0}' is invalid: {1}",
        "ReportTemplate is a known template; compliance reports name 1 to 1,000 frameworks, job reports none; formats are CSV or JSON; an S3 bucket is required", "9");

    /// <summary>BK9101: a plan of the posture fails a control of a framework the posture declares.</summary>
    public static readonly RuleDescriptor PlanFailsFrameworkControl = new(RuleIds.PlanFailsFrameworkControl, Audit, RuleSeverity.Error,
        "Backup plan fails a control of a declared framework",
        "Backup plan '{0}' fails control '{1}' of framework '{2}': {3}",
        "A posture's own backup plans satisfy the controls of the frameworks it declares, as AWS Backup Audit Manager will evaluate them", "peers B4");

    private static readonly RuleDescriptor[] s_all =
    [
        RuleWithoutRetention, PlanWithoutCrossRegionCopy, VaultWithoutLock,
        ResourceTypeWithoutRestoreTesting, DatabaseWithoutContinuousBackup, SelectionOnlyByArn, CopiesStayInSourceAccount, RestoreTestingWithoutValidationWindow,
        VaultName, PlanName, RuleName, SelectionName, DuplicateName, TagLength, RestoreTestingPlanName, RestoreTestingSelectionName,
        CronSyntax, CronFrequency, TimeZone, StartWindow, CompletionWindow, WholeMinutes, SchedulePresetArgument,
        DeleteAfterRange, ColdStorageRange, ColdToDeleteGap, ContinuousRetention, ContinuousColdStorage,
        RuleCount, CopyActionCount, CopyDestinationArn, RecoveryPointTagCount, IndexActions, AdvancedBackupSettings, AirGappedTargetArn, UnknownTargetVault, PlanQuota,
        IamRoleArn, EmptySelection, ResourceArnPattern, ResourceCount, SelectionTagCount, SelectionConditionCount, SelectionsPerPlan, TagSelectionsPerPlan, ConditionKey,
        KmsKeyArn, SnsTopicArn, NotificationEvents, LockMinRetention, LockMaxRetention, LockRange, LockChangeableFor, AirGappedRetention, AirGappedWithLock, VaultQuota, DeletionExceptionPrincipal,
        RuleRetentionOutsideVaultLock, CopyRetentionOutsideVaultLock,
        RestoreTestingStartWindow, RestoreTestingSelectionWindow, RestoreTestingRecoveryPointTypes, RestoreTestingVaults, RestoreTestingResourceType,
        RestoreTestingResources, RestoreTestingConditions, RestoreTestingValidationWindow, RestoreTestingSelectionsPerPlan, RestoreTestingPlanTags, RestoreTestingPlanQuota,
        FrameworkName, ReportPlanName, AuditDescription, UnknownControl, ControlParameter, ControlScope, FrameworkQuota, ControlQuota, ReportPlanQuota, ReportSetting,
        PlanFailsFrameworkControl,
    ];

    /// <summary>Gets every rule, in id order.</summary>
    public static IReadOnlyList<RuleDescriptor> All => s_all;

    /// <summary>Returns the documentation page of a rule.</summary>
    /// <param name="ruleId">The rule id, e.g. <c>BK3003</c>.</param>
    /// <returns>The help link.</returns>
    public static string GetHelpLink(string ruleId) => HelpLinkBase + ruleId + ".md";

    /// <summary>Finds a rule by id.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <returns>The rule, or <see langword="null"/> when no rule has that id.</returns>
    public static RuleDescriptor? Find(string ruleId)
    {
        foreach (var rule in s_all)
        {
            if (string.Equals(rule.Id, ruleId, System.StringComparison.Ordinal))
            {
                return rule;
            }
        }

        return null;
    }
}
