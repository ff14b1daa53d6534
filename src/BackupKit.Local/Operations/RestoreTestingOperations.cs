using System.Globalization;
using System.Text.RegularExpressions;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Rules;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// Restore testing plans and selections: create (idempotent by CreatorRequestId), get, list, update, delete (a plan
/// only once its selections are gone), checked as AWS Backup checks them (names, windows, algorithm, recovery point
/// types, vault selectors, targeting by ARNs or by <c>*</c> with conditions, quotas).
/// </summary>
internal static partial class RestoreTestingOperations
{
    /// <summary>Restore testing plans per account (AWS quota, not adjustable).</summary>
    public const int MaxPlans = AwsFacts.MaxRestoreTestingPlans;

    /// <summary>Selections per restore testing plan (AWS quota, not adjustable).</summary>
    public const int MaxSelectionsPerPlan = AwsFacts.MaxRestoreTestingSelectionsPerPlan;

    /// <summary>Tags per restore testing plan.</summary>
    public const int MaxPlanTags = AwsFacts.MaxRestoreTestingTagsPerPlan;

    /// <summary>Explicit ARNs, conditions and vault selectors per plan or selection.</summary>
    public const int MaxItems = AwsFacts.MaxRestoreTestingItems;

    public const int DefaultStartWindowHours = AwsFacts.DefaultRestoreTestingStartWindowHours;
    public const int DefaultSelectionWindowDays = AwsFacts.DefaultRestoreTestingSelectionWindowDays;
    public const string DefaultTimezone = AwsFacts.DefaultTimeZone;

    /// <summary>The resource types restore testing can test, as the API names them.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes = RestoreTestingRules.ResourceTypes;

    public static CreateRestoreTestingPlanOutput CreatePlan(CallContext call, CreateRestoreTestingPlanInput input)
    {
        var document = input.RestoreTestingPlan!;
        CheckName(document.RestoreTestingPlanName!, "RestoreTestingPlanName");
        CheckSchedule(document.ScheduleExpression!, document.ScheduleExpressionTimezone);
        CheckStartWindow(document.StartWindowHours);
        var selection = CheckRecoveryPointSelection(document.RecoveryPointSelection!);
        if (input.Tags is { Count: > MaxPlanTags })
        {
            throw BackupApiError.InvalidParameter($"A restore testing plan can have at most {MaxPlanTags} tags; got {input.Tags.Count}.");
        }

        RequestRules.CheckRestoreTestingPlan(
            document.RestoreTestingPlanName, document.ScheduleExpression, document.ScheduleExpressionTimezone, document.StartWindowHours, document.RecoveryPointSelection, input.Tags ?? []);

        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            foreach (var existing in state.RestoreTestingPlans.Values)
            {
                if (input.CreatorRequestId is { } requestId && existing.CreatorRequestId == requestId)
                {
                    // A retried create with the same CreatorRequestId returns the plan it created.
                    return new CreateRestoreTestingPlanOutput { CreationTime = existing.CreationTime, RestoreTestingPlanArn = existing.Arn, RestoreTestingPlanName = existing.Name };
                }
            }

            if (state.RestoreTestingPlans.TryGetValue(document.RestoreTestingPlanName!, out var same))
            {
                throw new BackupApiError(ErrorCodes.AlreadyExists, 400, $"A restore testing plan named '{same.Name}' already exists.")
                {
                    Arn = same.Arn,
                    CreatorRequestId = same.CreatorRequestId,
                };
            }

            if (state.RestoreTestingPlans.Count >= MaxPlans)
            {
                throw BackupApiError.LimitExceeded($"This account already has {MaxPlans} restore testing plans, the most AWS Backup allows.");
            }

            var plan = new RestoreTestingPlanRecord
            {
                Name = document.RestoreTestingPlanName!,
                Arn = $"arn:aws:backup:{state.Region}:{state.AccountId}:restore-testing-plan:{document.RestoreTestingPlanName}-{state.NewGuid():D}",
                Sequence = state.NextSequence(),
                CreationTime = now,
                CreatorRequestId = input.CreatorRequestId,
                ScheduleExpression = document.ScheduleExpression!,
                ScheduleExpressionTimezone = document.ScheduleExpressionTimezone ?? DefaultTimezone,
                StartWindowHours = document.StartWindowHours ?? DefaultStartWindowHours,
                RecoveryPointSelection = selection,
                ScheduledThrough = now,
            };
            if (input.Tags is { } tags)
            {
                TagOperations.Merge(plan.Tags, tags);
            }

            state.RestoreTestingPlans.Add(plan.Name, plan);
            return new CreateRestoreTestingPlanOutput { CreationTime = plan.CreationTime, RestoreTestingPlanArn = plan.Arn, RestoreTestingPlanName = plan.Name };
        }
    }

    public static GetRestoreTestingPlanOutput GetPlan(CallContext call, GetRestoreTestingPlanInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var plan = FindPlan(state, input.RestoreTestingPlanName!);
            return new GetRestoreTestingPlanOutput
            {
                RestoreTestingPlan = ToPlanForGet(plan),
            };
        }
    }

    public static ListRestoreTestingPlansOutput ListPlans(CallContext call, ListRestoreTestingPlansInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var plans = new List<RestoreTestingPlanRecord>(state.RestoreTestingPlans.Values);
            var members = Paging.List(plans, static p => p.Sequence, input.NextToken, input.MaxResults, out var next, ToPlanForList);

            return new ListRestoreTestingPlansOutput { RestoreTestingPlans = members, NextToken = next };
        }
    }

    /// <summary>A restore testing plan as GetRestoreTestingPlan renders it (its selection copied).</summary>
    private static RestoreTestingPlanForGet ToPlanForGet(RestoreTestingPlanRecord plan) => new()
    {
        CreationTime = plan.CreationTime,
        CreatorRequestId = plan.CreatorRequestId,
        LastExecutionTime = plan.LastExecutionTime,
        LastUpdateTime = plan.LastUpdateTime,
        RecoveryPointSelection = Copy(plan.RecoveryPointSelection),
        RestoreTestingPlanArn = plan.Arn,
        RestoreTestingPlanName = plan.Name,
        ScheduleExpression = plan.ScheduleExpression,
        ScheduleExpressionTimezone = plan.ScheduleExpressionTimezone,
        StartWindowHours = plan.StartWindowHours,
    };

    /// <summary>A restore testing plan as ListRestoreTestingPlans renders it.</summary>
    private static RestoreTestingPlanForList ToPlanForList(RestoreTestingPlanRecord plan) => new()
    {
        CreationTime = plan.CreationTime,
        LastExecutionTime = plan.LastExecutionTime,
        LastUpdateTime = plan.LastUpdateTime,
        RestoreTestingPlanArn = plan.Arn,
        RestoreTestingPlanName = plan.Name,
        ScheduleExpression = plan.ScheduleExpression,
        ScheduleExpressionTimezone = plan.ScheduleExpressionTimezone,
        StartWindowHours = plan.StartWindowHours,
    };

    public static UpdateRestoreTestingPlanOutput UpdatePlan(CallContext call, UpdateRestoreTestingPlanInput input)
    {
        var update = input.RestoreTestingPlan!;
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;

            // Runs due under the old schedule happen before the update takes effect.
            BackupJobEngine.Advance(state, now);
            var plan = FindPlan(state, input.RestoreTestingPlanName!);
            var schedule = update.ScheduleExpression ?? plan.ScheduleExpression;
            var timezone = update.ScheduleExpressionTimezone ?? plan.ScheduleExpressionTimezone;
            CheckSchedule(schedule, timezone);
            CheckStartWindow(update.StartWindowHours);
            var selection = update.RecoveryPointSelection is { } changed ? CheckRecoveryPointSelection(changed) : plan.RecoveryPointSelection;

            plan.ScheduleExpression = schedule;
            plan.ScheduleExpressionTimezone = timezone;
            plan.StartWindowHours = update.StartWindowHours ?? plan.StartWindowHours;
            plan.RecoveryPointSelection = selection;
            plan.LastUpdateTime = now;
            return new UpdateRestoreTestingPlanOutput { CreationTime = plan.CreationTime, RestoreTestingPlanArn = plan.Arn, RestoreTestingPlanName = plan.Name, UpdateTime = now };
        }
    }

    public static EmptyOutput DeletePlan(CallContext call, DeleteRestoreTestingPlanInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);

            // The model declares only InvalidRequestException for this operation, for a missing plan too.
            if (!state.RestoreTestingPlans.TryGetValue(input.RestoreTestingPlanName!, out var plan))
            {
                throw BackupApiError.InvalidRequest($"Restore testing plan '{input.RestoreTestingPlanName}' does not exist in account {state.AccountId}, region {state.Region}.");
            }

            if (plan.Selections.Count > 0)
            {
                throw BackupApiError.InvalidRequest(
                    $"Restore testing plan '{plan.Name}' still has {plan.Selections.Count} restore testing selection(s); delete them before deleting the plan.");
            }

            state.RestoreTestingPlans.Remove(plan.Name);
            return EmptyOutput.Instance;
        }
    }

    public static CreateRestoreTestingSelectionOutput CreateSelection(CallContext call, CreateRestoreTestingSelectionInput input)
    {
        var document = input.RestoreTestingSelection!;
        CheckName(document.RestoreTestingSelectionName!, "RestoreTestingSelectionName");
        var type = document.ProtectedResourceType!;
        if (!ResourceTypes.Contains(type))
        {
            throw BackupApiError.InvalidParameter(
                $"ProtectedResourceType '{type}' is not supported by restore testing; use one of {string.Join(", ", ResourceTypes)}.");
        }

        CheckIamRole(document.IamRoleArn!);
        CheckTargets(type, document.ProtectedResourceArns, document.ProtectedResourceConditions);
        CheckValidationWindow(document.ValidationWindowHours);
        RequestRules.CheckRestoreTestingSelection(document);
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            var plan = FindPlan(state, input.RestoreTestingPlanName!);
            foreach (var existing in plan.Selections.Values)
            {
                if (input.CreatorRequestId is { } requestId && existing.CreatorRequestId == requestId)
                {
                    return new CreateRestoreTestingSelectionOutput { CreationTime = existing.CreationTime, RestoreTestingPlanArn = plan.Arn, RestoreTestingPlanName = plan.Name, RestoreTestingSelectionName = existing.Name };
                }
            }

            if (plan.Selections.ContainsKey(document.RestoreTestingSelectionName!))
            {
                throw new BackupApiError(ErrorCodes.AlreadyExists, 400, $"Restore testing plan '{plan.Name}' already has a selection named '{document.RestoreTestingSelectionName}'.");
            }

            if (plan.Selections.Count >= MaxSelectionsPerPlan)
            {
                throw BackupApiError.LimitExceeded($"Restore testing plan '{plan.Name}' already has {MaxSelectionsPerPlan} selections, the most AWS Backup allows.");
            }

            var selection = new RestoreTestingSelectionRecord
            {
                Name = document.RestoreTestingSelectionName!,
                PlanName = plan.Name,
                Sequence = state.NextSequence(),
                CreationTime = now,
                CreatorRequestId = input.CreatorRequestId,
                ProtectedResourceType = type,
                IamRoleArn = document.IamRoleArn!,
                ProtectedResourceArns = [.. document.ProtectedResourceArns!],
                ProtectedResourceConditions = document.ProtectedResourceConditions,
                RestoreMetadataOverrides = document.RestoreMetadataOverrides is { } overrides ? new Dictionary<string, string>(overrides, StringComparer.OrdinalIgnoreCase) : null,
                ValidationWindowHours = document.ValidationWindowHours,
            };
            plan.Selections.Add(selection.Name, selection);
            return new CreateRestoreTestingSelectionOutput { CreationTime = now, RestoreTestingPlanArn = plan.Arn, RestoreTestingPlanName = plan.Name, RestoreTestingSelectionName = selection.Name };
        }
    }

    public static GetRestoreTestingSelectionOutput GetSelection(CallContext call, GetRestoreTestingSelectionInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var selection = FindSelection(state, input.RestoreTestingPlanName!, input.RestoreTestingSelectionName!);
            return new GetRestoreTestingSelectionOutput
            {
                RestoreTestingSelection = ToSelectionForGet(selection),
            };
        }
    }

    public static ListRestoreTestingSelectionsOutput ListSelections(CallContext call, ListRestoreTestingSelectionsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var plan = FindPlan(state, input.RestoreTestingPlanName!);
            var selections = new List<RestoreTestingSelectionRecord>(plan.Selections.Values);
            var members = Paging.List(selections, static s => s.Sequence, input.NextToken, input.MaxResults, out var next, ToSelectionForList);

            return new ListRestoreTestingSelectionsOutput { RestoreTestingSelections = members, NextToken = next };
        }
    }

    /// <summary>A restore testing selection as GetRestoreTestingSelection renders it (its lists copied).</summary>
    private static RestoreTestingSelectionForGet ToSelectionForGet(RestoreTestingSelectionRecord selection) => new()
    {
        CreationTime = selection.CreationTime,
        CreatorRequestId = selection.CreatorRequestId,
        IamRoleArn = selection.IamRoleArn,
        ProtectedResourceArns = [.. selection.ProtectedResourceArns],
        ProtectedResourceConditions = selection.ProtectedResourceConditions,
        ProtectedResourceType = selection.ProtectedResourceType,
        RestoreMetadataOverrides = selection.RestoreMetadataOverrides is { } overrides ? new Dictionary<string, string>(overrides, StringComparer.Ordinal) : null,
        RestoreTestingPlanName = selection.PlanName,
        RestoreTestingSelectionName = selection.Name,
        ValidationWindowHours = selection.ValidationWindowHours,
    };

    /// <summary>A restore testing selection as ListRestoreTestingSelections renders it.</summary>
    private static RestoreTestingSelectionForList ToSelectionForList(RestoreTestingSelectionRecord selection) => new()
    {
        CreationTime = selection.CreationTime,
        IamRoleArn = selection.IamRoleArn,
        ProtectedResourceType = selection.ProtectedResourceType,
        RestoreTestingPlanName = selection.PlanName,
        RestoreTestingSelectionName = selection.Name,
        ValidationWindowHours = selection.ValidationWindowHours,
    };

    public static UpdateRestoreTestingSelectionOutput UpdateSelection(CallContext call, UpdateRestoreTestingSelectionInput input)
    {
        var update = input.RestoreTestingSelection!;
        CheckValidationWindow(update.ValidationWindowHours);
        if (update.IamRoleArn is { } role)
        {
            CheckIamRole(role);
        }

        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            BackupJobEngine.Advance(state, now);
            var plan = FindPlan(state, input.RestoreTestingPlanName!);
            var selection = FindSelection(state, plan.Name, input.RestoreTestingSelectionName!);

            // Targets change as a whole: new ARNs drop old conditions; new conditions need ['*'] (sent or kept).
            var arns = update.ProtectedResourceArns ?? selection.ProtectedResourceArns;
            var conditions = update.ProtectedResourceConditions ?? (update.ProtectedResourceArns is null ? selection.ProtectedResourceConditions : null);
            CheckTargets(selection.ProtectedResourceType, arns, conditions);

            selection.ProtectedResourceArns = [.. arns];
            selection.ProtectedResourceConditions = conditions;
            selection.IamRoleArn = update.IamRoleArn ?? selection.IamRoleArn;
            if (update.RestoreMetadataOverrides is { } overrides)
            {
                selection.RestoreMetadataOverrides = new Dictionary<string, string>(overrides, StringComparer.OrdinalIgnoreCase);
            }

            selection.ValidationWindowHours = update.ValidationWindowHours ?? selection.ValidationWindowHours;
            selection.UpdateTime = now;
            return new UpdateRestoreTestingSelectionOutput
            {
                CreationTime = selection.CreationTime,
                RestoreTestingPlanArn = plan.Arn,
                RestoreTestingPlanName = plan.Name,
                RestoreTestingSelectionName = selection.Name,
                UpdateTime = now,
            };
        }
    }

    public static EmptyOutput DeleteSelection(CallContext call, DeleteRestoreTestingSelectionInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            BackupJobEngine.Advance(state, call.Now);
            var selection = FindSelection(state, input.RestoreTestingPlanName!, input.RestoreTestingSelectionName!);
            state.RestoreTestingPlans[selection.PlanName].Selections.Remove(selection.Name);
            return EmptyOutput.Instance;
        }
    }

    /// <summary>
    /// The metadata a restore test of the recovery point would start with before the selection's overrides
    /// (<see cref="RestoreMetadataKeys.Inferred"/>): a new name each call, as AWS infers one per restore.
    /// </summary>
    public static GetRestoreTestingInferredMetadataOutput InferredMetadata(CallContext call, GetRestoreTestingInferredMetadataInput input) =>
        RestoreOperations.ReadRecoveryPoint(call, input.BackupVaultAccountId, input.BackupVaultName!, input.RecoveryPointArn!, (state, _, point) =>
            new GetRestoreTestingInferredMetadataOutput { InferredMetadata = RestoreMetadataKeys.Inferred(point, state.Region, Guid.NewGuid()) });

    internal static RestoreTestingPlanRecord FindPlan(RegionState state, string name) =>
        state.RestoreTestingPlans.TryGetValue(name, out var plan)
            ? plan
            : throw BackupApiError.NotFound($"Restore testing plan '{name}' does not exist in account {state.AccountId}, region {state.Region}.");

    private static RestoreTestingSelectionRecord FindSelection(RegionState state, string planName, string selectionName)
    {
        var plan = FindPlan(state, planName);
        return plan.Selections.TryGetValue(selectionName, out var selection)
            ? selection
            : throw BackupApiError.NotFound($"Restore testing plan '{planName}' has no selection named '{selectionName}'.");
    }

    private static void CheckName(string name, string member)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw BackupApiError.InvalidParameter($"{member} '{name}' is not valid: use 1 to 50 letters, digits or underscores.");
        }
    }

    private static void CheckSchedule(string expression, string? timezone)
    {
        RequestRules.CheckRestoreTestingPlan(name: null, expression, timezone, startWindowHours: null, selection: null, tags: null);
    }

    private static void CheckStartWindow(int? hours)
    {
        if (hours is < 1 or > 168)
        {
            throw BackupApiError.InvalidParameter($"StartWindowHours must be between 1 and 168; got {hours}.");
        }
    }

    private static void CheckValidationWindow(int? hours)
    {
        if (hours is < 0 or > 168)
        {
            throw BackupApiError.InvalidParameter($"ValidationWindowHours must be between 0 and 168; got {hours}.");
        }
    }

    private static void CheckIamRole(string arn)
    {
        if (!IamRolePattern().IsMatch(arn))
        {
            throw BackupApiError.InvalidParameter($"IamRoleArn '{arn}' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).");
        }
    }

    private static RestoreTestingRecoveryPointSelection CheckRecoveryPointSelection(RestoreTestingRecoveryPointSelection selection)
    {
        if (selection.Algorithm is null)
        {
            throw BackupApiError.MissingParameter("RecoveryPointSelection.Algorithm is required: LATEST_WITHIN_WINDOW or RANDOM_WITHIN_WINDOW.");
        }

        if (selection.RecoveryPointTypes is not { Count: > 0 } types)
        {
            throw BackupApiError.MissingParameter("RecoveryPointSelection.RecoveryPointTypes is required: SNAPSHOT, CONTINUOUS or both.");
        }

        if (types.Distinct().Count() != types.Count)
        {
            throw BackupApiError.InvalidParameter("RecoveryPointSelection.RecoveryPointTypes lists a type more than once.");
        }

        if (selection.IncludeVaults is not { Count: > 0 } include)
        {
            throw BackupApiError.MissingParameter("RecoveryPointSelection.IncludeVaults is required: '*' or vault ARNs (wildcards allowed).");
        }

        var exclude = selection.ExcludeVaults ?? [];
        if (include.Count + exclude.Count > MaxItems)
        {
            throw BackupApiError.InvalidParameter($"RecoveryPointSelection can name at most {MaxItems} vault selectors; got {include.Count + exclude.Count}.");
        }

        foreach (var selector in include.Concat(exclude))
        {
            if (selector != "*" && !VaultSelectorPattern().IsMatch(selector))
            {
                throw BackupApiError.InvalidParameter($"Vault selector '{selector}' is not '*', a backup vault ARN or a backup vault ARN pattern.");
            }
        }

        if (selection.SelectionWindowDays is < 1 or > 365)
        {
            throw BackupApiError.InvalidParameter($"RecoveryPointSelection.SelectionWindowDays must be between 1 and 365; got {selection.SelectionWindowDays}.");
        }

        return new RestoreTestingRecoveryPointSelection
        {
            Algorithm = selection.Algorithm,
            RecoveryPointTypes = [.. types],
            IncludeVaults = [.. include],
            ExcludeVaults = [.. exclude],
            SelectionWindowDays = selection.SelectionWindowDays ?? DefaultSelectionWindowDays,
        };
    }

    private static void CheckTargets(string resourceType, List<string>? arns, ProtectedResourceConditions? conditions)
    {
        var conditionCount = (conditions?.StringEquals?.Count ?? 0) + (conditions?.StringNotEquals?.Count ?? 0);
        if (arns is not { Count: > 0 })
        {
            throw BackupApiError.InvalidParameter("ProtectedResourceArns is required: list up to 30 resource ARNs, or ['*'] optionally with ProtectedResourceConditions.");
        }

        var wildcard = arns.Contains("*");
        if (wildcard && arns.Count > 1)
        {
            throw BackupApiError.InvalidParameter("ProtectedResourceArns cannot mix '*' with explicit ARNs.");
        }

        if (!wildcard && conditionCount > 0)
        {
            throw BackupApiError.InvalidParameter("ProtectedResourceConditions apply only with ProtectedResourceArns ['*']; the request cannot include both explicit ARNs and conditions.");
        }

        if (arns.Count > MaxItems)
        {
            throw BackupApiError.InvalidParameter($"ProtectedResourceArns can list at most {MaxItems} ARNs; got {arns.Count}.");
        }

        if (!wildcard)
        {
            foreach (var arn in arns)
            {
                string type;
                try
                {
                    type = Operations.ResourceTypes.Of(arn);
                }
                catch (BackupApiError)
                {
                    throw BackupApiError.InvalidParameter($"'{arn}' in ProtectedResourceArns is not a resource ARN AWS Backup protects.");
                }

                if (!string.Equals(type, resourceType, StringComparison.Ordinal)
                    && !(resourceType is "DocumentDB" or "Neptune" && type == "Aurora"))
                {
                    throw BackupApiError.InvalidParameter($"'{arn}' is a {type} resource, but the selection's ProtectedResourceType is {resourceType}.");
                }
            }
        }

        if (conditionCount > MaxItems)
        {
            throw BackupApiError.InvalidParameter($"ProtectedResourceConditions can hold at most {MaxItems} conditions; got {conditionCount}.");
        }

        foreach (var condition in (conditions?.StringEquals ?? []).Concat(conditions?.StringNotEquals ?? []))
        {
            if (condition.Key is null || !ConditionKeyPattern().IsMatch(condition.Key))
            {
                throw BackupApiError.InvalidParameter(
                    $"Condition key '{condition.Key}' is not valid: 1 to 128 letters, digits, spaces or _.:/=+-@, without the 'aws:' prefix (write the bare tag key).");
            }

            if (condition.Value is null || !ConditionValuePattern().IsMatch(condition.Value))
            {
                throw BackupApiError.InvalidParameter($"Condition value '{condition.Value}' is not valid: at most 256 letters, digits, spaces or _.:/=+-@.");
            }
        }
    }

    private static RestoreTestingRecoveryPointSelection Copy(RestoreTestingRecoveryPointSelection selection) => new()
    {
        Algorithm = selection.Algorithm,
        RecoveryPointTypes = selection.RecoveryPointTypes is { } types ? [.. types] : null,
        IncludeVaults = selection.IncludeVaults is { } include ? [.. include] : null,
        ExcludeVaults = selection.ExcludeVaults is { } exclude ? [.. exclude] : null,
        SelectionWindowDays = selection.SelectionWindowDays,
    };

    internal static string Hours(int hours) => hours.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z0-9_]{1,50}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^arn:aws[a-z\-]*:iam::\d{12}:role/[\w+=,.@/\-]{1,512}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IamRolePattern();

    [GeneratedRegex(@"^arn:aws[a-z\-]*:backup:[a-z0-9*\-]+:(\d{12}|\*):backup-vault:[a-zA-Z0-9_*\-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex VaultSelectorPattern();

    [GeneratedRegex(@"^(?![aA][wW][sS]:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionKeyPattern();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionValuePattern();
}
