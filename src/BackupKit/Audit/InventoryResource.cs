using BackupKit.Model;
using BackupKit.Rules;

namespace BackupKit.Audit;

/// <summary>
/// A resource the audit checks coverage for: its ARN and tags, for example from infrastructure code or an inventory
/// export. The resource type is read from the ARN unless given.
/// </summary>
/// <param name="Arn">The resource ARN.</param>
/// <param name="Tags">The resource's tags.</param>
/// <param name="ResourceType">The AWS Backup resource type; <see langword="null"/> reads it from the ARN.</param>
public sealed record InventoryResource(string Arn, IReadOnlyDictionary<string, string> Tags, string? ResourceType = null)
{
    /// <summary>Gets the AWS Backup resource type, given or read from the ARN.</summary>
    public string? Type => ResourceType ?? ResourceArns.ResourceTypeOf(Arn);
}

/// <summary>Which resources a backup selection assigns: (Resources OR ListOfTags) AND every condition AND NOT NotResources, as AWS evaluates it.</summary>
internal static class SelectionMatcher
{
    public static bool Selects(BackupSelection selection, InventoryResource resource)
    {
        var byResource = selection.Resources.Any(pattern => ArnMatches(pattern, resource.Arn));
        var byTag = selection.ListOfTags.Any(t => resource.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
        var conditionsOnly = selection.Resources.IsEmpty && selection.ListOfTags.IsEmpty && selection.Conditions.Count > 0;
        if (!byResource && !byTag && !conditionsOnly)
        {
            return false;
        }

        var c = selection.Conditions;
        var conditions =
            c.StringEquals.All(t => resource.Tags.TryGetValue(t.Key, out var v) && v == t.Value) &&
            c.StringNotEquals.All(t => !resource.Tags.TryGetValue(t.Key, out var v) || v != t.Value) &&
            c.StringLike.All(t => resource.Tags.TryGetValue(t.Key, out var v) && Like(t.Value, v)) &&
            c.StringNotLike.All(t => !resource.Tags.TryGetValue(t.Key, out var v) || !Like(t.Value, v));
        return conditions && !selection.NotResources.Any(pattern => ArnMatches(pattern, resource.Arn));
    }

    /// <summary>An ARN pattern of a selection: exact, <c>*</c>, or with <c>*</c> wildcards.</summary>
    public static bool ArnMatches(string pattern, string arn) =>
        pattern == "*" || (pattern.Contains('*', StringComparison.Ordinal) ? Like(pattern, arn) : string.Equals(pattern, arn, StringComparison.Ordinal));

    private static bool Like(string pattern, string value)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, value, StringComparison.Ordinal);
        }

        if (!value.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = value.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return value.Length - position >= parts[^1].Length && value.EndsWith(parts[^1], StringComparison.Ordinal);
    }
}
