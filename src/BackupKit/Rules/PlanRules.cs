// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace BackupKit.Rules;

/// <summary>Backup plan and rule structure rules (BK4xxx).</summary>
internal static class PlanRules
{
    /// <summary>The most rules a plan may have (not adjustable).</summary>
    public const int MaxRulesPerPlan = AwsFacts.MaxRulesPerPlan;

    /// <summary>The most copy actions a rule may have (not adjustable).</summary>
    public const int MaxCopyActionsPerRule = AwsFacts.MaxCopyActionsPerRule;

    /// <summary>The most tags a rule may add to each recovery point (not adjustable).</summary>
    public const int MaxRecoveryPointTags = AwsFacts.MaxRecoveryPointTags;

    /// <summary>The default quota of backup plans per account and Region (adjustable).</summary>
    public const int DefaultPlanQuota = AwsFacts.DefaultPlanQuota;

    /// <summary>Checks the number of rules of a plan (BK4001): 1 to 10.</summary>
    /// <param name="ruleCount">The number of rules.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRuleCount(int ruleCount) =>
        ruleCount >= 1 && ruleCount <= MaxRulesPerPlan
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.RuleCount, "rules", Count(ruleCount),
                ruleCount < 1 ? "Add at least one rule (or apply a preset such as BackupPlanPreset.Daily35DayRetention)." : "Split the rules across several plans (at most 10 per plan).",
                ruleCount));

    /// <summary>Checks the number of copy actions of a rule (BK4002): at most 5.</summary>
    /// <param name="copyActionCount">The number of copy actions.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckCopyActionCount(int copyActionCount) =>
        copyActionCount <= MaxCopyActionsPerRule
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.CopyActionCount, "copyActions", Count(copyActionCount),
                "Keep at most 5 copy actions per rule; add another rule with the same schedule for more destinations.", copyActionCount));

    /// <summary>Checks a copy action's destination vault ARN (BK4003).</summary>
    /// <param name="destinationVaultArn">The ARN.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckCopyDestinationArn(string? destinationVaultArn) =>
        destinationVaultArn is not null && Arns.BackupVault.IsMatch(destinationVaultArn)
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.CopyDestinationArn, "destinationVaultArn", destinationVaultArn,
                "Use the full vault ARN, e.g. 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr-vault'.", destinationVaultArn ?? "(null)"));

    /// <summary>Checks the ARN of a logically air-gapped target vault (BK4007).</summary>
    /// <param name="vaultArn">The ARN.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckAirGappedTargetArn(string? vaultArn) =>
        vaultArn is null || Arns.BackupVault.IsMatch(vaultArn)
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.AirGappedTargetArn, "targetLogicallyAirGappedVaultArn", vaultArn,
                "Use the ARN of a logically air-gapped vault in the same account and Region, e.g. 'arn:aws:backup:us-east-1:123456789012:backup-vault:air-gapped'.", vaultArn));

    /// <summary>Checks the recovery point tags of a rule (BK4004 count, BK1106 lengths).</summary>
    /// <param name="tags">The tags.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRecoveryPointTags(IReadOnlyCollection<KeyValuePair<string, string>> tags)
    {
        var violations = new List<RuleViolation>();
        foreach (var tag in NameRules.CheckTags(tags))
        {
            violations.Add(new RuleViolation(tag.Rule, "recoveryPointTags" + tag.Member, tag.Value, tag.Fix, new List<object?>(tag.Arguments).ToArray()));
        }

        if (tags.Count > MaxRecoveryPointTags)
        {
            violations.Add(new RuleViolation(RuleCatalog.RecoveryPointTagCount, "recoveryPointTags", Count(tags.Count),
                "Keep at most 10 recovery point tags; resource tags are copied to recovery points anyway.", tags.Count));
        }

        return violations;
    }

    /// <summary>Checks the index actions of a rule (BK4005): at most one, holding exactly one of <c>EBS</c> or <c>S3</c>.</summary>
    /// <param name="indexActionResourceTypes">The resource types of each index action.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckIndexActions(IReadOnlyList<IReadOnlyList<string>> indexActionResourceTypes)
    {
        var violations = new List<RuleViolation>();
        if (indexActionResourceTypes.Count > 1)
        {
            violations.Add(new RuleViolation(RuleCatalog.IndexActions, "indexActions", Count(indexActionResourceTypes.Count),
                "Keep a single index action per rule; index the other resource type from a second rule.",
                "a rule can have at most one index action, this one has " + indexActionResourceTypes.Count.ToString(CultureInfo.InvariantCulture)));
        }

        for (var i = 0; i < indexActionResourceTypes.Count; i++)
        {
            var types = indexActionResourceTypes[i];
            var member = "indexActions[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (types.Count != 1)
            {
                violations.Add(new RuleViolation(RuleCatalog.IndexActions, member, "[" + string.Join(", ", types) + "]",
                    "List exactly one resource type: EBS or S3.", "an index action lists exactly one resource type, this one lists " + types.Count.ToString(CultureInfo.InvariantCulture)));
            }

            foreach (var type in types)
            {
                if (type != "EBS" && type != "S3")
                {
                    violations.Add(new RuleViolation(RuleCatalog.IndexActions, member, type,
                        "Use 'EBS' or 'S3' (upper case).", "'" + type + "' cannot be indexed; AWS indexes EBS and S3 backups only"));
                }
            }
        }

        return violations;
    }

    /// <summary>
    /// Checks one advanced backup setting (BK4006): <c>EC2</c> with <c>WindowsVSS</c>, or <c>S3</c> with
    /// <c>BackupACLs</c> and/or <c>BackupObjectTags</c>; every value <c>enabled</c> or <c>disabled</c>.
    /// </summary>
    /// <param name="resourceType">The resource type.</param>
    /// <param name="options">The options.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckAdvancedBackupSetting(string resourceType, IReadOnlyCollection<KeyValuePair<string, string>> options)
    {
        string[] allowed;
        if (resourceType == "EC2")
        {
            allowed = new[] { "WindowsVSS" };
        }
        else if (resourceType == "S3")
        {
            allowed = new[] { "BackupACLs", "BackupObjectTags" };
        }
        else
        {
            return Violations.One(new RuleViolation(RuleCatalog.AdvancedBackupSettings, "resourceType", resourceType,
                "Use 'EC2' (WindowsVSS) or 'S3' (BackupACLs, BackupObjectTags).", "resource type '" + resourceType + "' has no advanced backup options"));
        }

        var violations = new List<RuleViolation>();
        if (options.Count == 0)
        {
            violations.Add(new RuleViolation(RuleCatalog.AdvancedBackupSettings, "options", "{}",
                "Set at least one option, or remove the setting.", "the " + resourceType + " setting has no options"));
        }

        foreach (var option in options)
        {
            if (Array.IndexOf(allowed, option.Key) < 0)
            {
                violations.Add(new RuleViolation(RuleCatalog.AdvancedBackupSettings, "options[" + option.Key + "]", option.Key,
                    "Use " + string.Join(" or ", allowed) + " for " + resourceType + ".", "'" + option.Key + "' is not an option of " + resourceType));
            }
            else if (option.Value != "enabled" && option.Value != "disabled")
            {
                violations.Add(new RuleViolation(RuleCatalog.AdvancedBackupSettings, "options[" + option.Key + "]", option.Value,
                    "Use 'enabled' or 'disabled'.", "'" + option.Value + "' is not a value of " + option.Key));
            }
        }

        return violations;
    }

    /// <summary>Checks the number of backup plans against the default quota (BK4009, a warning).</summary>
    /// <param name="planCount">The number of plans.</param>
    /// <returns>The violations; empty when within the default quota.</returns>
    public static IReadOnlyList<RuleViolation> CheckPlanQuota(int planCount) =>
        planCount <= DefaultPlanQuota
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.PlanQuota, "plans", Count(planCount),
                "Request a quota increase in Service Quotas, or consolidate plans (one plan can hold 10 rules and 100 selections).", planCount));

    /// <summary>Checks that a rule's target vault is declared (BK4008).</summary>
    /// <param name="targetVaultName">The target vault name.</param>
    /// <param name="isDeclared">Whether the posture declares a vault with that name.</param>
    /// <param name="isExternal">Whether the rule says the vault is managed elsewhere.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckTargetVaultDeclared(string? targetVaultName, bool isDeclared, bool isExternal) =>
        string.IsNullOrEmpty(targetVaultName)
            ? Violations.One(new RuleViolation(RuleCatalog.UnknownTargetVault, "targetVault", null,
                "Choose the vault the rule backs up to with InVault(\"name\").", "(none)"))
            : isDeclared || isExternal
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.UnknownTargetVault, "targetVault", targetVaultName,
                "Declare the vault with AddVault(\"" + targetVaultName + "\", ...), or use InExistingVault(\"" + targetVaultName + "\") if it is managed elsewhere (e.g. 'Default').",
                targetVaultName));

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
