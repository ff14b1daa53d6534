using System.Globalization;
using System.Text;
using System.Text.Json;
using BackupKit.Mapping;
using BackupKit.Model;
using M = BackupKit.Model;

namespace BackupKit.Export;

/// <summary>The AWS Organizations backup policy (policy type <c>BACKUP_POLICY</c>).</summary>
public static partial class PostureExport
{
    /// <summary>Renders the posture's plans as an AWS Organizations backup policy for the given Regions; see <see cref="ToOrganizationsBackupPolicy(BackupPosture, OrganizationsPolicyOptions)"/>.</summary>
    /// <param name="posture">The posture.</param>
    /// <param name="regions">The Regions the plans apply to (at least one).</param>
    /// <returns>The policy JSON.</returns>
    /// <exception cref="ArgumentException">No Region was given.</exception>
    /// <exception cref="NotSupportedException">The posture uses something the policy syntax cannot express.</exception>
    /// <exception cref="InvalidOperationException">The policy is longer than AWS Organizations accepts.</exception>
    public static string ToOrganizationsBackupPolicy(BackupPosture posture, IReadOnlyList<string> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return ToOrganizationsBackupPolicy(posture, new OrganizationsPolicyOptions { Regions = regions });
    }

    /// <summary>
    /// Renders the posture's plans as an AWS Organizations backup policy (policy type <c>BACKUP_POLICY</c>): every
    /// leaf is an <c>@@assign</c>, numbers and booleans are written as strings as in the AWS examples, copy actions
    /// are keyed by destination vault ARN, schedules keep their time zone (<c>schedule_expression_timezone</c>), the
    /// posture's own account becomes <c>$account</c> (and an air-gapped vault's Region <c>$region</c>), and each plan
    /// uses one selection form (<c>tags</c>, or <c>resources</c> when any selection needs it) as the syntax requires.
    /// Vaults, locks and the service role are not part of a backup policy: deploy them to every member account with
    /// <see cref="ToMemberAccountTemplate"/> through a CloudFormation StackSet.
    /// </summary>
    /// <param name="posture">The posture.</param>
    /// <param name="options">Regions, the posture's account and formatting.</param>
    /// <returns>The policy JSON.</returns>
    /// <exception cref="ArgumentException">No Region was given, or a Region is blank.</exception>
    /// <exception cref="NotSupportedException">
    /// A selection combines several tag tests (<c>ListOfTags</c>) or resources with exclusions in a way neither of the
    /// policy's selection forms can carry.
    /// </exception>
    /// <exception cref="InvalidOperationException">The policy is longer than <see cref="OrganizationsPolicyOptions.MaxPolicyLength"/> characters.</exception>
    public static string ToOrganizationsBackupPolicy(BackupPosture posture, OrganizationsPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(posture);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Regions is null || options.Regions.Count == 0 || options.Regions.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An Organizations backup policy needs at least one Region, e.g. [\"us-east-1\"].", nameof(options));
        }

        var context = new PolicyContext(posture, options.PostureAccountId);
        var policy = Write(w => WritePolicy(w, posture, options.Regions, context), options.Indented);
        if (policy.Length > OrganizationsPolicyOptions.MaxPolicyLength)
        {
            var compact = options.Indented ? Write(w => WritePolicy(w, posture, options.Regions, context), indented: false).Length : policy.Length;
            var hint = compact <= OrganizationsPolicyOptions.MaxPolicyLength
                ? $"Export with Indented = false ({compact} characters), or split the plans across several policies."
                : "Split the plans across several policies (one posture per policy) attached to the same targets.";
            throw new InvalidOperationException(
                $"The Organizations backup policy is {policy.Length} characters long; AWS Organizations accepts at most {OrganizationsPolicyOptions.MaxPolicyLength}. {hint}");
        }

        return policy;
    }

    private static void WritePolicy(Utf8JsonWriter w, BackupPosture posture, IReadOnlyList<string> regions, PolicyContext context)
    {
        w.WriteStartObject();
        w.WriteStartObject("plans");
        foreach (var plan in posture.Plans)
        {
            w.WriteStartObject(plan.Name);
            AssignList(w, "regions", regions);
            w.WriteStartObject("rules");
            foreach (var rule in plan.Rules)
            {
                WritePolicyRule(w, rule, context);
            }

            w.WriteEndObject();
            WritePolicySelections(w, plan, context);
            WritePolicyAdvancedSettings(w, plan.AdvancedBackupSettings);
            if (!plan.Tags.IsEmpty)
            {
                WritePolicyTags(w, "backup_plan_tags", plan.Tags);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePolicyRule(Utf8JsonWriter w, M.BackupRule rule, PolicyContext context)
    {
        w.WriteStartObject(rule.Name);
        Assign(w, "schedule_expression", rule.Schedule?.CronExpression ?? AwsDefaults.ScheduleExpression);
        if (rule.Schedule?.TimeZone is { } zone && PostureNormalizer.NormalizeTimeZone(zone) != PostureNormalizer.NormalizeTimeZone(null))
        {
            Assign(w, "schedule_expression_timezone", zone);
        }

        Assign(w, "target_backup_vault_name", rule.TargetVaultName);
        if (rule.TargetLogicallyAirGappedVaultArn is { } airGapped)
        {
            // The policy syntax requires the placeholders here: the air-gapped vault lives beside each member's plan.
            Assign(w, "target_logically_air_gapped_backup_vault_arn", context.AirGappedVaultArn(airGapped));
        }

        if (rule.StartWindow is { } start)
        {
            Assign(w, "start_backup_window_minutes", Minutes(start));
        }

        if (rule.CompletionWindow is { } completion)
        {
            Assign(w, "complete_backup_window_minutes", Minutes(completion));
        }

        if (rule.ContinuousBackup)
        {
            Assign(w, "enable_continuous_backup", "true");
        }

        WritePolicyLifecycle(w, rule.Lifecycle);
        if (!rule.CopyActions.IsEmpty)
        {
            w.WriteStartObject("copy_actions");
            foreach (var copy in rule.CopyActions)
            {
                var destination = context.VaultArn(copy.DestinationVaultArn);
                w.WriteStartObject(destination);
                Assign(w, "target_backup_vault_arn", destination);
                WritePolicyLifecycle(w, copy.Lifecycle);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (!rule.RecoveryPointTags.IsEmpty)
        {
            WritePolicyTags(w, "recovery_point_tags", rule.RecoveryPointTags);
        }

        foreach (var index in rule.IndexActions)
        {
            w.WriteStartObject("index_actions");
            AssignList(w, "resource_types", index.ResourceTypes);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WritePolicyLifecycle(Utf8JsonWriter w, M.Lifecycle? lifecycle)
    {
        if (lifecycle is null)
        {
            return;
        }

        w.WriteStartObject("lifecycle");
        if (lifecycle.MoveToColdStorageAfter is { } cold)
        {
            Assign(w, "move_to_cold_storage_after_days", cold.TotalDays.ToString(CultureInfo.InvariantCulture));
        }

        if (lifecycle.DeleteAfter is { } delete)
        {
            Assign(w, "delete_after_days", delete.TotalDays.ToString(CultureInfo.InvariantCulture));
        }

        if (lifecycle.OptInToArchiveForSupportedResources)
        {
            Assign(w, "opt_in_to_archive_for_supported_resources", "true");
        }

        w.WriteEndObject();
    }

    private sealed record TagsForm(string Name, M.BackupSelection Selection, string Key, List<string> Values);

    private sealed record ResourcesForm(string Name, M.BackupSelection Selection, ValueList<string> Resources, SelectionConditions Conditions);

    private static void WritePolicySelections(Utf8JsonWriter w, M.BackupPlan plan, PolicyContext context)
    {
        var tagForms = new List<TagsForm>();
        var resourceForms = new List<ResourcesForm>();
        foreach (var selection in plan.Selections)
        {
            var byKey = selection.ListOfTags.GroupBy(t => t.Key, StringComparer.Ordinal).ToList();
            if (byKey.Count == 0)
            {
                resourceForms.Add(new(selection.Name, selection, selection.Resources, selection.Conditions));
            }
            else if (selection.NotResources.IsEmpty)
            {
                // Tag tests are OR-ed, and so are selections: one tags selection per key keeps the meaning.
                foreach (var group in byKey)
                {
                    var name = byKey.Count == 1 ? selection.Name : selection.Name + "-" + group.Key;
                    tagForms.Add(new(name, selection, group.Key, [.. group.Select(t => t.Value)]));
                }

                if (!selection.Resources.IsEmpty)
                {
                    resourceForms.Add(new(selection.Name + "-resources", selection, selection.Resources, selection.Conditions));
                }
            }
            else if (selection.ListOfTags.Count == 1 && selection.Resources.IsEmpty)
            {
                // One tag test AND the conditions, minus the exclusions: the resources form with '*' says the same.
                var tag = selection.ListOfTags[0];
                var conditions = selection.Conditions with { StringEquals = selection.Conditions.StringEquals.Append(tag) };
                resourceForms.Add(new(selection.Name, selection, ["*"], conditions));
            }
            else
            {
                throw new NotSupportedException(
                    $"Selection '{selection.Name}' of plan '{plan.Name}' combines several tag tests (ListOfTags) or resources with exclusions (NotResources); an Organizations backup policy's 'tags' form cannot exclude resources. Express the tag tests as Conditions (RequireTag) with Include(\"*\") to export it.");
            }
        }

        // The two forms exclude each other within a plan: when any selection needs the resources form, every tag test
        // becomes a resources selection over '*' with the tag as a condition, one per value (values are OR-ed, conditions AND-ed).
        if (resourceForms.Count > 0 && tagForms.Count > 0)
        {
            foreach (var form in tagForms)
            {
                foreach (var value in form.Values)
                {
                    var name = form.Values.Count == 1 ? form.Name : form.Name + "-" + value;
                    var conditions = form.Selection.Conditions with { StringEquals = form.Selection.Conditions.StringEquals.Append(new TagCondition(form.Key, value)) };
                    resourceForms.Add(new(name, form.Selection, ["*"], conditions));
                }
            }

            tagForms.Clear();
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        string Unique(string name)
        {
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = name + "-" + n.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        w.WriteStartObject("selections");
        if (tagForms.Count > 0)
        {
            w.WriteStartObject("tags");
            foreach (var form in tagForms)
            {
                w.WriteStartObject(Unique(form.Name));
                Assign(w, "iam_role_arn", context.RoleArn(form.Selection.IamRole));
                Assign(w, "tag_key", form.Key);
                AssignList(w, "tag_value", form.Values);
                WritePolicyConditions(w, form.Selection.Conditions);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (resourceForms.Count > 0)
        {
            w.WriteStartObject("resources");
            foreach (var form in resourceForms)
            {
                w.WriteStartObject(Unique(form.Name));
                Assign(w, "iam_role_arn", context.RoleArn(form.Selection.IamRole));
                AssignList(w, "resource_types", form.Resources);
                if (!form.Selection.NotResources.IsEmpty)
                {
                    AssignList(w, "not_resource_types", form.Selection.NotResources);
                }

                WritePolicyConditions(w, form.Conditions);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WritePolicyConditions(Utf8JsonWriter w, SelectionConditions conditions)
    {
        if (conditions.Count == 0)
        {
            return;
        }

        w.WriteStartObject("conditions");
        WritePolicyConditionList(w, "string_equals", conditions.StringEquals);
        WritePolicyConditionList(w, "string_not_equals", conditions.StringNotEquals);
        WritePolicyConditionList(w, "string_like", conditions.StringLike);
        WritePolicyConditionList(w, "string_not_like", conditions.StringNotLike);
        w.WriteEndObject();
    }

    private static void WritePolicyConditionList(Utf8JsonWriter w, string name, ValueList<TagCondition> conditions)
    {
        if (conditions.IsEmpty)
        {
            return;
        }

        w.WriteStartObject(name);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            // Condition names are map keys; the tag key reads best, with a suffix when a key repeats.
            var conditionName = condition.Key;
            for (var n = 2; !used.Add(conditionName); n++)
            {
                conditionName = condition.Key + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            w.WriteStartObject(conditionName);
            Assign(w, "condition_key", PostureMapping.ResourceTagPrefix + condition.Key);
            Assign(w, "condition_value", condition.Value);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WritePolicyAdvancedSettings(Utf8JsonWriter w, ValueList<M.AdvancedBackupSetting> settings)
    {
        if (settings.IsEmpty)
        {
            return;
        }

        w.WriteStartObject("advanced_backup_settings");
        foreach (var setting in settings)
        {
            w.WriteStartObject(setting.ResourceType.ToLowerInvariant());
            foreach (var (key, value) in setting.Options)
            {
                Assign(w, SnakeCase(key), value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WritePolicyTags(Utf8JsonWriter w, string name, ValueMap<string> tags)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in tags)
        {
            w.WriteStartObject(key);
            Assign(w, "tag_key", key);
            Assign(w, "tag_value", value);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Assign(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject(name);
        w.WriteString("@@assign", value);
        w.WriteEndObject();
    }

    private static void AssignList(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartObject(name);
        WriteStrings(w, "@@assign", values);
        w.WriteEndObject();
    }

    // WindowsVSS -> windows_vss, BackupACLs -> backup_acls, BackupObjectTags -> backup_object_tags.
    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Rewrites the posture's own account (and an air-gapped vault's Region) into the policy's placeholders.</summary>
    private sealed class PolicyContext(BackupPosture posture, string? postureAccountId)
    {
        private const string Account = "$account";
        private const string Region = "$region";
        private readonly HashSet<string> _declaredVaults = posture.Vaults.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

        public string VaultArn(string arn) => Rewrite(arn, placeRegion: false);

        public string AirGappedVaultArn(string arn) => Rewrite(arn, placeRegion: true);

        public string RoleArn(IamRoleReference role)
        {
            if (role.Arn is not { } arn)
            {
                return "arn:aws:iam::" + Account + ":role/" + IamRoleReference.DefaultServiceRoleName;
            }

            var parts = arn.Split(':', 6);
            return parts.Length == 6 && postureAccountId is not null && parts[4] == postureAccountId
                ? string.Join(':', parts[0], parts[1], parts[2], parts[3], Account, parts[5])
                : arn;
        }

        // arn:partition:backup:region:account:backup-vault:name
        private string Rewrite(string arn, bool placeRegion)
        {
            var parts = arn.Split(':');
            if (parts.Length != 7 || parts[2] != "backup" || parts[5] != "backup-vault")
            {
                return arn;
            }

            var own = postureAccountId is not null ? parts[4] == postureAccountId : _declaredVaults.Contains(parts[6]);
            if (own)
            {
                parts[4] = Account;
            }

            if (placeRegion)
            {
                parts[3] = Region;
            }

            return string.Join(':', parts);
        }
    }
}
