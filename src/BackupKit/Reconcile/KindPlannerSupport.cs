using BackupKit.Model;
using BackupKit.Wire;

namespace BackupKit.Reconcile;

/// <summary>What object-kind planners share: reading tags, tag updates, and the steps every kind has.</summary>
internal static class KindPlannerSupport
{
    public static async Task<Dictionary<string, string>> ReadTagsAsync(IBackupClient client, string arn, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (arn.Length == 0)
        {
            return tags;
        }

        string? next = null;
        do
        {
            var page = await client.ListTagsAsync(new ListTagsInput { ResourceArn = arn, NextToken = next }, cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in page.Tags ?? [])
            {
                tags[key] = value;
            }

            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return tags;
    }

    /// <summary>The TagResource / UntagResource requests that make <paramref name="current"/> equal <paramref name="declared"/>.</summary>
    public static (TagResourceInput? Tag, UntagResourceInput? Untag) TagChanges(string arn, ValueMap<string> declared, ValueMap<string> current)
    {
        var set = declared.Where(t => !current.TryGetValue(t.Key, out var value) || value != t.Value).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var remove = current.Keys.Where(k => !declared.ContainsKey(k)).ToList();
        return (set.Count > 0 ? new TagResourceInput { ResourceArn = arn, Tags = set } : null, remove.Count > 0 ? new UntagResourceInput { ResourceArn = arn, TagKeyList = remove } : null);
    }

    public static IEnumerable<PlannedRequest> TagRequests(TagResourceInput? tag, UntagResourceInput? untag)
    {
        if (tag is not null)
        {
            yield return new PlannedRequest("TagResource", tag);
        }

        if (untag is not null)
        {
            yield return new PlannedRequest("UntagResource", untag);
        }
    }

    public static async Task ApplyTagsAsync(IBackupClient client, TagResourceInput? tag, UntagResourceInput? untag, CancellationToken cancellationToken)
    {
        if (tag is not null)
        {
            await client.TagResourceAsync(tag, cancellationToken).ConfigureAwait(false);
        }

        if (untag is not null)
        {
            await client.UntagResourceAsync(untag, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A live object the posture does not declare: deleted when the options allow it, else only reported.</summary>
    public static PlannedStep Undeclared(
        PostureApplyOptions options,
        PostureObjectKind kind,
        string name,
        string arn,
        string basis,
        PlannedRequest request,
        Func<CancellationToken, Task> delete,
        string? deploying)
    {
        if (!options.DeleteUndeclared)
        {
            return new PlannedStep(new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Undeclared, Arn = arn, Basis = basis }, null);
        }

        if (deploying is not null)
        {
            return Blocked(kind, name, arn, basis, [], deploying);
        }

        return new PlannedStep(
            new PostureChange { Kind = kind, Name = name, Action = ChangeAction.Delete, Arn = arn, Basis = basis, Requests = [request] },
            async (_, ct) =>
            {
                await delete(ct).ConfigureAwait(false);
                return arn;
            });
    }

    /// <summary>A change AWS refuses while the object's previous deployment runs (ConflictException); nothing is applied until it completes.</summary>
    public static PlannedStep Blocked(PostureObjectKind kind, string name, string arn, string basis, IReadOnlyList<PropertyDifference> differences, string deploymentStatus) =>
        new(
            new PostureChange
            {
                Kind = kind,
                Name = name,
                Action = ChangeAction.Blocked,
                Arn = arn,
                Basis = basis,
                Differences = differences,
                Warning = $"AWS is still deploying it ({deploymentStatus}) and refuses changes until the deployment completes (a few minutes); apply again then",
            },
            null);

    /// <summary>The deployment status when a deployment is in progress, else <see langword="null"/>.</summary>
    public static string? InProgress(string? deploymentStatus) =>
        deploymentStatus is { } status && status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) ? status : null;
}
