using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>Tags on AWS Backup's own resources (backup plans, vaults and recovery points with backup ARNs), addressed by ARN.</summary>
internal static class TagOperations
{
    /// <summary>Tags per resource (AWS-wide limit).</summary>
    public const int MaxTags = 50;

    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    public static EmptyOutput Tag(CallContext call, TagResourceInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var tags = TagsOf(state, input.ResourceArn!);
            var merged = new Dictionary<string, string>(tags, StringComparer.Ordinal);
            Merge(merged, input.Tags!);
            if (merged.Count > MaxTags)
            {
                throw BackupApiError.LimitExceeded($"A resource can have at most {MaxTags} tags; this request would leave {merged.Count} on '{input.ResourceArn}'.");
            }

            tags.Clear();
            foreach (var (key, value) in merged)
            {
                tags[key] = value;
            }

            return EmptyOutput.Instance;
        }
    }

    public static EmptyOutput Untag(CallContext call, UntagResourceInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var tags = TagsOf(state, input.ResourceArn!);
            foreach (var key in input.TagKeyList!)
            {
                tags.Remove(key);
            }

            return EmptyOutput.Instance;
        }
    }

    public static ListTagsOutput List(CallContext call, ListTagsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var tags = TagsOf(state, input.ResourceArn!);
            var keys = new List<string>(tags.Keys);
            keys.Sort(StringComparer.Ordinal);

            // Tags are paged by position in key order; the token carries the position. Not Paging.List: tags are no
            // records with a creation sequence, and a token past the end has its own error here.
            var start = Paging.Decode(input.NextToken);
            var size = input.MaxResults ?? Paging.DefaultPageSize;
            if (start > keys.Count || size < 1)
            {
                throw BackupApiError.InvalidParameter("NextToken or MaxResults is not valid for this resource's tags.");
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = (int)start; i < keys.Count && result.Count < size; i++)
            {
                result[keys[i]] = tags[keys[i]];
            }

            var end = (int)start + result.Count;
            return new ListTagsOutput { Tags = result, NextToken = end < keys.Count ? Paging.Encode(end) : null };
        }
    }

    /// <summary>Adds or replaces tags after checking them as AWS does.</summary>
    internal static void Merge(Dictionary<string, string> target, Dictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > MaxKeyLength)
            {
                throw BackupApiError.InvalidParameter($"Tag key '{key}' must be 1 to {MaxKeyLength} characters long.");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw BackupApiError.InvalidParameter($"Tag key '{key}' uses the reserved prefix 'aws:'.");
            }

            if (value.Length > MaxValueLength)
            {
                throw BackupApiError.InvalidParameter($"The value of tag '{key}' is longer than {MaxValueLength} characters.");
            }

            target[key] = value;
        }

        if (target.Count > MaxTags)
        {
            throw BackupApiError.LimitExceeded($"A resource can have at most {MaxTags} tags; got {target.Count}.");
        }
    }

    /// <summary>The live tag set of the plan or vault an ARN names in the caller's account and region.</summary>
    private static Dictionary<string, string> TagsOf(RegionState state, string arn)
    {
        // arn:aws:backup:<region>:<account>:backup-plan:<id> | backup-vault:<name>
        var parts = arn.Split(':', 7);
        if (parts.Length != 7 || parts[0] != "arn" || !parts[1].StartsWith("aws", StringComparison.Ordinal) || parts[2] != "backup")
        {
            throw BackupApiError.InvalidParameter($"'{arn}' is not an AWS Backup resource ARN; tags can only be managed on ARNs that start with arn:aws:backup.");
        }

        if (parts[3] != state.Region || parts[4] != state.AccountId)
        {
            throw BackupApiError.NotFound($"Resource '{arn}' is not in account {state.AccountId}, region {state.Region}.");
        }

        switch (parts[5])
        {
            case "backup-plan" when state.Plans.TryGetValue(parts[6], out var plan) && !plan.IsDeleted:
                return plan.Tags;
            case "backup-vault" when state.Vaults.TryGetValue(parts[6], out var vault):
                return vault.Tags;
            case "recovery-point" when RecoveryPointOperations.TagsOf(state, arn) is { } pointTags:
                return pointTags;
            case "restore-testing-plan" when state.RestoreTestingPlans.Values.FirstOrDefault(p => p.Arn == arn) is { } testingPlan:
                return testingPlan.Tags;
            case "framework" when state.Frameworks.Values.FirstOrDefault(f => f.Arn == arn) is { } framework:
                return framework.Tags;
            case "report-plan" when state.ReportPlans.Values.FirstOrDefault(p => p.Arn == arn) is { } reportPlan:
                return reportPlan.Tags;
            case "tiering-configuration" when state.TieringConfigurations.Values.FirstOrDefault(t => t.Arn == arn) is { } tiering:
                return tiering.Tags;
            case "backup-plan" or "backup-vault" or "recovery-point" or "restore-testing-plan" or "framework" or "report-plan" or "tiering-configuration":
                throw BackupApiError.NotFound($"Resource '{arn}' does not exist.");
            default:
                throw BackupApiError.InvalidParameter($"BackupKit.Local manages tags of backup plans, vaults, recovery points, restore testing plans, frameworks, report plans and tiering configurations; '{arn}' names a '{parts[5]}'.");
        }
    }
}
