using System.Globalization;
using BackupKit.Model;

namespace BackupKit.Reconcile;

/// <summary>Lists the properties that differ between two normalised plans or selections, as text a person reads.</summary>
internal static class PlanDiff
{
    public static IReadOnlyList<PropertyDifference> Compare(BackupPlan declared, BackupPlan live)
    {
        var differences = new List<PropertyDifference>();
        var names = declared.Rules.Select(r => r.Name).Union(live.Rules.Select(r => r.Name), StringComparer.Ordinal);
        foreach (var name in names)
        {
            var d = declared.Rules.FirstOrDefault(r => r.Name == name);
            var l = live.Rules.FirstOrDefault(r => r.Name == name);
            var path = $"rules[{name}]";
            if (d is null || l is null)
            {
                differences.Add(new(path, d is null ? null : Text.Rule(d), l is null ? null : Text.Rule(l)));
                continue;
            }

            Differences.Add(differences, path + ".targetVault", d.TargetVaultName, l.TargetVaultName);
            Differences.Add(differences, path + ".targetLogicallyAirGappedVault", d.TargetLogicallyAirGappedVaultArn, l.TargetLogicallyAirGappedVaultArn);
            Differences.Add(differences, path + ".schedule", Text.Schedule(d.Schedule), Text.Schedule(l.Schedule));
            Differences.Add(differences, path + ".startWindow", Text.Window(d.StartWindow), Text.Window(l.StartWindow));
            Differences.Add(differences, path + ".completionWindow", Text.Window(d.CompletionWindow), Text.Window(l.CompletionWindow));
            Differences.Add(differences, path + ".lifecycle", Text.Lifecycle(d.Lifecycle), Text.Lifecycle(l.Lifecycle));
            Differences.Add(differences, path + ".continuousBackup", d.ContinuousBackup ? "enabled" : "disabled", l.ContinuousBackup ? "enabled" : "disabled");
            Differences.Add(differences, path + ".recoveryPointTags", Text.Tags(d.RecoveryPointTags), Text.Tags(l.RecoveryPointTags));
            Differences.Add(differences, path + ".copyActions", Text.CopyActions(d.CopyActions), Text.CopyActions(l.CopyActions));
            Differences.Add(differences, path + ".indexActions", Text.IndexActions(d.IndexActions), Text.IndexActions(l.IndexActions));
        }

        Differences.Add(differences, "advancedBackupSettings", Text.AdvancedSettings(declared.AdvancedBackupSettings), Text.AdvancedSettings(live.AdvancedBackupSettings));
        Differences.Add(differences, "tags", Text.Tags(declared.Tags), Text.Tags(live.Tags));
        return differences;
    }

    public static IReadOnlyList<PropertyDifference> Compare(BackupSelection declared, BackupSelection live)
    {
        var differences = new List<PropertyDifference>();
        Differences.Add(differences, "iamRole", declared.IamRole.ToString(), live.IamRole.ToString());
        Differences.Add(differences, "resources", Text.List(declared.Resources), Text.List(live.Resources));
        Differences.Add(differences, "notResources", Text.List(declared.NotResources), Text.List(live.NotResources));
        Differences.Add(differences, "listOfTags", Text.Conditions(declared.ListOfTags), Text.Conditions(live.ListOfTags));
        Differences.Add(differences, "conditions.stringEquals", Text.Conditions(declared.Conditions.StringEquals), Text.Conditions(live.Conditions.StringEquals));
        Differences.Add(differences, "conditions.stringNotEquals", Text.Conditions(declared.Conditions.StringNotEquals), Text.Conditions(live.Conditions.StringNotEquals));
        Differences.Add(differences, "conditions.stringLike", Text.Conditions(declared.Conditions.StringLike), Text.Conditions(live.Conditions.StringLike));
        Differences.Add(differences, "conditions.stringNotLike", Text.Conditions(declared.Conditions.StringNotLike), Text.Conditions(live.Conditions.StringNotLike));
        return differences;
    }

    public static IReadOnlyList<PropertyDifference> Compare(RestoreTestingPlan declared, RestoreTestingPlan live)
    {
        var differences = new List<PropertyDifference>();
        Differences.Add(differences, "schedule", Text.Schedule(declared.Schedule), Text.Schedule(live.Schedule));
        Differences.Add(differences, "startWindow", Text.Window(declared.StartWindow), Text.Window(live.StartWindow));
        var d = declared.RecoveryPointSelection;
        var l = live.RecoveryPointSelection;
        Differences.Add(differences, "recoveryPointSelection.algorithm", d.Algorithm.ToString(), l.Algorithm.ToString());
        Differences.Add(differences, "recoveryPointSelection.recoveryPointTypes", string.Join(", ", d.RecoveryPointTypes), string.Join(", ", l.RecoveryPointTypes));
        Differences.Add(differences, "recoveryPointSelection.includeVaults", Text.List(d.IncludeVaults), Text.List(l.IncludeVaults));
        Differences.Add(differences, "recoveryPointSelection.excludeVaults", Text.List(d.ExcludeVaults), Text.List(l.ExcludeVaults));
        Differences.Add(differences, "recoveryPointSelection.selectionWindow", d.SelectionWindow?.ToString(), l.SelectionWindow?.ToString());
        Differences.Add(differences, "tags", Text.Tags(declared.Tags), Text.Tags(live.Tags));
        return differences;
    }

    public static IReadOnlyList<PropertyDifference> Compare(RestoreTestingSelection declared, RestoreTestingSelection live)
    {
        var differences = new List<PropertyDifference>();
        Differences.Add(differences, "protectedResourceType", declared.ProtectedResourceType, live.ProtectedResourceType);
        Differences.Add(differences, "iamRole", declared.IamRole.ToString(), live.IamRole.ToString());
        Differences.Add(differences, "protectedResourceArns", Text.List(declared.ProtectedResourceArns), Text.List(live.ProtectedResourceArns));
        Differences.Add(differences, "conditions.stringEquals", Text.Conditions(declared.Conditions.StringEquals), Text.Conditions(live.Conditions.StringEquals));
        Differences.Add(differences, "conditions.stringNotEquals", Text.Conditions(declared.Conditions.StringNotEquals), Text.Conditions(live.Conditions.StringNotEquals));
        Differences.Add(differences, "restoreMetadataOverrides", Text.Tags(declared.RestoreMetadataOverrides), Text.Tags(live.RestoreMetadataOverrides));
        Differences.Add(differences, "validationWindow", Text.Window(declared.ValidationWindow), Text.Window(live.ValidationWindow));
        return differences;
    }
}

/// <summary>Short text forms of model values for plans, results and drift reports.</summary>
internal static class Text
{
    public static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    public static string? Tags(ValueMap<string> tags) => tags.IsEmpty ? null : "{" + string.Join(", ", tags.Select(t => t.Key + "=" + t.Value)) + "}";

    public static string? List(ValueList<string> items) => items.IsEmpty ? null : "[" + string.Join(", ", items) + "]";

    public static string? Conditions(ValueList<TagCondition> conditions) =>
        conditions.IsEmpty ? null : "[" + string.Join(", ", conditions.Select(c => c.Key + "=" + c.Value)) + "]";

    public static string Schedule(BackupSchedule? schedule) =>
        schedule is null ? "(AWS default)" : schedule.CronExpression + (schedule.TimeZone is null ? string.Empty : " " + schedule.TimeZone);

    public static string? Window(TimeSpan? window)
    {
        if (window is not { } w)
        {
            return null;
        }

        return w.TotalDays >= 1 && w.TotalDays == Math.Floor(w.TotalDays)
            ? Count((int)w.TotalDays, "day")
            : w.TotalHours >= 1 && w.TotalHours == Math.Floor(w.TotalHours)
                ? Count((int)w.TotalHours, "hour")
                : Count((int)w.TotalMinutes, "minute");
    }

    public static string Lifecycle(Model.Lifecycle? lifecycle)
    {
        if (lifecycle is null)
        {
            return "keep forever";
        }

        var parts = new List<string>();
        if (lifecycle.MoveToColdStorageAfter is { } cold)
        {
            parts.Add("cold after " + cold);
        }

        parts.Add(lifecycle.DeleteAfter is { } delete ? "delete after " + delete : "keep forever");
        if (lifecycle.OptInToArchiveForSupportedResources)
        {
            parts.Add("archive tier");
        }

        return string.Join(", ", parts);
    }

    public static string? CopyActions(ValueList<CopyAction> copies) =>
        copies.IsEmpty ? null : string.Join("; ", copies.Select(c => c.DestinationVaultArn + " (" + (c.Lifecycle is null ? "source lifecycle" : Lifecycle(c.Lifecycle)) + ")"));

    public static string? IndexActions(ValueList<IndexAction> actions) =>
        actions.IsEmpty ? null : string.Join("; ", actions.Select(a => string.Join(",", a.ResourceTypes)));

    public static string? AdvancedSettings(ValueList<AdvancedBackupSetting> settings) =>
        settings.IsEmpty ? null : string.Join("; ", settings.Select(s => s.ResourceType + " " + Tags(s.Options)));

    public static string Rule(BackupRule rule)
    {
        var text = $"{Schedule(rule.Schedule)} into {rule.TargetVaultName}, {Lifecycle(rule.Lifecycle)}";
        if (!rule.CopyActions.IsEmpty)
        {
            text += ", " + Count(rule.CopyActions.Count, "copy");
        }

        return text;
    }

    public static string Lock(VaultLock vaultLock)
    {
        var text = vaultLock.Mode == VaultLockMode.Compliance
            ? "compliance" + (vaultLock.ChangeableFor is { } days ? ", changeable for " + days : string.Empty)
            : "governance";
        if (vaultLock.MinRetention is { } min)
        {
            text += ", min " + min;
        }

        if (vaultLock.MaxRetention is { } max)
        {
            text += ", max " + max;
        }

        return text;
    }

    public static string Bounds(VaultLock vaultLock) =>
        $"min {vaultLock.MinRetention?.ToString() ?? "none"}, max {vaultLock.MaxRetention?.ToString() ?? "none"}";

    public static string Notifications(VaultNotifications notifications) =>
        notifications.SnsTopicArn + " [" + string.Join(", ", notifications.Events) + "]";

    public static string SelectionSummary(BackupSelection selection)
    {
        var parts = new List<string>();
        if (!selection.Resources.IsEmpty)
        {
            parts.Add(Count(selection.Resources.Count, "resource pattern"));
        }

        if (!selection.ListOfTags.IsEmpty)
        {
            parts.Add("tags " + Conditions(selection.ListOfTags));
        }

        if (selection.Conditions.Count > 0)
        {
            parts.Add(Count(selection.Conditions.Count, "condition"));
        }

        if (!selection.NotResources.IsEmpty)
        {
            parts.Add(Count(selection.NotResources.Count, "exclusion"));
        }

        return string.Join(", ", parts);
    }
}
