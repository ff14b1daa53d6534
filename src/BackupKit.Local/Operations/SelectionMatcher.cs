using System.IO.Enumeration;
using BackupKit.Local.State;
using BackupKit.Wire;

namespace BackupKit.Local.Operations;

/// <summary>
/// Which resources a plan's selections pick, as AWS Backup evaluates a resource assignment: the resources matching any
/// <c>Resources</c> ARN (wildcards allowed) or any <c>ListOfTags</c> condition (OR), kept only when every
/// <c>Conditions</c> clause holds (AND), minus those matching a <c>NotResources</c> entry. Tags compare case-sensitively;
/// <c>*</c> and <c>?</c> in <c>StringLike</c>/<c>StringNotLike</c> values and in ARNs match any run of characters / one
/// character. A <c>StringNotEquals</c> or <c>StringNotLike</c> clause holds for a resource without the tag. Resources
/// that restore testing created (tag or name prefix <c>awsbackup-restore-test</c>) are never selected.
/// An ARN without wildcards that is not in the inventory is still backed up, as a resource the emulator does not
/// model (type from its ARN, 1 MiB, no content).
/// </summary>
internal static class SelectionMatcher
{
    public const string RestoreTestMarker = "awsbackup-restore-test";
    private const string TagConditionPrefix = "aws:ResourceTag/";

    /// <summary>One resource a plan backs up and the role its selection names.</summary>
    public readonly record struct Selected(string Arn, string ResourceType, string IamRoleArn, EmulatedResource? Resource);

    /// <summary>The resources the plan's selections pick, each once (the first selection that picks it gives the role).</summary>
    public static List<Selected> Select(RegionState state, PlanRecord plan)
    {
        var selected = new List<Selected>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in plan.Selections.Values)
        {
            Collect(state, record.Selection, selected, seen);
        }

        return selected;
    }

    private static void Collect(RegionState state, BackupSelection selection, List<Selected> selected, HashSet<string> seen)
    {
        var role = selection.IamRoleArn!;
        void Consider(EmulatedResource resource, bool byResourceType)
        {
            if (!seen.Contains(resource.Arn) && Protects(state, resource.ResourceType, byResourceType) && !IsRestoreTestResource(resource) && MeetsConditions(resource, selection.Conditions)
                && !Matches(resource.Arn, selection.NotResources))
            {
                seen.Add(resource.Arn);
                selected.Add(new Selected(resource.Arn, resource.ResourceType, role, resource));
            }
        }

        var scanned = false;
        foreach (var arn in selection.Resources ?? [])
        {
            if (arn.Contains('*', StringComparison.Ordinal) || arn.Contains('?', StringComparison.Ordinal))
            {
                if (scanned)
                {
                    continue;
                }

                // One pass over the inventory answers every wildcard entry of the selection.
                scanned = true;
                foreach (var resource in state.Resources.All)
                {
                    if (WildcardMatch(resource.Arn, selection.Resources!) is { } byResourceType)
                    {
                        Consider(resource, byResourceType);
                    }
                }
            }
            else if (state.Resources.Find(arn) is { } resource)
            {
                Consider(resource, byResourceType: true);
            }
            else if (!seen.Contains(arn) && !Matches(arn, selection.NotResources) && !HasConditions(selection.Conditions))
            {
                // Not modeled: its tags are unknown, so only a selection without Conditions (which need tags) picks it.
                try
                {
                    var type = ResourceTypes.Of(arn);
                    if (!Protects(state, type, byResourceType: true))
                    {
                        continue;
                    }

                    seen.Add(arn);
                    selected.Add(new Selected(arn, type, role, null));
                }
                catch (Protocol.BackupApiError)
                {
                    // A resource type AWS Backup does not protect is never backed up.
                }
            }
        }

        foreach (var condition in selection.ListOfTags ?? [])
        {
            if (condition.ConditionKey is { } key && condition.ConditionValue is { } value && state.Resources.WithTag(key, value) is { } arns)
            {
                foreach (var arn in arns)
                {
                    Consider(state.Resources.Find(arn)!, byResourceType: false);
                }
            }
        }
    }

    /// <summary>
    /// Null when no wildcard entry matches the ARN; else whether a matching entry names the resource type (for example
    /// <c>arn:aws:ec2:*:*:instance/*</c>) rather than only a service or everything (<c>arn:aws:ec2:*</c>, <c>*</c>).
    /// </summary>
    private static bool? WildcardMatch(string arn, List<string> patterns)
    {
        bool? result = null;
        foreach (var pattern in patterns)
        {
            if ((pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal)) && Like(pattern, arn))
            {
                if (NamesResourceType(pattern))
                {
                    return true;
                }

                result = false;
            }
        }

        return result;
    }

    private static bool NamesResourceType(string pattern)
    {
        var parts = pattern.Split(':', 6);
        return parts.Length == 6 && parts[2].Length > 0 && !parts[2].Contains('*', StringComparison.Ordinal)
            && parts[5].Length > 0 && parts[5][0] is not ('*' or '?');
    }

    /// <summary>
    /// Whether AWS Backup backs the resource up given the Region's opt-in: a resource picked by tag or by a service-wide
    /// pattern needs its type opted in; one picked by an ARN or a pattern that names its type does not, except Aurora,
    /// Neptune and DocumentDB, which always need opt-in (UpdateRegionSettings).
    /// </summary>
    private static bool Protects(RegionState state, string resourceType, bool byResourceType) =>
        state.Settings.IsOptedIn(resourceType) || (byResourceType && resourceType is not ("Aurora" or "Neptune" or "DocumentDB"));

    private static bool Matches(string arn, List<string>? patterns)
    {
        foreach (var pattern in patterns ?? [])
        {
            if (pattern == arn || Like(pattern, arn))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MeetsConditions(EmulatedResource resource, Conditions? conditions)
    {
        if (conditions is null)
        {
            return true;
        }

        foreach (var c in conditions.StringEquals ?? [])
        {
            if (TagOf(resource, c) is not { } value || value != c.ConditionValue)
            {
                return false;
            }
        }

        foreach (var c in conditions.StringNotEquals ?? [])
        {
            if (TagOf(resource, c) is { } value && value == c.ConditionValue)
            {
                return false;
            }
        }

        foreach (var c in conditions.StringLike ?? [])
        {
            if (TagOf(resource, c) is not { } value || !Like(c.ConditionValue ?? string.Empty, value))
            {
                return false;
            }
        }

        foreach (var c in conditions.StringNotLike ?? [])
        {
            if (TagOf(resource, c) is { } value && Like(c.ConditionValue ?? string.Empty, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasConditions(Conditions? conditions) =>
        conditions is not null
        && (conditions.StringEquals is { Count: > 0 } || conditions.StringNotEquals is { Count: > 0 }
            || conditions.StringLike is { Count: > 0 } || conditions.StringNotLike is { Count: > 0 });

    private static string? TagOf(EmulatedResource resource, ConditionParameter condition)
    {
        var key = condition.ConditionKey ?? string.Empty;
        if (!key.StartsWith(TagConditionPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        return resource.Tags.TryGetValue(key[TagConditionPrefix.Length..], out var value) ? value : null;
    }

    private static bool IsRestoreTestResource(EmulatedResource resource) =>
        resource.Tags.ContainsKey(RestoreTestMarker) || resource.ResourceName.StartsWith(RestoreTestMarker, StringComparison.Ordinal);

    private static bool Like(string pattern, string text) => FileSystemName.MatchesSimpleExpression(pattern, text, ignoreCase: false);
}
