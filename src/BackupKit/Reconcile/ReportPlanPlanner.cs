using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;

namespace BackupKit.Reconcile;

/// <summary>An AWS Backup Audit Manager report plan as it exists in AWS (<paramref name="Model"/> names frameworks by name where known).</summary>
internal sealed record LiveReportPlan(string Name, string Arn, AuditReportPlan Model, string? DeploymentStatus);

/// <summary>The report plans of the account and Region, as <see cref="ReportPlanPlanner"/> read them.</summary>
internal sealed class LiveReportPlans
{
    public Dictionary<string, LiveReportPlan> Declared { get; } = new(StringComparer.Ordinal);

    public List<LiveReportPlan> Undeclared { get; } = [];
}

/// <summary>
/// Plans AWS Backup Audit Manager report plans (create, update of delivery and setting, tags, replace when the report
/// template changes, which AWS does not allow in place, delete of undeclared ones). Compliance reports name the
/// posture's frameworks; a framework created by the same apply is referred to by the ARN its creation returns.
/// Runs after <see cref="FrameworkPlanner"/> (it reads the frameworks' ARNs), and its removals run before the frameworks'.
/// A posture that declares no report plan leaves report plans alone and makes no report plan call.
/// </summary>
internal sealed class ReportPlanPlanner(IBackupClient client) : IObjectKindPlanner
{
    public const string Key = "reportPlans";

    public string Name => Key;

    public async Task ReadAsync(BackupPosture posture, PostureApplyOptions options, LiveState state, CancellationToken cancellationToken)
    {
        if (posture.ReportPlans.IsEmpty)
        {
            return;
        }

        var frameworks = state.Extensions.GetValueOrDefault(FrameworkPlanner.Key) as LiveFrameworks;
        var names = frameworks?.Arns.ToDictionary(a => a.Value, a => a.Key, StringComparer.Ordinal) ?? [];
        var live = new LiveReportPlans();

        // ListReportPlans returns each plan whole (setting and delivery channel): no DescribeReportPlan needed.
        var listed = new List<ReportPlan>();
        await foreach (var plan in client.PaginateListReportPlans(new ListReportPlansInput(), cancellationToken).ConfigureAwait(false))
        {
            listed.Add(plan);
        }

        foreach (var plan in listed)
        {
            if (plan.ReportPlanName is not { } name || plan.ReportPlanArn is not { } arn)
            {
                continue;
            }

            state.Observe(arn);
            var declared = posture.ReportPlans.Any(p => p.Name == name);
            var tags = declared ? await KindPlannerSupport.ReadTagsAsync(client, arn, cancellationToken).ConfigureAwait(false) : null;
            var model = AuditMapping.ToModel(plan, a => names.GetValueOrDefault(a, a), tags);
            var found = new LiveReportPlan(name, arn, model, plan.DeploymentStatus);
            if (declared)
            {
                live.Declared[name] = found;
            }
            else
            {
                live.Undeclared.Add(found);
            }
        }

        state.Extensions[Key] = live;
    }

    public IEnumerable<PlannedStep> Plan(BackupPosture posture, LiveState live, PostureApplyOptions options)
    {
        var state = live.Extensions.GetValueOrDefault(Key) as LiveReportPlans;
        var frameworks = live.Extensions.GetValueOrDefault(FrameworkPlanner.Key) as LiveFrameworks;
        foreach (var plan in posture.ReportPlans)
        {
            LiveReportPlan? current = null;
            state?.Declared.TryGetValue(plan.Name, out current);
            yield return Step(plan, current, frameworks);
        }
    }

    public IEnumerable<PlannedStep> PlanRemovals(BackupPosture posture, LiveState live, PostureApplyOptions options)
    {
        if (live.Extensions.GetValueOrDefault(Key) is not LiveReportPlans state)
        {
            yield break;
        }

        foreach (var extra in state.Undeclared)
        {
            var delete = new DeleteReportPlanInput { ReportPlanName = extra.Name };
            yield return KindPlannerSupport.Undeclared(
                options,
                PostureObjectKind.ReportPlan,
                extra.Name,
                extra.Arn,
                Basis(extra),
                new PlannedRequest("DeleteReportPlan", delete),
                ct => client.DeleteReportPlanAsync(delete, ct),
                KindPlannerSupport.InProgress(extra.DeploymentStatus));
        }
    }

    public IEnumerable<KeyValuePair<string, string>> Basis(LiveState live)
    {
        if (live.Extensions.GetValueOrDefault(Key) is not LiveReportPlans state)
        {
            yield break;
        }

        foreach (var plan in state.Declared.Values.Concat(state.Undeclared))
        {
            yield return new("report plan " + plan.Name, Basis(plan));
        }
    }

    /// <summary>The compared text of a live report plan (not its deployment status or execution times, which change with time alone).</summary>
    internal static string Basis(LiveReportPlan plan)
    {
        var m = plan.Model;
        return $"report plan {plan.Arn}, {m.Template}, frameworks {Differences.SortedList(m.Frameworks) ?? "[]"}, s3://{m.S3BucketName}/{m.S3KeyPrefix} " +
            $"{Differences.SortedList(m.Formats) ?? "[]"}, accounts {Differences.SortedList(m.Accounts) ?? "[]"}, OUs {Differences.SortedList(m.OrganizationUnits) ?? "[]"}, " +
            $"regions {Differences.SortedList(m.Regions) ?? "[]"}, description {m.Description ?? "(none)"}, tags {Text.Tags(m.Tags) ?? "{}"}";
    }

    private PlannedStep Step(AuditReportPlan plan, LiveReportPlan? live, LiveFrameworks? frameworks)
    {
        var summary = plan.Template + " to s3://" + plan.S3BucketName + (plan.S3KeyPrefix is null ? string.Empty : "/" + plan.S3KeyPrefix);

        // Frameworks this apply creates are named by a placeholder in the plan and by their new ARN when executed.
        CreateReportPlanInput Create(Func<string, string> arnOf) => new()
        {
            ReportPlanName = plan.Name,
            ReportPlanDescription = plan.Description,
            ReportDeliveryChannel = AuditMapping.ToDeliveryChannel(plan),
            ReportSetting = AuditMapping.ToReportSetting(plan, arnOf),
            ReportPlanTags = plan.Tags.IsEmpty ? null : plan.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        };
        string Planned(string name) => frameworks?.Arns.GetValueOrDefault(name) ?? "{framework-arn:" + name + "}";
        Func<string, string> Executed(ApplyContext ctx) => name =>
            (ctx.Live.Extensions.GetValueOrDefault(FrameworkPlanner.Key) as LiveFrameworks)?.Arns.GetValueOrDefault(name)
            ?? throw new InvalidOperationException($"Report plan '{plan.Name}' reports on framework '{name}', which does not exist in AWS and was not created by this apply. Declare the framework in the posture.");
        async Task<string?> CreateAsync(ApplyContext ctx, CancellationToken ct)
        {
            var input = Create(Executed(ctx));
            input.IdempotencyToken = IdempotencyTokens.ForReportPlan(input);
            var arn = (await client.CreateReportPlanAsync(input, ct).ConfigureAwait(false)).ReportPlanArn;
            ctx.Live.Observe(arn);
            return arn;
        }

        var planned = Create(Planned);
        if (live is null)
        {
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.ReportPlan, Name = plan.Name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateReportPlan", planned)] },
                CreateAsync);
        }

        var basis = Basis(live);
        var current = live.Model;
        var differences = new List<PropertyDifference>();
        Differences.Add(differences, "template", plan.Template, current.Template);
        var replace = differences.Count > 0;
        Differences.Add(differences, "frameworks", Differences.SortedList(plan.Frameworks), Differences.SortedList(current.Frameworks));
        Differences.Add(differences, "s3BucketName", plan.S3BucketName, current.S3BucketName);
        Differences.Add(differences, "s3KeyPrefix", plan.S3KeyPrefix, current.S3KeyPrefix);

        // AWS delivers CSV when no format is given, and returns it as such.
        Differences.Add(differences, "formats", Differences.SortedList(plan.Formats.IsEmpty ? ["CSV"] : plan.Formats), Differences.SortedList(current.Formats.IsEmpty ? ["CSV"] : current.Formats));
        Differences.Add(differences, "accounts", Differences.SortedList(plan.Accounts), Differences.SortedList(current.Accounts));
        Differences.Add(differences, "organizationUnits", Differences.SortedList(plan.OrganizationUnits), Differences.SortedList(current.OrganizationUnits));
        Differences.Add(differences, "regions", Differences.SortedList(plan.Regions), Differences.SortedList(current.Regions));
        Differences.Add(differences, "description", plan.Description, current.Description);
        var documentDiffers = differences.Count > 0;
        Differences.Add(differences, "tags", Text.Tags(plan.Tags), Text.Tags(current.Tags));
        if (differences.Count == 0)
        {
            return new PlannedStep(new PostureChange { Kind = PostureObjectKind.ReportPlan, Name = plan.Name, Action = ChangeAction.Unchanged, Arn = live.Arn, Summary = summary, Basis = basis }, null);
        }

        if ((documentDiffers || replace) && KindPlannerSupport.InProgress(live.DeploymentStatus) is { } deploying)
        {
            return KindPlannerSupport.Blocked(PostureObjectKind.ReportPlan, plan.Name, live.Arn, basis, differences, deploying);
        }

        if (replace)
        {
            var delete = new DeleteReportPlanInput { ReportPlanName = plan.Name };
            return new PlannedStep(
                new PostureChange
                {
                    Kind = PostureObjectKind.ReportPlan,
                    Name = plan.Name,
                    Action = ChangeAction.Replace,
                    Arn = live.Arn,
                    Summary = summary,
                    Basis = basis,
                    Differences = differences,
                    Requests = [new("DeleteReportPlan", delete), new("CreateReportPlan", planned)],
                    Warning = "AWS cannot change the template of a report plan: it is deleted and created again (reports already delivered stay in S3)",
                },
                async (ctx, ct) =>
                {
                    await client.DeleteReportPlanAsync(delete, ct).ConfigureAwait(false);
                    return await CreateAsync(ctx, ct).ConfigureAwait(false);
                });
        }

        var (tag, untag) = KindPlannerSupport.TagChanges(live.Arn, plan.Tags, current.Tags);
        UpdateReportPlanInput Update(Func<string, string> arnOf)
        {
            var create = Create(arnOf);
            return new UpdateReportPlanInput
            {
                ReportPlanName = plan.Name,
                ReportPlanDescription = plan.Description,
                ReportDeliveryChannel = create.ReportDeliveryChannel,
                ReportSetting = create.ReportSetting,
                IdempotencyToken = IdempotencyTokens.ForReportPlan(create, basis),
            };
        }

        IReadOnlyList<PlannedRequest> requests = [.. documentDiffers ? new[] { new PlannedRequest("UpdateReportPlan", Update(Planned)) } : [], .. KindPlannerSupport.TagRequests(tag, untag)];
        return new PlannedStep(
            new PostureChange { Kind = PostureObjectKind.ReportPlan, Name = plan.Name, Action = ChangeAction.Update, Arn = live.Arn, Summary = summary, Basis = basis, Differences = differences, Requests = requests },
            async (ctx, ct) =>
            {
                if (documentDiffers)
                {
                    await client.UpdateReportPlanAsync(Update(Executed(ctx)), ct).ConfigureAwait(false);
                }

                await KindPlannerSupport.ApplyTagsAsync(client, tag, untag, ct).ConfigureAwait(false);
                return live.Arn;
            });
    }
}
