// Linked into the netstandard2.0 analyzer project: BCL only, no records, no init, no Span-only APIs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupKit.Rules;

/// <summary>Restore testing plan and selection rules (BK8xxx).</summary>
internal static class RestoreTestingRules
{
    /// <summary>The most selections per restore testing plan.</summary>
    public const int MaxSelectionsPerPlan = AwsFacts.MaxRestoreTestingSelectionsPerPlan;

    /// <summary>The most tags per restore testing plan.</summary>
    public const int MaxTagsPerPlan = AwsFacts.MaxRestoreTestingTagsPerPlan;

    /// <summary>The most restore testing plans per account.</summary>
    public const int MaxPlansPerAccount = AwsFacts.MaxRestoreTestingPlans;

    /// <summary>The most explicit ARNs, conditions or vault selectors in a restore testing plan or selection.</summary>
    public const int MaxItems = AwsFacts.MaxRestoreTestingItems;

    private static readonly string[] s_resourceTypes = { "Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3" };

    // The service model's KeyValue patterns: no 'aws:' prefix; letters, separators, digits and _.:/=+-@.
    private static readonly Regex s_conditionKey = new("^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}\\z", RegexOptions.CultureInvariant);
    private static readonly Regex s_conditionValue = new("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}\\z", RegexOptions.CultureInvariant);
    private static readonly Regex s_vaultSelector = new("^arn:aws(-[a-z]+)*:backup:[a-z0-9*-]+:(\\d{12}|\\*):backup-vault:[a-zA-Z0-9_*-]+\\z", RegexOptions.CultureInvariant);

    /// <summary>Gets the resource types restore testing accepts.</summary>
    public static IReadOnlyList<string> ResourceTypes => s_resourceTypes;

    /// <summary>Checks a restore testing start window (BK8001): whole hours, 1 to 168. <see langword="null"/> means the default of 24 hours.</summary>
    /// <param name="startWindow">The start window.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckStartWindow(TimeSpan? startWindow) =>
        startWindow is not { } window || (IsWholeHours(window) && window.TotalHours >= 1 && window.TotalHours <= 168)
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.RestoreTestingStartWindow, "startWindow", Text(window),
                "Use whole hours from 1 to 168, e.g. TimeSpan.FromHours(24), or leave it unset (24 hours).", Text(window)));

    /// <summary>Checks a selection window (BK8002): 1 to 365 days. <see langword="null"/> means the default of 30 days.</summary>
    /// <param name="selectionWindowDays">The selection window in days, or <see langword="null"/>.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckSelectionWindow(long? selectionWindowDays) =>
        selectionWindowDays is not { } days || (days >= 1 && days <= 365)
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.RestoreTestingSelectionWindow, "recoveryPointSelection.selectionWindow", RuleViolation.Days(days),
                "Consider recovery points of the last 1 to 365 days, or leave the window unset (30 days).", RuleViolation.Days(days)));

    /// <summary>
    /// Checks a recovery point selection (BK8002 window, BK8003 algorithm and types, BK8004 vault selectors).
    /// </summary>
    /// <param name="algorithm">The AWS algorithm value, e.g. <c>LATEST_WITHIN_WINDOW</c>.</param>
    /// <param name="recoveryPointTypes">The AWS recovery point type values, e.g. <c>SNAPSHOT</c>.</param>
    /// <param name="includeVaults">The vaults to include.</param>
    /// <param name="excludeVaults">The vaults to exclude.</param>
    /// <param name="selectionWindowDays">The selection window in days, or <see langword="null"/> for the default of 30.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckRecoveryPointSelection(
        string? algorithm,
        IReadOnlyList<string> recoveryPointTypes,
        IReadOnlyList<string> includeVaults,
        IReadOnlyList<string> excludeVaults,
        long? selectionWindowDays)
    {
        var violations = new List<RuleViolation>(CheckSelectionWindow(selectionWindowDays));

        if (algorithm != "LATEST_WITHIN_WINDOW" && algorithm != "RANDOM_WITHIN_WINDOW")
        {
            violations.Add(new RuleViolation(RuleCatalog.RestoreTestingRecoveryPointTypes, "recoveryPointSelection.algorithm", algorithm,
                "Use LATEST_WITHIN_WINDOW or RANDOM_WITHIN_WINDOW.", "'" + algorithm + "' is not an algorithm"));
        }

        if (recoveryPointTypes.Count == 0)
        {
            violations.Add(new RuleViolation(RuleCatalog.RestoreTestingRecoveryPointTypes, "recoveryPointSelection.recoveryPointTypes", "[]",
                "Choose SNAPSHOT, CONTINUOUS or both.", "no recovery point type is chosen"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in recoveryPointTypes)
        {
            if ((type != "SNAPSHOT" && type != "CONTINUOUS") || !seen.Add(type))
            {
                violations.Add(new RuleViolation(RuleCatalog.RestoreTestingRecoveryPointTypes, "recoveryPointSelection.recoveryPointTypes", type,
                    "List SNAPSHOT and/or CONTINUOUS, each once.", "'" + type + "' is not a recovery point type or is listed twice"));
            }
        }

        if (includeVaults.Count == 0)
        {
            violations.Add(new RuleViolation(RuleCatalog.RestoreTestingVaults, "recoveryPointSelection.includeVaults", "[]",
                "Include '*' for every vault, or vault ARNs / ARN patterns such as 'arn:aws:backup:*:*:backup-vault:prod-*'.", "no vault is included"));
        }

        AddVaultSelectorViolations(violations, "includeVaults", includeVaults);
        AddVaultSelectorViolations(violations, "excludeVaults", excludeVaults);
        if (includeVaults.Count + excludeVaults.Count > MaxItems)
        {
            violations.Add(new RuleViolation(RuleCatalog.RestoreTestingVaults, "recoveryPointSelection", (includeVaults.Count + excludeVaults.Count).ToString(CultureInfo.InvariantCulture),
                "Use ARN patterns to cover several vaults with one selector.", "there are more than 30 vault selectors"));
        }

        return violations;
    }

    /// <summary>Checks a protected resource type (BK8005).</summary>
    /// <param name="resourceType">The type, e.g. <c>RDS</c>.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckResourceType(string? resourceType) =>
        resourceType is not null && Array.IndexOf(s_resourceTypes, resourceType) >= 0
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.RestoreTestingResourceType, "protectedResourceType", resourceType,
                "Use one of " + string.Join(", ", s_resourceTypes) + " (exact case); test each type in its own selection.", resourceType ?? "(null)"));

    /// <summary>
    /// Checks how a selection targets resources (BK8006): up to 30 explicit ARNs, or <c>*</c> optionally with conditions.
    /// </summary>
    /// <param name="protectedResourceArns">The ARNs, or a single <c>*</c>.</param>
    /// <param name="conditionCount">The number of conditions.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckProtectedResources(IReadOnlyList<string> protectedResourceArns, int conditionCount)
    {
        var hasWildcard = false;
        foreach (var arn in protectedResourceArns)
        {
            hasWildcard |= arn == "*";
        }

        string? problem = null;
        string fix = "Either list up to 30 resource ARNs, or use AllProtectedResources() with optional tag conditions.";
        if (protectedResourceArns.Count == 0)
        {
            problem = "it selects no resources";
        }
        else if (hasWildcard && protectedResourceArns.Count > 1)
        {
            problem = "'*' cannot be combined with explicit ARNs";
        }
        else if (!hasWildcard && conditionCount > 0)
        {
            problem = "tag conditions only apply with ProtectedResourceArns ['*'], not with explicit ARNs";
        }
        else if (protectedResourceArns.Count > MaxItems)
        {
            problem = "it lists " + protectedResourceArns.Count.ToString(CultureInfo.InvariantCulture) + " ARNs; at most 30 are allowed";
            fix = "Split the ARNs across selections, or use AllProtectedResources() with tag conditions.";
        }
        else
        {
            foreach (var arn in protectedResourceArns)
            {
                if (arn != "*" && (arn is null || !Arns.Any.IsMatch(arn) || arn.IndexOf('*') >= 0))
                {
                    problem = "'" + arn + "' is not a resource ARN (wildcards are not allowed in explicit ARNs)";
                    break;
                }
            }
        }

        return problem is null
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.RestoreTestingResources, "protectedResourceArns", "[" + string.Join(", ", protectedResourceArns) + "]", fix, problem));
    }

    /// <summary>Checks restore testing tag conditions (BK8007): at most 30; keys and values of the allowed characters; no <c>aws:</c> key prefix.</summary>
    /// <param name="conditions">The conditions as key/value pairs (equals and not-equals together).</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckConditions(IReadOnlyList<KeyValuePair<string, string>> conditions)
    {
        var violations = new List<RuleViolation>();
        if (conditions.Count > MaxItems)
        {
            violations.Add(new RuleViolation(RuleCatalog.RestoreTestingConditions, "conditions", conditions.Count.ToString(CultureInfo.InvariantCulture),
                "Use at most 30 conditions.", "there are " + conditions.Count.ToString(CultureInfo.InvariantCulture) + " conditions; at most 30 are allowed"));
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            var member = "conditions[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var key = conditions[i].Key;
            var value = conditions[i].Value;
            if (key is null || !s_conditionKey.IsMatch(key))
            {
                violations.Add(new RuleViolation(RuleCatalog.RestoreTestingConditions, member, key,
                    "Use the bare tag key (no 'aws:' or 'aws:ResourceTag/' prefix), 1 to 128 letters, digits, spaces or _.:/=+-@.",
                    "key '" + key + "' is not accepted"));
            }

            if (value is null || !s_conditionValue.IsMatch(value))
            {
                violations.Add(new RuleViolation(RuleCatalog.RestoreTestingConditions, member, value,
                    "Use a value of at most 256 letters, digits, spaces or _.:/=+-@ (no wildcards).", "value '" + value + "' is not accepted"));
            }
        }

        return violations;
    }

    /// <summary>Checks a validation window (BK8008): whole hours, 0 to 168. <see langword="null"/> is valid.</summary>
    /// <param name="validationWindow">The validation window.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckValidationWindow(TimeSpan? validationWindow) =>
        validationWindow is not { } window || (IsWholeHours(window) && window.TotalHours >= 0 && window.TotalHours <= 168)
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.RestoreTestingValidationWindow, "validationWindow", Text(window),
                "Keep restored resources for whole hours from 0 to 168, e.g. TimeSpan.FromHours(4).", Text(window)));

    /// <summary>Checks the size limits of a restore testing plan (BK8009 selections, BK8010 tags).</summary>
    /// <param name="selectionCount">The number of selections.</param>
    /// <param name="tagCount">The number of tags.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckPlanLimits(int selectionCount, int tagCount)
    {
        var violations = new List<RuleViolation>();
        if (selectionCount > MaxSelectionsPerPlan)
        {
            violations.Add(new RuleViolation(RuleCatalog.RestoreTestingSelectionsPerPlan, "selections", selectionCount.ToString(CultureInfo.InvariantCulture),
                "Split the selections across restore testing plans.", selectionCount));
        }

        if (tagCount > MaxTagsPerPlan)
        {
            violations.Add(new RuleViolation(RuleCatalog.RestoreTestingPlanTags, "tags", tagCount.ToString(CultureInfo.InvariantCulture),
                "Keep at most 50 tags on a restore testing plan.", tagCount));
        }

        return violations;
    }

    /// <summary>Checks the number of restore testing plans (BK8011): at most 100 per account.</summary>
    /// <param name="planCount">The number of plans.</param>
    /// <returns>The violations; empty when valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckPlanQuota(int planCount) =>
        planCount <= MaxPlansPerAccount
            ? Violations.None
            : Violations.One(new RuleViolation(RuleCatalog.RestoreTestingPlanQuota, "restoreTestingPlans", planCount.ToString(CultureInfo.InvariantCulture),
                "Test several resource types from one plan (30 selections per plan).", planCount));

    private static void AddVaultSelectorViolations(List<RuleViolation> violations, string listName, IReadOnlyList<string> selectors)
    {
        for (var i = 0; i < selectors.Count; i++)
        {
            var selector = selectors[i];
            if (selector != "*" && (selector is null || !s_vaultSelector.IsMatch(selector)))
            {
                violations.Add(new RuleViolation(RuleCatalog.RestoreTestingVaults, "recoveryPointSelection." + listName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", selector,
                    "Use '*', a vault ARN, or an ARN pattern such as 'arn:aws:backup:*:*:backup-vault:prod-*'.",
                    "'" + selector + "' is not '*' or a backup vault ARN"));
            }
        }
    }

    private static bool IsWholeHours(TimeSpan window) => window.Ticks % TimeSpan.TicksPerHour == 0;

    private static string Text(TimeSpan window) => DurationText.Format(window);
}
