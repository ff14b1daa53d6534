using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackupKit.Model;

namespace BackupKit.Mapping;

/// <summary>
/// Brings declared and live objects to one canonical form before they are compared, so that what AWS fills in
/// (8-hour start window, 7-day completion window, <c>cron(0 5 ? * * *)</c>, <c>Etc/UTC</c>), what it may reorder
/// (resources, conditions, events, rules, copy actions) and what it reformats (policy JSON) never shows as a difference.
/// </summary>
internal static class PostureNormalizer
{
    /// <summary>The plan document only (rules, advanced settings, tags); selections are compared one by one.</summary>
    public static BackupPlan NormalizeDocument(BackupPlan plan) => plan with
    {
        Rules = new ValueList<BackupRule>(plan.Rules.Select(Normalize).OrderBy(r => r.Name, StringComparer.Ordinal)),
        Selections = ValueList<BackupSelection>.Empty,
        AdvancedBackupSettings = new ValueList<AdvancedBackupSetting>(plan.AdvancedBackupSettings.OrderBy(s => s.ResourceType, StringComparer.Ordinal)),
    };

    public static BackupRule Normalize(BackupRule rule) => rule with
    {
        TargetVaultIsExternal = false,
        KeepsForeverDeliberately = false,
        Schedule = new BackupSchedule
        {
            CronExpression = rule.Schedule?.CronExpression.Trim() ?? AwsDefaults.ScheduleExpression,
            TimeZone = NormalizeTimeZone(rule.Schedule?.TimeZone),
        },
        StartWindow = rule.StartWindow ?? AwsDefaults.StartWindow,
        CompletionWindow = rule.CompletionWindow ?? AwsDefaults.CompletionWindow,
        Lifecycle = Normalize(rule.Lifecycle),
        CopyActions = new ValueList<CopyAction>(rule.CopyActions
            .Select(c => c with { Lifecycle = Normalize(c.Lifecycle) })
            .OrderBy(c => c.DestinationVaultArn, StringComparer.Ordinal)),
        IndexActions = new ValueList<IndexAction>(rule.IndexActions
            .Select(i => i with { ResourceTypes = Sorted(i.ResourceTypes) })
            .OrderBy(i => string.Join(",", i.ResourceTypes), StringComparer.Ordinal)),
    };

    /// <summary>A lifecycle that sets nothing is no lifecycle.</summary>
    public static Lifecycle? Normalize(Lifecycle? lifecycle) =>
        lifecycle is null || (lifecycle.DeleteAfter is null && lifecycle.MoveToColdStorageAfter is null && !lifecycle.OptInToArchiveForSupportedResources)
            ? null
            : lifecycle;

    /// <summary>The selection with its role resolved for the account and every list in a stable order.</summary>
    public static BackupSelection Normalize(BackupSelection selection, string? accountId, string partition) => selection with
    {
        IamRole = accountId is null ? selection.IamRole : IamRoleReference.FromArn(selection.IamRole.Resolve(accountId, partition)),
        Resources = Sorted(selection.Resources),
        NotResources = Sorted(selection.NotResources),
        ListOfTags = Sorted(selection.ListOfTags),
        Conditions = new SelectionConditions
        {
            StringEquals = Sorted(selection.Conditions.StringEquals),
            StringNotEquals = Sorted(selection.Conditions.StringNotEquals),
            StringLike = Sorted(selection.Conditions.StringLike),
            StringNotLike = Sorted(selection.Conditions.StringNotLike),
        },
    };

    /// <summary>A restore testing plan document (selections compared one by one) with AWS defaults filled in.</summary>
    public static RestoreTestingPlan Normalize(RestoreTestingPlan plan) => plan with
    {
        Schedule = new BackupSchedule { CronExpression = plan.Schedule.CronExpression.Trim(), TimeZone = NormalizeTimeZone(plan.Schedule.TimeZone) },
        StartWindow = plan.StartWindow ?? AwsDefaults.RestoreTestingStartWindow,
        RecoveryPointSelection = plan.RecoveryPointSelection with
        {
            RecoveryPointTypes = new ValueList<RestoreTestingRecoveryPointType>(plan.RecoveryPointSelection.RecoveryPointTypes.Distinct().Order()),
            IncludeVaults = Sorted(plan.RecoveryPointSelection.IncludeVaults),
            ExcludeVaults = Sorted(plan.RecoveryPointSelection.ExcludeVaults),
            SelectionWindow = plan.RecoveryPointSelection.SelectionWindow ?? AwsDefaults.RestoreTestingSelectionWindow,
        },
        Selections = ValueList<RestoreTestingSelection>.Empty,
    };

    /// <summary>A restore testing selection with its role resolved, lists in a stable order and metadata keys case-folded (AWS reads them case-insensitively).</summary>
    public static RestoreTestingSelection Normalize(RestoreTestingSelection selection, string? accountId, string partition) => selection with
    {
        IamRole = accountId is null ? selection.IamRole : IamRoleReference.FromArn(selection.IamRole.Resolve(accountId, partition)),
        ProtectedResourceArns = Sorted(selection.ProtectedResourceArns),
        Conditions = new RestoreTestingConditions
        {
            StringEquals = Sorted(selection.Conditions.StringEquals),
            StringNotEquals = Sorted(selection.Conditions.StringNotEquals),
        },
        RestoreMetadataOverrides = new ValueMap<string>(selection.RestoreMetadataOverrides
            .GroupBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Last().Value))),

        // Keeping restored resources for zero hours is deleting them at once, as with no window.
        ValidationWindow = selection.ValidationWindow == TimeSpan.Zero ? null : selection.ValidationWindow,
    };

    /// <summary>Notification events are a set: order and duplicates do not matter.</summary>
    public static VaultNotifications? Normalize(VaultNotifications? notifications) => notifications is null
        ? null
        : notifications with { Events = new ValueList<string>(notifications.Events.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) };

    /// <summary>
    /// The policy as compact JSON with object keys sorted, so that whitespace and key order do not count. A
    /// document that is not JSON is compared as trimmed text.
    /// </summary>
    public static string? NormalizePolicy(string? policy)
    {
        if (string.IsNullOrWhiteSpace(policy))
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(policy);
            var builder = new StringBuilder(policy.Length);
            WriteCanonical(node, builder);
            return builder.ToString();
        }
        catch (JsonException)
        {
            return policy.Trim();
        }
    }

    public static string NormalizeTimeZone(string? timeZone) =>
        timeZone is null || Rules.AwsFacts.IsUtc(timeZone) ? AwsDefaults.TimeZone : timeZone;

    private static ValueList<string> Sorted(ValueList<string> items) => new(items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static ValueList<TagCondition> Sorted(ValueList<TagCondition> items) =>
        new(items.Distinct().OrderBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Value, StringComparer.Ordinal));

    private static void WriteCanonical(JsonNode? node, StringBuilder builder)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    builder.Append(JsonValue.Create(key).ToJsonString()).Append(':');
                    WriteCanonical(value, builder);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    WriteCanonical(array[i], builder);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }
}
