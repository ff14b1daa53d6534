namespace BackupKit.Reconcile;

/// <summary>
/// The one way every planner lists what differs between a declared object and its live state: property by property,
/// as compared texts, lists compared as sets. Used by the built-in planners (<see cref="PlanDiff"/>) and by the
/// object-kind planners (frameworks, report plans).
/// </summary>
internal static class Differences
{
    /// <summary>Adds a difference when the declared and live texts differ (pass lists through <see cref="SortedList"/> to compare them as sets).</summary>
    public static void Add(List<PropertyDifference> differences, string property, string? declared, string? live)
    {
        if (!string.Equals(declared, live, StringComparison.Ordinal))
        {
            differences.Add(new PropertyDifference(property, declared, live));
        }
    }

    /// <summary>A list as compared text, sorted so that order never shows as a difference; <see langword="null"/> when empty.</summary>
    public static string? SortedList(IEnumerable<string> items)
    {
        var sorted = items.Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? null : "[" + string.Join(", ", sorted) + "]";
    }
}
