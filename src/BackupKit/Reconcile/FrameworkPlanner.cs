using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;

namespace BackupKit.Reconcile;

/// <summary>An AWS Backup Audit Manager framework as it exists in AWS (<paramref name="Model"/> is read only for declared ones).</summary>
internal sealed record LiveFramework(string Name, string Arn, AuditFramework? Model, string? DeploymentStatus);

/// <summary>The frameworks of the account and Region, as <see cref="FrameworkPlanner"/> read them.</summary>
internal sealed class LiveFrameworks
{
    public Dictionary<string, LiveFramework> Declared { get; } = new(StringComparer.Ordinal);

    public List<LiveFramework> Undeclared { get; } = [];

    /// <summary>The ARN of every framework by name: read, then those the apply creates (report plans name frameworks by ARN).</summary>
    public Dictionary<string, string> Arns { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Plans AWS Backup Audit Manager frameworks (create, update of description and controls, tags, delete of undeclared
/// ones). A posture that declares no framework leaves frameworks alone and makes no framework call.
/// </summary>
internal sealed class FrameworkPlanner(IBackupClient client) : IObjectKindPlanner
{
    public const string Key = "frameworks";

    public string Name => Key;

    public async Task ReadAsync(BackupPosture posture, PostureApplyOptions options, LiveState state, CancellationToken cancellationToken)
    {
        if (posture.Frameworks.IsEmpty)
        {
            return;
        }

        var live = new LiveFrameworks();
        var listed = new List<Framework>();
        await foreach (var framework in client.PaginateListFrameworks(new ListFrameworksInput(), cancellationToken).ConfigureAwait(false))
        {
            listed.Add(framework);
        }

        foreach (var member in listed)
        {
            if (member.FrameworkName is not { } name || member.FrameworkArn is not { } arn)
            {
                continue;
            }

            state.Observe(arn);
            live.Arns[name] = arn;
            if (!posture.Frameworks.Any(f => f.Name == name))
            {
                live.Undeclared.Add(new LiveFramework(name, arn, null, member.DeploymentStatus));
                continue;
            }

            var described = await client.DescribeFrameworkAsync(new DescribeFrameworkInput { FrameworkName = name }, cancellationToken).ConfigureAwait(false);
            var tags = await KindPlannerSupport.ReadTagsAsync(client, arn, cancellationToken).ConfigureAwait(false);
            live.Declared[name] = new LiveFramework(name, arn, AuditMapping.ToModel(described, tags), described.DeploymentStatus ?? member.DeploymentStatus);
        }

        state.Extensions[Key] = live;
    }

    public IEnumerable<PlannedStep> Plan(BackupPosture posture, LiveState live, PostureApplyOptions options)
    {
        var state = live.Extensions.GetValueOrDefault(Key) as LiveFrameworks;
        foreach (var framework in posture.Frameworks)
        {
            LiveFramework? current = null;
            state?.Declared.TryGetValue(framework.Name, out current);
            yield return Step(framework, current);
        }
    }

    public IEnumerable<PlannedStep> PlanRemovals(BackupPosture posture, LiveState live, PostureApplyOptions options)
    {
        if (live.Extensions.GetValueOrDefault(Key) is not LiveFrameworks state)
        {
            yield break;
        }

        foreach (var extra in state.Undeclared)
        {
            var delete = new DeleteFrameworkInput { FrameworkName = extra.Name };
            yield return KindPlannerSupport.Undeclared(
                options,
                PostureObjectKind.Framework,
                extra.Name,
                extra.Arn,
                Basis(extra),
                new PlannedRequest("DeleteFramework", delete),
                ct => client.DeleteFrameworkAsync(delete, ct),
                KindPlannerSupport.InProgress(extra.DeploymentStatus));
        }
    }

    public IEnumerable<KeyValuePair<string, string>> Basis(LiveState live)
    {
        if (live.Extensions.GetValueOrDefault(Key) is not LiveFrameworks state)
        {
            yield break;
        }

        foreach (var framework in state.Declared.Values.Concat(state.Undeclared))
        {
            yield return new("framework " + framework.Name, Basis(framework));
        }
    }

    /// <summary>The compared text of a live framework: ARN, description, controls and tags (not the deployment status, which changes with time alone).</summary>
    internal static string Basis(LiveFramework framework) =>
        framework.Model is not { } model
            ? "framework " + framework.Arn
            : $"framework {framework.Arn}, description {model.Description ?? "(none)"}, controls {ControlsText(model) ?? "[]"}, tags {Text.Tags(model.Tags) ?? "{}"}";

    /// <summary>One control as compared text: name, parameters and scope, in a stable order.</summary>
    internal static string ControlText(AuditControl control)
    {
        var text = control.Name;
        if (!control.Parameters.IsEmpty)
        {
            text += "(" + string.Join(", ", control.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + ")";
        }

        if (!control.Scope.IsAll)
        {
            var parts = new List<string>();
            if (!control.Scope.ResourceTypes.IsEmpty)
            {
                parts.Add("types " + string.Join(",", control.Scope.ResourceTypes.Order(StringComparer.Ordinal)));
            }

            if (!control.Scope.ResourceIds.IsEmpty)
            {
                parts.Add("ids " + string.Join(",", control.Scope.ResourceIds.Order(StringComparer.Ordinal)));
            }

            if (!control.Scope.Tags.IsEmpty)
            {
                parts.Add("tag " + string.Join(",", control.Scope.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)));
            }

            text += " for " + string.Join("; ", parts);
        }

        return text;
    }

    private static string? ControlsText(AuditFramework framework) => Differences.SortedList(framework.Controls.Select(ControlText));

    private PlannedStep Step(AuditFramework framework, LiveFramework? live)
    {
        var summary = Text.Count(framework.Controls.Count, "control");
        if (live?.Model is null)
        {
            var create = AuditMapping.ToCreateFrameworkInput(framework);
            create.IdempotencyToken = IdempotencyTokens.ForFramework(create);
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.Framework, Name = framework.Name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateFramework", create)] },
                async (ctx, ct) =>
                {
                    var arn = (await client.CreateFrameworkAsync(create, ct).ConfigureAwait(false)).FrameworkArn;
                    ctx.Live.Observe(arn);
                    if (arn is not null && ctx.Live.Extensions.GetValueOrDefault(Key) is LiveFrameworks frameworks)
                    {
                        frameworks.Arns[framework.Name] = arn;
                    }

                    return arn;
                });
        }

        var basis = Basis(live);
        var current = live.Model;
        var differences = new List<PropertyDifference>();
        Differences.Add(differences, "description", framework.Description, current.Description);
        var documentDiffers = differences.Count > 0 | CompareControls(differences, framework, current);
        var (tag, untag) = KindPlannerSupport.TagChanges(live.Arn, framework.Tags, current.Tags);
        Differences.Add(differences, "tags", Text.Tags(framework.Tags), Text.Tags(current.Tags));
        if (differences.Count == 0)
        {
            return new PlannedStep(new PostureChange { Kind = PostureObjectKind.Framework, Name = framework.Name, Action = ChangeAction.Unchanged, Arn = live.Arn, Summary = summary, Basis = basis }, null);
        }

        if (documentDiffers && KindPlannerSupport.InProgress(live.DeploymentStatus) is { } deploying)
        {
            return KindPlannerSupport.Blocked(PostureObjectKind.Framework, framework.Name, live.Arn, basis, differences, deploying);
        }

        UpdateFrameworkInput? update = null;
        if (documentDiffers)
        {
            update = AuditMapping.ToUpdateFrameworkInput(framework);
            update.IdempotencyToken = IdempotencyTokens.ForFramework(AuditMapping.ToCreateFrameworkInput(framework), basis);
        }

        IReadOnlyList<PlannedRequest> requests = [.. update is null ? [] : new[] { new PlannedRequest("UpdateFramework", update) }, .. KindPlannerSupport.TagRequests(tag, untag)];
        return new PlannedStep(
            new PostureChange { Kind = PostureObjectKind.Framework, Name = framework.Name, Action = ChangeAction.Update, Arn = live.Arn, Summary = summary, Basis = basis, Differences = differences, Requests = requests },
            async (_, ct) =>
            {
                if (update is not null)
                {
                    await client.UpdateFrameworkAsync(update, ct).ConfigureAwait(false);
                }

                await KindPlannerSupport.ApplyTagsAsync(client, tag, untag, ct).ConfigureAwait(false);
                return live.Arn;
            });
    }

    /// <summary>Adds one difference per control name whose declared and live forms differ; returns whether any did.</summary>
    private static bool CompareControls(List<PropertyDifference> differences, AuditFramework declared, AuditFramework live)
    {
        var any = false;
        var names = declared.Controls.Select(c => c.Name).Union(live.Controls.Select(c => c.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var d = Differences.SortedList(declared.Controls.Where(c => c.Name == name).Select(ControlText));
            var l = Differences.SortedList(live.Controls.Where(c => c.Name == name).Select(ControlText));
            if (!string.Equals(d, l, StringComparison.Ordinal))
            {
                differences.Add(new PropertyDifference($"controls[{name}]", d, l));
                any = true;
            }
        }

        return any;
    }
}
