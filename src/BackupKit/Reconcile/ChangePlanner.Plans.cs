using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Reconcile;

// Backup plan steps: create, update the plan document (refused when another writer moved the plan version), delete undeclared plans.
internal sealed partial class ChangePlanner
{
    private PlannedStep PlanStep(M.BackupPlan plan, LivePlan? live)
    {
        var summary = Text.Count(plan.Rules.Count, "rule") + ", " + Text.Count(plan.Selections.Count, "selection");
        if (live is null)
        {
            var input = PostureMapping.ToCreateBackupPlanInput(plan);
            input.CreatorRequestId = IdempotencyTokens.ForPlan(input);
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.Plan, Name = plan.Name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateBackupPlan", input)] },
                async (ctx, ct) =>
                {
                    // The token is derived from the content: concurrent applies of the same plan get the same plan back.
                    var output = await client.CreateBackupPlanAsync(input, ct).ConfigureAwait(false);
                    ctx.PlanIds[plan.Name] = output.BackupPlanId!;
                    ctx.PlanVersions[plan.Name] = output.VersionId;
                    ctx.Live.Observe(output.BackupPlanArn);
                    return output.BackupPlanArn;
                });
        }

        var basis = LiveBasis.Plan(live);
        var declaredDocument = PostureNormalizer.NormalizeDocument(plan);
        var liveDocument = PostureNormalizer.NormalizeDocument(live.Document!);
        var documentDiffers = declaredDocument with { Tags = default } != liveDocument with { Tags = default };
        var tagsDiffer = plan.Tags != live.Document!.Tags;
        if (!documentDiffers && !tagsDiffer)
        {
            return Unchanged(PostureObjectKind.Plan, plan.Name, live.Arn, summary, basis);
        }

        var update = documentDiffers ? PostureMapping.ToUpdateBackupPlanInput(plan, live.Id) : null;
        var (tagRequests, tagStep) = UpdateInPlace(live.Arn, null, plan.Tags, live.Document.Tags);
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.Plan,
                Name = plan.Name,
                Action = ChangeAction.Update,
                Arn = live.Arn,
                Summary = summary,
                Basis = basis,
                Differences = PlanDiff.Compare(declaredDocument, liveDocument),
                Requests = update is null ? tagRequests : [new("UpdateBackupPlan", update), .. tagRequests],
            },
            async (ctx, ct) =>
            {
                // AWS has no conditional write: the version is checked just before writing, which narrows the window in
                // which another writer's update could be overwritten (within one process the apply lock closes it).
                await EnsurePlanVersionAsync(ctx, plan.Name, live.VersionId, ct).ConfigureAwait(false);
                if (update is not null)
                {
                    var output = await client.UpdateBackupPlanAsync(update, ct).ConfigureAwait(false);
                    ctx.PlanVersions[plan.Name] = output.VersionId;
                }

                return await tagStep!(ctx, ct).ConfigureAwait(false);
            });
    }

    /// <summary>
    /// Reads the plan's version and throws <see cref="PostureConflictException"/> when it is not
    /// <paramref name="expected"/>: another writer changed the plan since this apply read or wrote it.
    /// </summary>
    private async Task EnsurePlanVersionAsync(ApplyContext ctx, string planName, string? expected, CancellationToken ct)
    {
        string? now;
        try
        {
            now = (await client.GetBackupPlanAsync(new GetBackupPlanInput { BackupPlanId = ctx.PlanIds[planName] }, ct).ConfigureAwait(false)).VersionId;
        }
        catch (ResourceNotFoundException ex)
        {
            throw Conflict($"plan {planName}", $"plan {planName} was deleted by another writer", ex);
        }

        if (!string.Equals(now, expected, StringComparison.Ordinal))
        {
            throw Conflict(
                $"plan {planName}",
                $"plan {planName} is at version {now} but this apply expected version {expected}: another writer changed it; this apply stops before writing its selections",
                null);
        }
    }

    private static PostureConflictException Conflict(string obj, string detail, Exception? inner) =>
        new([obj], $"Another writer changed {obj} during the apply: {detail}. Nothing more was written; read the plan again and apply.", inner);

    private PlannedStep UndeclaredPlanStep(LivePlan live)
    {
        IReadOnlyList<PlannedRequest> requests =
        [
            .. live.Selections.Select(s => new PlannedRequest("DeleteBackupSelection", new DeleteBackupSelectionInput { BackupPlanId = live.Id, SelectionId = s.Id })),
            new("DeleteBackupPlan", new DeleteBackupPlanInput { BackupPlanId = live.Id }),
        ];
        return UndeclaredStep(
            PostureObjectKind.Plan,
            live.Name,
            live.Arn,
            async (_, ct) =>
            {
                foreach (var request in requests)
                {
                    if (request.Input is DeleteBackupSelectionInput selection)
                    {
                        await client.DeleteBackupSelectionAsync(selection, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        await client.DeleteBackupPlanAsync((DeleteBackupPlanInput)request.Input, ct).ConfigureAwait(false);
                    }
                }
            },
            Text.Count(live.Selections.Count, "selection") + " deleted first",
            "deleting the plan stops its scheduled backups; recovery points already taken are kept",
            requests,
            LiveBasis.Plan(live));
    }
}
