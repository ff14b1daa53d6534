using System.Globalization;
using BackupKit.Mapping;
using BackupKit.Model;

namespace BackupKit.Reconcile;

/// <summary>
/// The compared text of live objects: what a change was computed from (<see cref="PostureChange.Basis"/>) and, for a
/// whole <see cref="LiveState"/>, one entry per object, so that applying a reviewed plan can tell exactly which objects
/// moved since they were read (plan versions, selection ids, lock settings, policies, notifications, tags).
/// </summary>
internal static class LiveBasis
{
    public static string Vault(LiveVault vault) =>
        $"vault {vault.Arn}, {(vault.Model.EncryptionKeyArn is { } key ? "key " + key : "AWS-managed key")}, " +
        $"{(vault.Model.LogicallyAirGapped is { } a ? $"logically air-gapped {a.MinRetention}-{a.MaxRetention}" : "standard")}, tags {Text.Tags(vault.Model.Tags) ?? "{}"}";

    /// <summary>The lock's mode, bounds and lock date (not the days left, which change with time alone).</summary>
    public static string Lock(VaultLock current, DateTimeOffset? lockDate) =>
        $"{current.Mode.ToString().ToLowerInvariant()}, {Text.Bounds(current)}" +
        (lockDate is { } date ? ", lock date " + date.ToString("O", CultureInfo.InvariantCulture) : string.Empty);

    public static string Plan(LivePlan plan) =>
        $"plan {plan.Id} version {plan.VersionId ?? "(unknown)"}, tags {(plan.Document is null ? "(not read)" : Text.Tags(plan.Document.Tags) ?? "{}")}";

    public static string Selection(LiveSelection selection) => $"selection {selection.Id}";

    public static string RestoreTestingPlan(LiveRestoreTestingPlan plan) =>
        plan.Document is null ? $"restore testing plan {plan.Arn}" : PostureNormalizer.Normalize(plan.Document).ToString();

    public static string RestoreTestingSelection(LiveRestoreTestingSelection selection) =>
        selection.Model?.ToString() ?? $"restore testing selection {selection.Name}";

    /// <summary>Every object of <paramref name="state"/> by its display name (as <see cref="ChangeFormatter.Describe"/> names it).</summary>
    public static Dictionary<string, string> All(LiveState state, IReadOnlyList<IObjectKindPlanner> kindPlanners)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, vault) in state.Vaults)
        {
            var immutable = vault.LockDate is { } date && date <= state.ServiceNow;
            all["vault " + name] = Vault(vault);
            all["vault " + name + " lock"] = vault.Model.Lock is { } l ? Lock(l, vault.LockDate) + (immutable ? ", immutable" : string.Empty) : "none";
            all["vault " + name + " access policy"] = PostureNormalizer.NormalizePolicy(vault.Model.AccessPolicy) ?? "none";
            all["vault " + name + " notifications"] = PostureNormalizer.Normalize(vault.Model.Notifications) is { } n ? Text.Notifications(n) : "none";
        }

        foreach (var vault in state.UndeclaredVaults)
        {
            all["vault " + vault.Name] = "undeclared vault";
        }

        foreach (var (name, plan) in state.Plans)
        {
            all["plan " + name] = Plan(plan);
            foreach (var selection in plan.Selections)
            {
                all[$"selection {name}/{selection.Name} ({selection.Id})"] = Selection(selection);
            }
        }

        foreach (var plan in state.UndeclaredPlans)
        {
            all[$"plan {plan.Name} ({plan.Id})"] = Plan(plan) + ", selections [" + string.Join(", ", plan.Selections.Select(s => s.Id)) + "]";
        }

        foreach (var (name, plan) in state.RestoreTestingPlans)
        {
            all["restore testing plan " + name] = RestoreTestingPlan(plan);
            foreach (var selection in plan.Selections)
            {
                all[$"restore testing selection {name}/{selection.Name}"] = RestoreTestingSelection(selection);
            }
        }

        foreach (var plan in state.UndeclaredRestoreTestingPlans)
        {
            all["restore testing plan " + plan.Name] = RestoreTestingPlan(plan) + ", selections [" + string.Join(", ", plan.Selections.Select(s => s.Name)) + "]";
        }

        foreach (var planner in kindPlanners)
        {
            foreach (var (name, basis) in planner.Basis(state))
            {
                all[name] = basis;
            }
        }

        return all;
    }

    /// <summary>The objects whose compared text differs between two reads, each with what changed.</summary>
    public static List<string> Moved(IReadOnlyDictionary<string, string> read, IReadOnlyDictionary<string, string> now)
    {
        var moved = new List<string>();
        foreach (var (name, before) in read)
        {
            if (!now.TryGetValue(name, out var after))
            {
                moved.Add($"{name}: gone (was {before})");
            }
            else if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                moved.Add($"{name}: was {before}, now {after}");
            }
        }

        foreach (var (name, after) in now)
        {
            if (!read.ContainsKey(name))
            {
                moved.Add($"{name}: appeared ({after})");
            }
        }

        return moved;
    }
}
