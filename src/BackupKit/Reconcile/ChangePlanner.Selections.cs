using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;

namespace BackupKit.Reconcile;

// Backup selection steps: create or replace each selection of a plan (AWS cannot update one), delete undeclared selections.
internal sealed partial class ChangePlanner
{
    private PlannedStep SelectionStep(string planName, M.BackupSelection selection, LiveSelection? live, LiveState state)
    {
        var name = planName + "/" + selection.Name;
        var summary = Text.SelectionSummary(selection);
        var planned = PlannedSelectionCreate(planName, selection, state);
        if (live?.Model is null)
        {
            return new PlannedStep(
                new PostureChange { Kind = PostureObjectKind.Selection, Name = name, Action = ChangeAction.Create, Summary = summary, Requests = [new("CreateBackupSelection", planned)] },
                async (ctx, ct) =>
                {
                    await EnsurePlanVersionAsync(ctx, planName, ctx.PlanVersions.GetValueOrDefault(planName), ct).ConfigureAwait(false);
                    return await CreateSelectionAsync(ctx, planName, selection, ct).ConfigureAwait(false);
                });
        }

        var basis = LiveBasis.Selection(live);
        var declared = PostureNormalizer.Normalize(selection, state.AccountId, state.Partition);
        var current = PostureNormalizer.Normalize(live.Model, state.AccountId, state.Partition);
        if (declared == current)
        {
            return Unchanged(PostureObjectKind.Selection, name, null, summary, basis);
        }

        var delete = new DeleteBackupSelectionInput { BackupPlanId = state.Plans[planName].Id, SelectionId = live.Id };
        return new PlannedStep(
            new PostureChange
            {
                Kind = PostureObjectKind.Selection,
                Name = name,
                Action = ChangeAction.Replace,
                Summary = summary,
                Basis = basis,
                Differences = PlanDiff.Compare(declared, current),
                Requests = [new("DeleteBackupSelection", delete), new("CreateBackupSelection", planned)],
                Warning = "AWS cannot update a selection: it is deleted and created again, so its resources are briefly not assigned to the plan",
            },
            async (ctx, ct) =>
            {
                await EnsurePlanVersionAsync(ctx, planName, ctx.PlanVersions.GetValueOrDefault(planName), ct).ConfigureAwait(false);
                try
                {
                    await client.DeleteBackupSelectionAsync(delete, ct).ConfigureAwait(false);
                }
                catch (ResourceNotFoundException ex)
                {
                    throw Conflict($"selection {name}", $"selection {live.Id} was already deleted by another writer", ex);
                }

                return await CreateSelectionAsync(ctx, planName, selection, ct).ConfigureAwait(false);
            });
    }

    /// <summary>The create request as far as planning knows it: the plan id and account are placeholders until the apply learns them.</summary>
    private static CreateBackupSelectionInput PlannedSelectionCreate(string planName, M.BackupSelection selection, LiveState state)
    {
        var planId = state.Plans.TryGetValue(planName, out var plan) ? plan.Id : "{plan-id:" + planName + "}";
        var input = PostureMapping.ToCreateBackupSelectionInput(selection, planId, state.AccountId ?? "{account}", state.Partition);
        input.CreatorRequestId = IdempotencyTokens.ForSelection(planName, input.BackupSelection!);
        return input;
    }

    private async Task<string?> CreateSelectionAsync(ApplyContext ctx, string planName, M.BackupSelection selection, CancellationToken ct)
    {
        var accountId = RequireAccount(ctx, selection.Name);
        var planId = ctx.PlanIds[planName];
        var input = PostureMapping.ToCreateBackupSelectionInput(selection, planId, accountId, ctx.Live.Partition);
        input.CreatorRequestId = IdempotencyTokens.ForSelection(planName, input.BackupSelection!);

        // A selection of this name that this content did not create means another writer is applying another version.
        await foreach (var existing in client.PaginateListBackupSelections(new ListBackupSelectionsInput { BackupPlanId = planId }, ct).ConfigureAwait(false))
        {
            if (existing.SelectionName == selection.Name)
            {
                if (existing.CreatorRequestId == input.CreatorRequestId)
                {
                    return existing.SelectionId;
                }

                throw Conflict($"selection {planName}/{selection.Name}", $"a selection of that name ({existing.SelectionId}) was created by another writer", null);
            }
        }

        var output = await client.CreateBackupSelectionAsync(input, ct).ConfigureAwait(false);
        return output.SelectionId;
    }

    private PlannedStep UndeclaredSelectionStep(string planName, LiveSelection live, LiveState state)
    {
        var delete = new DeleteBackupSelectionInput { BackupPlanId = state.Plans[planName].Id, SelectionId = live.Id };
        return UndeclaredStep(
            PostureObjectKind.Selection,
            planName + "/" + live.Name,
            null,
            async (ctx, ct) =>
            {
                await EnsurePlanVersionAsync(ctx, planName, ctx.PlanVersions.GetValueOrDefault(planName), ct).ConfigureAwait(false);
                await client.DeleteBackupSelectionAsync(delete, ct).ConfigureAwait(false);
            },
            requests: [new("DeleteBackupSelection", delete)],
            basis: LiveBasis.Selection(live));
    }
}
