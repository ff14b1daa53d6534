using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Reconcile;

// Restore testing steps: plans and their selections, created, updated in place or deleted.
internal sealed partial class ChangePlanner
{
    private PlannedStep RestoreTestingPlanStep(RestoreTestingPlan plan, LiveRestoreTestingPlan? live)
    {
        var summary = Text.Schedule(plan.Schedule) + ", " + Text.Count(plan.Selections.Count, "selection");
        if (live?.Document is null)
        {
            var input = RestoreTestingMapping.ToCreateRestoreTestingPlanInput(plan);
            input.CreatorRequestId = IdempotencyTokens.ForRestoreTestingPlan(input);
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.RestoreTestingPlan, Name = plan.Name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateRestoreTestingPlan", input)] },
                async (ctx, ct) =>
                {
                    var arn = (await client.CreateRestoreTestingPlanAsync(input, ct).ConfigureAwait(false)).RestoreTestingPlanArn;
                    ctx.Live.Observe(arn);
                    return arn;
                });
        }

        var basis = LiveBasis.RestoreTestingPlan(live);
        var declared = PostureNormalizer.Normalize(plan);
        var current = PostureNormalizer.Normalize(live.Document);
        var documentDiffers = declared with { Tags = default } != current with { Tags = default };
        var tagsDiffer = plan.Tags != live.Document.Tags;
        if (!documentDiffers && !tagsDiffer)
        {
            return Unchanged(PostureObjectKind.RestoreTestingPlan, plan.Name, live.Arn, summary, basis);
        }

        var update = documentDiffers ? RestoreTestingMapping.ToUpdateRestoreTestingPlanInput(plan) : null;
        var (requests, step) = UpdateInPlace(
            live.Arn,
            update is null ? null : new("UpdateRestoreTestingPlan", update),
            plan.Tags,
            live.Document.Tags,
            update is null ? null : ct => client.UpdateRestoreTestingPlanAsync(update, ct));
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.RestoreTestingPlan,
                Name = plan.Name,
                Action = ChangeAction.Update,
                Arn = live.Arn,
                Summary = summary,
                Basis = basis,
                Requests = requests,
                Differences = PlanDiff.Compare(declared, current),
            },
            step);
    }

    private PlannedStep RestoreTestingSelectionStep(string planName, RestoreTestingSelection selection, LiveRestoreTestingSelection? live, LiveState state)
    {
        var name = planName + "/" + selection.Name;
        var summary = selection.ProtectedResourceType + ", " + Text.Count(selection.ProtectedResourceArns.Count, "resource pattern");
        var planned = RestoreTestingMapping.ToCreateRestoreTestingSelectionInput(planName, selection, state.AccountId ?? "{account}", state.Partition);
        planned.CreatorRequestId = IdempotencyTokens.ForRestoreTestingSelection(planName, planned.RestoreTestingSelection!);
        if (live?.Model is null)
        {
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.RestoreTestingSelection, Name = name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateRestoreTestingSelection", planned)] },
                (ctx, ct) => CreateRestoreTestingSelectionAsync(ctx, planName, selection, ct));
        }

        var basis = LiveBasis.RestoreTestingSelection(live);
        var declared = PostureNormalizer.Normalize(selection, state.AccountId, state.Partition);
        var current = PostureNormalizer.Normalize(live.Model, state.AccountId, state.Partition);
        if (declared == current)
        {
            return Unchanged(PostureObjectKind.RestoreTestingSelection, name, null, summary, basis);
        }

        var differences = PlanDiff.Compare(declared, current);
        if (!string.Equals(selection.ProtectedResourceType, live.Model.ProtectedResourceType, StringComparison.Ordinal))
        {
            // AWS cannot change the resource type of a restore testing selection.
            var delete = new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = planName, RestoreTestingSelectionName = selection.Name };
            return new PlannedStep(
                new PostureChange
                {
                    Kind = PostureObjectKind.RestoreTestingSelection,
                    Name = name,
                    Action = ChangeAction.Replace,
                    Summary = summary,
                    Basis = basis,
                    Differences = differences,
                    Requests = [new("DeleteRestoreTestingSelection", delete), new("CreateRestoreTestingSelection", planned)],
                    Warning = "AWS cannot change the resource type of a restore testing selection: it is deleted and created again",
                },
                async (ctx, ct) =>
                {
                    await client.DeleteRestoreTestingSelectionAsync(delete, ct).ConfigureAwait(false);
                    return await CreateRestoreTestingSelectionAsync(ctx, planName, selection, ct).ConfigureAwait(false);
                });
        }

        var update = state.AccountId is null ? null : RestoreTestingMapping.ToUpdateRestoreTestingSelectionInput(planName, selection, state.AccountId, state.Partition);
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.RestoreTestingSelection,
                Name = name,
                Action = ChangeAction.Update,
                Summary = summary,
                Basis = basis,
                Differences = differences,
                Requests = update is null ? [] : [new("UpdateRestoreTestingSelection", update)],
            },
            async (ctx, ct) =>
            {
                var accountId = RequireAccount(ctx, selection.Name);
                await client.UpdateRestoreTestingSelectionAsync(update ?? RestoreTestingMapping.ToUpdateRestoreTestingSelectionInput(planName, selection, accountId, ctx.Live.Partition), ct).ConfigureAwait(false);
                return null;
            });
    }

    private async Task<string?> CreateRestoreTestingSelectionAsync(ApplyContext ctx, string planName, RestoreTestingSelection selection, CancellationToken ct)
    {
        var input = RestoreTestingMapping.ToCreateRestoreTestingSelectionInput(planName, selection, RequireAccount(ctx, selection.Name), ctx.Live.Partition);
        input.CreatorRequestId = IdempotencyTokens.ForRestoreTestingSelection(planName, input.RestoreTestingSelection!);
        await client.CreateRestoreTestingSelectionAsync(input, ct).ConfigureAwait(false);
        return null;
    }

    private PlannedStep UndeclaredRestoreTestingSelectionStep(string planName, LiveRestoreTestingSelection live)
    {
        var delete = new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = planName, RestoreTestingSelectionName = live.Name };
        return UndeclaredStep(
            PostureObjectKind.RestoreTestingSelection,
            planName + "/" + live.Name,
            null,
            (_, ct) => client.DeleteRestoreTestingSelectionAsync(delete, ct),
            requests: [new("DeleteRestoreTestingSelection", delete)],
            basis: LiveBasis.RestoreTestingSelection(live));
    }

    private PlannedStep UndeclaredRestoreTestingPlanStep(LiveRestoreTestingPlan live)
    {
        // AWS deletes a restore testing plan only once it has no selections.
        var deletes = live.Selections.Select(s => new DeleteRestoreTestingSelectionInput { RestoreTestingPlanName = live.Name, RestoreTestingSelectionName = s.Name }).ToList();
        var deletePlan = new DeleteRestoreTestingPlanInput { RestoreTestingPlanName = live.Name };
        return UndeclaredStep(
            PostureObjectKind.RestoreTestingPlan,
            live.Name,
            live.Arn,
            async (_, ct) =>
            {
                foreach (var delete in deletes)
                {
                    await client.DeleteRestoreTestingSelectionAsync(delete, ct).ConfigureAwait(false);
                }

                await client.DeleteRestoreTestingPlanAsync(deletePlan, ct).ConfigureAwait(false);
            },
            Text.Count(live.Selections.Count, "selection") + " deleted first",
            requests: [.. deletes.Select(d => new PlannedRequest("DeleteRestoreTestingSelection", d)), new("DeleteRestoreTestingPlan", deletePlan)],
            basis: LiveBasis.RestoreTestingPlan(live));
    }
}
