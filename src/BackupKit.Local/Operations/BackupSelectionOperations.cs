using System.Text.RegularExpressions;
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
    /// <summary>Selections per plan (AWS quota, not adjustable).</summary>
    public const int MaxSelectionsPerPlan = 100;

    /// <summary>Selections that select by tags, per plan (AWS quota).</summary>
    public const int MaxTagSelectionsPerPlan = 10;

    public const int MaxPlainArns = 500;
    public const int MaxWildcardArns = 30;
    public const int MaxConditions = 30;

    public static CreateBackupSelectionOutput Create(CallContext call, CreateBackupSelectionInput input)
    {
        var selection = input.BackupSelection!;
        Check(selection);
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

                if (existing.Selection.ListOfTags is { Count: > 0 })
                {
                    tagSelections++;
                }
            }

            if (plan.Selections.Count >= MaxSelectionsPerPlan)
            {
                throw BackupApiError.LimitExceeded($"Backup plan '{plan.Id}' already has {MaxSelectionsPerPlan} selections, the most AWS Backup allows.");
            }

            if (selection.ListOfTags is { Count: > 0 } && tagSelections >= MaxTagSelectionsPerPlan)
            {
                throw BackupApiError.LimitExceeded($"Backup plan '{plan.Id}' already has {MaxTagSelectionsPerPlan} selections that select by tags, the most AWS Backup allows.");
            }

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
            return new GetBackupSelectionOutput
            {
                BackupSelection = record.Selection,
                SelectionId = record.Id,
                BackupPlanId = plan.Id,
                CreationDate = record.CreationDate,
                CreatorRequestId = record.CreatorRequestId,
            };
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
            var members = Paging.List(all, static s => s.Sequence, input.NextToken, input.MaxResults, out var next, record => new BackupSelectionsListMember
            {
                SelectionId = record.Id,
                SelectionName = record.Selection.SelectionName,
                BackupPlanId = plan.Id,
                CreationDate = record.CreationDate,
                CreatorRequestId = record.CreatorRequestId,
                IamRoleArn = record.Selection.IamRoleArn,
            });

            return new ListBackupSelectionsOutput { BackupSelectionsList = members, NextToken = next };
        }
    }

    private static SelectionRecord Find(PlanRecord plan, string selectionId) =>
        plan.Selections.TryGetValue(selectionId, out var record)
            ? record
            : throw BackupApiError.NotFound($"Backup plan '{plan.Id}' has no selection with the id '{selectionId}'.");

    /// <summary>The checks AWS makes on a selection beyond the model's constraints.</summary>
    private static void Check(BackupSelection selection)
    {
        if (selection.Resources is not { Count: > 0 } && selection.ListOfTags is not { Count: > 0 })
        {
            throw BackupApiError.InvalidParameter("Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.");
        }

        if (!IamRoleArnPattern().IsMatch(selection.IamRoleArn!))
        {
            throw BackupApiError.InvalidParameter(
                $"IamRoleArn '{selection.IamRoleArn}' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).");
        }

        CheckArns("Resources", selection.Resources);
        CheckArns("NotResources", selection.NotResources);

        var conditions = selection.ListOfTags?.Count ?? 0;
        if (selection.Conditions is { } c)
        {
            conditions += CheckConditionKeys("StringEquals", c.StringEquals)
                + CheckConditionKeys("StringNotEquals", c.StringNotEquals)
                + CheckConditionKeys("StringLike", c.StringLike)
                + CheckConditionKeys("StringNotLike", c.StringNotLike);
        }

        if (conditions > MaxConditions)
        {
            throw BackupApiError.InvalidParameter($"Invalid backup selection. A selection can have at most {MaxConditions} tag conditions; this one has {conditions}.");
        }
    }

    private static void CheckArns(string member, List<string>? arns)
    {
        if (arns is null)
        {
            return;
        }

        var wildcards = 0;
        foreach (var arn in arns)
        {
            if (arn == "*")
            {
                wildcards++;
                continue;
            }

            if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Split(':').Length < 6)
            {
                throw BackupApiError.InvalidParameter($"Invalid backup selection. {member} entry '{arn}' is not an ARN or '*'.");
            }

            if (arn.Contains('*', StringComparison.Ordinal))
            {
                wildcards++;
            }
        }

        if (wildcards > MaxWildcardArns)
        {
            throw BackupApiError.InvalidParameter($"Invalid backup selection. {member} can hold at most {MaxWildcardArns} ARNs with wildcards; it has {wildcards}.");
        }

        if (arns.Count - wildcards > MaxPlainArns)
        {
            throw BackupApiError.InvalidParameter($"Invalid backup selection. {member} can hold at most {MaxPlainArns} ARNs without wildcards; it has {arns.Count - wildcards}.");
        }
    }

    private static int CheckConditionKeys(string member, List<ConditionParameter>? parameters)
    {
        if (parameters is null)
        {
            return 0;
        }

        foreach (var parameter in parameters)
        {
            if (parameter.ConditionKey is not { } key || !key.StartsWith("aws:ResourceTag/", StringComparison.Ordinal) || key.Length == "aws:ResourceTag/".Length)
            {
                throw BackupApiError.InvalidParameter(
                    $"Invalid backup selection. Conditions.{member} key '{parameter.ConditionKey}' must be written aws:ResourceTag/<tag key>.");
            }

            if (parameter.ConditionValue is null)
            {
                throw BackupApiError.MissingParameter($"Invalid backup selection. Conditions.{member} entry '{key}' needs a ConditionValue.");
            }
        }

        return parameters.Count;
    }

    [GeneratedRegex(@"^arn:aws[a-z\-]*:iam::\d{12}:role/.+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IamRoleArnPattern();
}
