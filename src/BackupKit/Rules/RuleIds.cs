// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
namespace BackupKit.Rules;

/// <summary>The ids of the BackupKit rules; diagnostic ids and validation error codes are the same.</summary>
public static class RuleIds
{
    /// <summary>BK1001: see <see cref="RuleCatalog.RuleWithoutRetention"/>.</summary>
    public const string RuleWithoutRetention = "BK1001";

    /// <summary>BK1002: see <see cref="RuleCatalog.PlanWithoutCrossRegionCopy"/>.</summary>
    public const string PlanWithoutCrossRegionCopy = "BK1002";

    /// <summary>BK1003: see <see cref="RuleCatalog.VaultWithoutLock"/>.</summary>
    public const string VaultWithoutLock = "BK1003";

    /// <summary>BK1004: see <see cref="RuleCatalog.ResourceTypeWithoutRestoreTesting"/>.</summary>
    public const string ResourceTypeWithoutRestoreTesting = "BK1004";

    /// <summary>BK1005: see <see cref="RuleCatalog.DatabaseWithoutContinuousBackup"/>.</summary>
    public const string DatabaseWithoutContinuousBackup = "BK1005";

    /// <summary>BK1006: see <see cref="RuleCatalog.SelectionOnlyByArn"/>.</summary>
    public const string SelectionOnlyByArn = "BK1006";

    /// <summary>BK1007: see <see cref="RuleCatalog.CopiesStayInSourceAccount"/>.</summary>
    public const string CopiesStayInSourceAccount = "BK1007";

    /// <summary>BK1008: see <see cref="RuleCatalog.RestoreTestingWithoutValidationWindow"/>.</summary>
    public const string RestoreTestingWithoutValidationWindow = "BK1008";

    /// <summary>BK1101: see <see cref="RuleCatalog.VaultName"/>.</summary>
    public const string VaultName = "BK1101";

    /// <summary>BK1102: see <see cref="RuleCatalog.PlanName"/>.</summary>
    public const string PlanName = "BK1102";

    /// <summary>BK1103: see <see cref="RuleCatalog.RuleName"/>.</summary>
    public const string RuleName = "BK1103";

    /// <summary>BK1104: see <see cref="RuleCatalog.SelectionName"/>.</summary>
    public const string SelectionName = "BK1104";

    /// <summary>BK1105: see <see cref="RuleCatalog.DuplicateName"/>.</summary>
    public const string DuplicateName = "BK1105";

    /// <summary>BK1106: see <see cref="RuleCatalog.TagLength"/>.</summary>
    public const string TagLength = "BK1106";

    /// <summary>BK1107: see <see cref="RuleCatalog.RestoreTestingPlanName"/>.</summary>
    public const string RestoreTestingPlanName = "BK1107";

    /// <summary>BK1108: see <see cref="RuleCatalog.RestoreTestingSelectionName"/>.</summary>
    public const string RestoreTestingSelectionName = "BK1108";

    /// <summary>BK2001: see <see cref="RuleCatalog.CronSyntax"/>.</summary>
    public const string CronSyntax = "BK2001";

    /// <summary>BK2002: see <see cref="RuleCatalog.CronFrequency"/>.</summary>
    public const string CronFrequency = "BK2002";

    /// <summary>BK2003: see <see cref="RuleCatalog.TimeZone"/>.</summary>
    public const string TimeZone = "BK2003";

    /// <summary>BK2004: see <see cref="RuleCatalog.StartWindow"/>.</summary>
    public const string StartWindow = "BK2004";

    /// <summary>BK2005: see <see cref="RuleCatalog.CompletionWindow"/>.</summary>
    public const string CompletionWindow = "BK2005";

    /// <summary>BK2006: see <see cref="RuleCatalog.WholeMinutes"/>.</summary>
    public const string WholeMinutes = "BK2006";

    /// <summary>BK2007: see <see cref="RuleCatalog.SchedulePresetArgument"/>.</summary>
    public const string SchedulePresetArgument = "BK2007";

    /// <summary>BK3001: see <see cref="RuleCatalog.DeleteAfterRange"/>.</summary>
    public const string DeleteAfterRange = "BK3001";

    /// <summary>BK3002: see <see cref="RuleCatalog.ColdStorageRange"/>.</summary>
    public const string ColdStorageRange = "BK3002";

    /// <summary>BK3003: see <see cref="RuleCatalog.ColdToDeleteGap"/>.</summary>
    public const string ColdToDeleteGap = "BK3003";

    /// <summary>BK3004: see <see cref="RuleCatalog.ContinuousRetention"/>.</summary>
    public const string ContinuousRetention = "BK3004";

    /// <summary>BK3005: see <see cref="RuleCatalog.ContinuousColdStorage"/>.</summary>
    public const string ContinuousColdStorage = "BK3005";

    /// <summary>BK4001: see <see cref="RuleCatalog.RuleCount"/>.</summary>
    public const string RuleCount = "BK4001";

    /// <summary>BK4002: see <see cref="RuleCatalog.CopyActionCount"/>.</summary>
    public const string CopyActionCount = "BK4002";

    /// <summary>BK4003: see <see cref="RuleCatalog.CopyDestinationArn"/>.</summary>
    public const string CopyDestinationArn = "BK4003";

    /// <summary>BK4004: see <see cref="RuleCatalog.RecoveryPointTagCount"/>.</summary>
    public const string RecoveryPointTagCount = "BK4004";

    /// <summary>BK4005: see <see cref="RuleCatalog.IndexActions"/>.</summary>
    public const string IndexActions = "BK4005";

    /// <summary>BK4006: see <see cref="RuleCatalog.AdvancedBackupSettings"/>.</summary>
    public const string AdvancedBackupSettings = "BK4006";

    /// <summary>BK4007: see <see cref="RuleCatalog.AirGappedTargetArn"/>.</summary>
    public const string AirGappedTargetArn = "BK4007";

    /// <summary>BK4008: see <see cref="RuleCatalog.UnknownTargetVault"/>.</summary>
    public const string UnknownTargetVault = "BK4008";

    /// <summary>BK4009: see <see cref="RuleCatalog.PlanQuota"/>.</summary>
    public const string PlanQuota = "BK4009";

    /// <summary>BK5001: see <see cref="RuleCatalog.IamRoleArn"/>.</summary>
    public const string IamRoleArn = "BK5001";

    /// <summary>BK5002: see <see cref="RuleCatalog.EmptySelection"/>.</summary>
    public const string EmptySelection = "BK5002";

    /// <summary>BK5003: see <see cref="RuleCatalog.ResourceArnPattern"/>.</summary>
    public const string ResourceArnPattern = "BK5003";

    /// <summary>BK5004: see <see cref="RuleCatalog.ResourceCount"/>.</summary>
    public const string ResourceCount = "BK5004";

    /// <summary>BK5005: see <see cref="RuleCatalog.SelectionTagCount"/>.</summary>
    public const string SelectionTagCount = "BK5005";

    /// <summary>BK5006: see <see cref="RuleCatalog.SelectionConditionCount"/>.</summary>
    public const string SelectionConditionCount = "BK5006";

    /// <summary>BK5007: see <see cref="RuleCatalog.SelectionsPerPlan"/>.</summary>
    public const string SelectionsPerPlan = "BK5007";

    /// <summary>BK5008: see <see cref="RuleCatalog.TagSelectionsPerPlan"/>.</summary>
    public const string TagSelectionsPerPlan = "BK5008";

    /// <summary>BK5009: see <see cref="RuleCatalog.ConditionKey"/>.</summary>
    public const string ConditionKey = "BK5009";

    /// <summary>BK6001: see <see cref="RuleCatalog.KmsKeyArn"/>.</summary>
    public const string KmsKeyArn = "BK6001";

    /// <summary>BK6002: see <see cref="RuleCatalog.SnsTopicArn"/>.</summary>
    public const string SnsTopicArn = "BK6002";

    /// <summary>BK6003: see <see cref="RuleCatalog.NotificationEvents"/>.</summary>
    public const string NotificationEvents = "BK6003";

    /// <summary>BK6004: see <see cref="RuleCatalog.LockMinRetention"/>.</summary>
    public const string LockMinRetention = "BK6004";

    /// <summary>BK6005: see <see cref="RuleCatalog.LockMaxRetention"/>.</summary>
    public const string LockMaxRetention = "BK6005";

    /// <summary>BK6006: see <see cref="RuleCatalog.LockRange"/>.</summary>
    public const string LockRange = "BK6006";

    /// <summary>BK6007: see <see cref="RuleCatalog.LockChangeableFor"/>.</summary>
    public const string LockChangeableFor = "BK6007";

    /// <summary>BK6008: see <see cref="RuleCatalog.AirGappedRetention"/>.</summary>
    public const string AirGappedRetention = "BK6008";

    /// <summary>BK6009: see <see cref="RuleCatalog.AirGappedWithLock"/>.</summary>
    public const string AirGappedWithLock = "BK6009";

    /// <summary>BK6010: see <see cref="RuleCatalog.VaultQuota"/>.</summary>
    public const string VaultQuota = "BK6010";

    /// <summary>BK6011: see <see cref="RuleCatalog.DeletionExceptionPrincipal"/>.</summary>
    public const string DeletionExceptionPrincipal = "BK6011";

    /// <summary>BK7001: see <see cref="RuleCatalog.RuleRetentionOutsideVaultLock"/>.</summary>
    public const string RuleRetentionOutsideVaultLock = "BK7001";

    /// <summary>BK7002: see <see cref="RuleCatalog.CopyRetentionOutsideVaultLock"/>.</summary>
    public const string CopyRetentionOutsideVaultLock = "BK7002";

    /// <summary>BK8001: see <see cref="RuleCatalog.RestoreTestingStartWindow"/>.</summary>
    public const string RestoreTestingStartWindow = "BK8001";

    /// <summary>BK8002: see <see cref="RuleCatalog.RestoreTestingSelectionWindow"/>.</summary>
    public const string RestoreTestingSelectionWindow = "BK8002";

    /// <summary>BK8003: see <see cref="RuleCatalog.RestoreTestingRecoveryPointTypes"/>.</summary>
    public const string RestoreTestingRecoveryPointTypes = "BK8003";

    /// <summary>BK8004: see <see cref="RuleCatalog.RestoreTestingVaults"/>.</summary>
    public const string RestoreTestingVaults = "BK8004";

    /// <summary>BK8005: see <see cref="RuleCatalog.RestoreTestingResourceType"/>.</summary>
    public const string RestoreTestingResourceType = "BK8005";

    /// <summary>BK8006: see <see cref="RuleCatalog.RestoreTestingResources"/>.</summary>
    public const string RestoreTestingResources = "BK8006";

    /// <summary>BK8007: see <see cref="RuleCatalog.RestoreTestingConditions"/>.</summary>
    public const string RestoreTestingConditions = "BK8007";

    /// <summary>BK8008: see <see cref="RuleCatalog.RestoreTestingValidationWindow"/>.</summary>
    public const string RestoreTestingValidationWindow = "BK8008";

    /// <summary>BK8009: see <see cref="RuleCatalog.RestoreTestingSelectionsPerPlan"/>.</summary>
    public const string RestoreTestingSelectionsPerPlan = "BK8009";

    /// <summary>BK8010: see <see cref="RuleCatalog.RestoreTestingPlanTags"/>.</summary>
    public const string RestoreTestingPlanTags = "BK8010";

    /// <summary>BK8011: see <see cref="RuleCatalog.RestoreTestingPlanQuota"/>.</summary>
    public const string RestoreTestingPlanQuota = "BK8011";

    /// <summary>BK9001: see <see cref="RuleCatalog.FrameworkName"/>.</summary>
    public const string FrameworkName = "BK9001";

    /// <summary>BK9002: see <see cref="RuleCatalog.ReportPlanName"/>.</summary>
    public const string ReportPlanName = "BK9002";

    /// <summary>BK9003: see <see cref="RuleCatalog.AuditDescription"/>.</summary>
    public const string AuditDescription = "BK9003";

    /// <summary>BK9004: see <see cref="RuleCatalog.UnknownControl"/>.</summary>
    public const string UnknownControl = "BK9004";

    /// <summary>BK9005: see <see cref="RuleCatalog.ControlParameter"/>.</summary>
    public const string ControlParameter = "BK9005";

    /// <summary>BK9006: see <see cref="RuleCatalog.ControlScope"/>.</summary>
    public const string ControlScope = "BK9006";

    /// <summary>BK9007: see <see cref="RuleCatalog.FrameworkQuota"/>.</summary>
    public const string FrameworkQuota = "BK9007";

    /// <summary>BK9008: see <see cref="RuleCatalog.ControlQuota"/>.</summary>
    public const string ControlQuota = "BK9008";

    /// <summary>BK9009: see <see cref="RuleCatalog.ReportPlanQuota"/>.</summary>
    public const string ReportPlanQuota = "BK9009";

    /// <summary>BK9010: see <see cref="RuleCatalog.ReportSetting"/>.</summary>
    public const string ReportSetting = "BK9010";

    /// <summary>BK9101: see <see cref="RuleCatalog.PlanFailsFrameworkControl"/>.</summary>
    public const string PlanFailsFrameworkControl = "BK9101";
}
