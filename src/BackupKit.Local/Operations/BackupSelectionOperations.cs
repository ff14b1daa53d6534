using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// Backup selections (resource assignments) of a plan: create (checked as AWS checks them, idempotent by
/// CreatorRequestId), get, delete, list. There is no update: a change is delete + create.
/// </summary>
internal static partial class BackupSelectionOperations
{
    public static CreateBackupSelectionOutput Create(CallContext call, CreateBackupSelectionInput input)
    {
        var selection = input.BackupSelection!;
        var state = call.State;
        lock (state.Gate)
        {
            // Runs due before the selection existed do not back up its resources.
            BackupJobEngine.Advance(state, call.Now);
            var plan = BackupPlanOperations.FindLive(state, input.BackupPlanId!);
            var tagSelections = 0;
            foreach (var existing in plan.Selections.Values)
            {
                if (input.CreatorRequestId is { } creatorRequestId && existing.CreatorRequestId == creatorRequestId)
                {
                    // A repeated create with the same CreatorRequestId returns the selection it created.
                    return new CreateBackupSelectionOutput { SelectionId = existing.Id, BackupPlanId = plan.Id, CreationDate = existing.CreationDate };
                }

                if (RequestRules.UsesTags(existing.Selection))
                {
                    tagSelections++;
                }
            }

            RequestRules.CheckSelection(selection, plan.Selections.Count, tagSelections);

            var record = new SelectionRecord
            {
                Id = state.NewGuid().ToString("D"),
                PlanId = plan.Id,
                Sequence = state.NextSequence(),
                CreationDate = call.Now,
                CreatorRequestId = input.CreatorRequestId,
                Selection = selection,
            };
            plan.Selections.Add(record.Id, record);
            return new CreateBackupSelectionOutput { SelectionId = record.Id, BackupPlanId = plan.Id, CreationDate = record.CreationDate };
        }
    }

    public static GetBackupSelectionOutput Get(CallContext call, GetBackupSelectionInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var plan = BackupPlanOperations.Find(state, input.BackupPlanId!);
            var record = Find(plan, input.SelectionId!);
            return ToGetOutput(record, plan);
        }
    }

    public static EmptyOutput Delete(CallContext call, DeleteBackupSelectionInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var plan = BackupPlanOperations.Find(state, input.BackupPlanId!);
            var record = Find(plan, input.SelectionId!);
            plan.Selections.Remove(record.Id);
            return EmptyOutput.Instance;
        }
    }

    public static ListBackupSelectionsOutput List(CallContext call, ListBackupSelectionsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var plan = BackupPlanOperations.Find(state, input.BackupPlanId!);
            var all = new List<SelectionRecord>(plan.Selections.Values);
            var members = Paging.List(all, static s => s.Sequence, input.NextToken, input.MaxResults, out var next, record => ToListMember(record, plan));

            return new ListBackupSelectionsOutput { BackupSelectionsList = members, NextToken = next };
        }
    }

    /// <summary>A selection as GetBackupSelection renders it.</summary>
    private static GetBackupSelectionOutput ToGetOutput(SelectionRecord record, PlanRecord plan) => new()
    {
        BackupSelection = record.Selection,
        SelectionId = record.Id,
        BackupPlanId = plan.Id,
        CreationDate = record.CreationDate,
        CreatorRequestId = record.CreatorRequestId,
    };

    /// <summary>A selection as ListBackupSelections renders it.</summary>
    private static BackupSelectionsListMember ToListMember(SelectionRecord record, PlanRecord plan) => new()
    {
        SelectionId = record.Id,
        SelectionName = record.Selection.SelectionName,
        BackupPlanId = plan.Id,
        CreationDate = record.CreationDate,
        CreatorRequestId = record.CreatorRequestId,
        IamRoleArn = record.Selection.IamRoleArn,
    };

    private static SelectionRecord Find(PlanRecord plan, string selectionId) =>
        plan.Selections.TryGetValue(selectionId, out var record)
            ? record
            : throw BackupApiError.NotFound($"Backup plan '{plan.Id}' has no selection with the id '{selectionId}'.");
}
