using BackupKit.Model;
using BackupKit.Wire;
using M = BackupKit.Model;
using W = BackupKit.Wire;

namespace BackupKit.Mapping;

/// <summary>
/// Converts restore testing plans and selections between the posture model and the AWS Backup wire shapes, in both
/// directions. Unset model members stay unset on the wire; on the way back, a <c>0</c> in the Smithy-defaulted
/// members <c>StartWindowHours</c> and <c>SelectionWindowDays</c> reads as "not provided", as AWS treats it.
/// </summary>
public static class RestoreTestingMapping
{
    /// <summary>Maps a plan to a <c>CreateRestoreTestingPlan</c> request (plan document and tags; selections are created separately).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="creatorRequestId">The idempotency token, or <see langword="null"/> to let the client generate one.</param>
    /// <returns>The request.</returns>
    public static CreateRestoreTestingPlanInput ToCreateRestoreTestingPlanInput(RestoreTestingPlan plan, string? creatorRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new CreateRestoreTestingPlanInput
        {
            RestoreTestingPlan = new RestoreTestingPlanForCreate
            {
                RestoreTestingPlanName = plan.Name,
                ScheduleExpression = plan.Schedule.CronExpression,
                ScheduleExpressionTimezone = plan.Schedule.TimeZone,
                StartWindowHours = ToHours(plan.StartWindow),
                RecoveryPointSelection = ToWire(plan.RecoveryPointSelection),
            },
            Tags = PostureMapping.ToDictionary(plan.Tags),
            CreatorRequestId = creatorRequestId,
        };
    }

    /// <summary>Maps a plan to an <c>UpdateRestoreTestingPlan</c> request (the name cannot change).</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The request.</returns>
    public static UpdateRestoreTestingPlanInput ToUpdateRestoreTestingPlanInput(RestoreTestingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new UpdateRestoreTestingPlanInput
        {
            RestoreTestingPlanName = plan.Name,
            RestoreTestingPlan = new RestoreTestingPlanForUpdate
            {
                ScheduleExpression = plan.Schedule.CronExpression,
                ScheduleExpressionTimezone = plan.Schedule.TimeZone,
                StartWindowHours = ToHours(plan.StartWindow),
                RecoveryPointSelection = ToWire(plan.RecoveryPointSelection),
            },
        };
    }

    /// <summary>Reads a plan as sent to <c>CreateRestoreTestingPlan</c>.</summary>
    /// <param name="input">The request.</param>
    /// <param name="selections">The plan's selections, already mapped, or <see langword="null"/> for none.</param>
    /// <returns>The plan.</returns>
    public static RestoreTestingPlan ToModel(CreateRestoreTestingPlanInput input, IEnumerable<RestoreTestingSelection>? selections = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.RestoreTestingPlan ?? new RestoreTestingPlanForCreate();
        ImportGuard.NoUnknownMembers(plan.UnknownMembers, "RestoreTestingPlanForCreate", plan.RestoreTestingPlanName);
        return ToModel(plan.RestoreTestingPlanName, plan.ScheduleExpression, plan.ScheduleExpressionTimezone, plan.StartWindowHours, plan.RecoveryPointSelection, input.Tags, selections);
    }

    /// <summary>Reads a plan as <c>GetRestoreTestingPlan</c> returns it.</summary>
    /// <param name="plan">The plan of the <c>GetRestoreTestingPlan</c> output.</param>
    /// <param name="tags">The plan's tags (from <c>ListTags</c>), or <see langword="null"/> for none.</param>
    /// <param name="selections">The plan's selections, already mapped, or <see langword="null"/> for none.</param>
    /// <returns>The plan.</returns>
    public static RestoreTestingPlan ToModel(RestoreTestingPlanForGet plan, IReadOnlyDictionary<string, string>? tags = null, IEnumerable<RestoreTestingSelection>? selections = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ImportGuard.NoUnknownMembers(plan.UnknownMembers, "RestoreTestingPlanForGet", plan.RestoreTestingPlanName);
        return ToModel(plan.RestoreTestingPlanName, plan.ScheduleExpression, plan.ScheduleExpressionTimezone, plan.StartWindowHours, plan.RecoveryPointSelection, tags, selections);
    }

    /// <summary>Maps a selection to its create shape with the IAM role resolved.</summary>
    /// <param name="selection">The selection.</param>
    /// <param name="iamRoleArn">The resolved role ARN.</param>
    /// <returns>The wire selection.</returns>
    public static RestoreTestingSelectionForCreate ToWire(RestoreTestingSelection selection, string iamRoleArn)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentException.ThrowIfNullOrWhiteSpace(iamRoleArn);
        return new RestoreTestingSelectionForCreate
        {
            RestoreTestingSelectionName = selection.Name,
            ProtectedResourceType = selection.ProtectedResourceType,
            IamRoleArn = iamRoleArn,
            ProtectedResourceArns = selection.ProtectedResourceArns.IsEmpty ? null : [.. selection.ProtectedResourceArns],
            ProtectedResourceConditions = ToWire(selection.Conditions),
            RestoreMetadataOverrides = PostureMapping.ToDictionary(selection.RestoreMetadataOverrides),
            ValidationWindowHours = ToHours(selection.ValidationWindow),
        };
    }

    /// <summary>Maps a selection to a <c>CreateRestoreTestingSelection</c> request.</summary>
    /// <param name="planName">The restore testing plan name.</param>
    /// <param name="selection">The selection.</param>
    /// <param name="accountId">The 12-digit account (resolves the default service role).</param>
    /// <param name="partition">The AWS partition of that account.</param>
    /// <param name="creatorRequestId">The idempotency token, or <see langword="null"/> to let the client generate one.</param>
    /// <returns>The request.</returns>
    public static CreateRestoreTestingSelectionInput ToCreateRestoreTestingSelectionInput(
        string planName,
        RestoreTestingSelection selection,
        string accountId,
        string partition = "aws",
        string? creatorRequestId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(planName);
        ArgumentNullException.ThrowIfNull(selection);
        return new CreateRestoreTestingSelectionInput
        {
            RestoreTestingPlanName = planName,
            RestoreTestingSelection = ToWire(selection, selection.IamRole.Resolve(accountId, partition)),
            CreatorRequestId = creatorRequestId,
        };
    }

    /// <summary>Maps a selection to an <c>UpdateRestoreTestingSelection</c> request (name and resource type cannot change).</summary>
    /// <param name="planName">The restore testing plan name.</param>
    /// <param name="selection">The selection.</param>
    /// <param name="accountId">The 12-digit account (resolves the default service role).</param>
    /// <param name="partition">The AWS partition of that account.</param>
    /// <returns>The request.</returns>
    public static UpdateRestoreTestingSelectionInput ToUpdateRestoreTestingSelectionInput(string planName, RestoreTestingSelection selection, string accountId, string partition = "aws")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(planName);
        ArgumentNullException.ThrowIfNull(selection);
        var wire = ToWire(selection, selection.IamRole.Resolve(accountId, partition));
        return new UpdateRestoreTestingSelectionInput
        {
            RestoreTestingPlanName = planName,
            RestoreTestingSelectionName = selection.Name,
            RestoreTestingSelection = new RestoreTestingSelectionForUpdate
            {
                IamRoleArn = wire.IamRoleArn,
                ProtectedResourceArns = wire.ProtectedResourceArns,
                ProtectedResourceConditions = wire.ProtectedResourceConditions,
                RestoreMetadataOverrides = wire.RestoreMetadataOverrides,
                ValidationWindowHours = wire.ValidationWindowHours,
            },
        };
    }

    /// <summary>Reads a selection in its create shape.</summary>
    /// <param name="selection">The wire selection.</param>
    /// <returns>The model selection.</returns>
    public static RestoreTestingSelection ToModel(RestoreTestingSelectionForCreate selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ImportGuard.NoUnknownMembers(selection.UnknownMembers, "RestoreTestingSelectionForCreate", selection.RestoreTestingSelectionName);
        return ToModel(selection.RestoreTestingSelectionName, selection.ProtectedResourceType, selection.IamRoleArn, selection.ProtectedResourceArns, selection.ProtectedResourceConditions, selection.RestoreMetadataOverrides, selection.ValidationWindowHours);
    }

    /// <summary>Reads a selection as <c>GetRestoreTestingSelection</c> returns it.</summary>
    /// <param name="selection">The wire selection.</param>
    /// <returns>The model selection.</returns>
    public static RestoreTestingSelection ToModel(RestoreTestingSelectionForGet selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ImportGuard.NoUnknownMembers(selection.UnknownMembers, "RestoreTestingSelectionForGet", selection.RestoreTestingSelectionName);
        return ToModel(selection.RestoreTestingSelectionName, selection.ProtectedResourceType, selection.IamRoleArn, selection.ProtectedResourceArns, selection.ProtectedResourceConditions, selection.RestoreMetadataOverrides, selection.ValidationWindowHours);
    }

    private static RestoreTestingPlan ToModel(
        string? name,
        string? schedule,
        string? timeZone,
        int? startWindowHours,
        W.RestoreTestingRecoveryPointSelection? selection,
        IReadOnlyDictionary<string, string>? tags,
        IEnumerable<RestoreTestingSelection>? selections) => new()
        {
            Name = name ?? string.Empty,
            Schedule = new BackupSchedule { CronExpression = schedule ?? string.Empty, TimeZone = timeZone },
            StartWindow = startWindowHours is { } hours and > 0 ? TimeSpan.FromHours(hours) : null,
            RecoveryPointSelection = ToModel(selection ?? new W.RestoreTestingRecoveryPointSelection()),
            Selections = new ValueList<RestoreTestingSelection>(selections ?? []),
            Tags = PostureMapping.ToValueMap(tags),
        };

    private static RestoreTestingSelection ToModel(
        string? name,
        string? resourceType,
        string? roleArn,
        List<string>? arns,
        ProtectedResourceConditions? conditions,
        Dictionary<string, string>? overrides,
        int? validationWindowHours)
    {
        // A condition operator AWS adds later (StringLike, say) arrives as an unknown member: refuse it rather than drop it.
        ImportGuard.NoUnknownMembers(conditions?.UnknownMembers, "ProtectedResourceConditions", name);
        foreach (var keyValue in (conditions?.StringEquals ?? []).Concat(conditions?.StringNotEquals ?? []))
        {
            ImportGuard.NoUnknownMembers(keyValue.UnknownMembers, "KeyValue", name);
        }

        return new()
        {
            Name = name ?? string.Empty,
            ProtectedResourceType = resourceType ?? string.Empty,
            IamRole = PostureMapping.ToRoleReference(roleArn),
            ProtectedResourceArns = new ValueList<string>(arns ?? []),
            Conditions = conditions is null
                ? RestoreTestingConditions.None
                : new RestoreTestingConditions
                {
                    StringEquals = new ValueList<TagCondition>((conditions.StringEquals ?? []).Select(ToTag)),
                    StringNotEquals = new ValueList<TagCondition>((conditions.StringNotEquals ?? []).Select(ToTag)),
                },
            RestoreMetadataOverrides = PostureMapping.ToValueMap(overrides),
            ValidationWindow = validationWindowHours is { } hours ? TimeSpan.FromHours(hours) : null,
        };
    }

    private static W.RestoreTestingRecoveryPointSelection ToWire(M.RestoreTestingRecoveryPointSelection selection) => new()
    {
        Algorithm = selection.Algorithm == RestoreTestingAlgorithm.RandomWithinWindow
            ? RestoreTestingRecoveryPointSelectionAlgorithm.RANDOM_WITHIN_WINDOW
            : RestoreTestingRecoveryPointSelectionAlgorithm.LATEST_WITHIN_WINDOW,
        RecoveryPointTypes = [.. selection.RecoveryPointTypes.Select(t => t == M.RestoreTestingRecoveryPointType.Continuous ? W.RestoreTestingRecoveryPointType.CONTINUOUS : W.RestoreTestingRecoveryPointType.SNAPSHOT)],
        IncludeVaults = [.. selection.IncludeVaults],
        ExcludeVaults = selection.ExcludeVaults.IsEmpty ? null : [.. selection.ExcludeVaults],
        SelectionWindowDays = selection.SelectionWindow is { } window ? checked((int)window.TotalDays) : null,
    };

    private static M.RestoreTestingRecoveryPointSelection ToModel(W.RestoreTestingRecoveryPointSelection selection)
    {
        ImportGuard.NoUnknownMembers(selection.UnknownMembers, "RestoreTestingRecoveryPointSelection", null);
        return ToModelChecked(selection);
    }

    private static M.RestoreTestingRecoveryPointSelection ToModelChecked(W.RestoreTestingRecoveryPointSelection selection) => new()
    {
        // Import never rewrites: a value the model cannot hold fails loudly, naming the member, instead of becoming a default.
        Algorithm = selection.Algorithm == RestoreTestingRecoveryPointSelectionAlgorithm.RANDOM_WITHIN_WINDOW ? RestoreTestingAlgorithm.RandomWithinWindow
            : selection.Algorithm == RestoreTestingRecoveryPointSelectionAlgorithm.LATEST_WITHIN_WINDOW ? RestoreTestingAlgorithm.LatestWithinWindow
            : throw new NotSupportedException($"RecoveryPointSelection.Algorithm '{selection.Algorithm}' is not a value BackupKit's model can hold (LATEST_WITHIN_WINDOW, RANDOM_WITHIN_WINDOW); import stops rather than rewrite it."),
        RecoveryPointTypes = new ValueList<M.RestoreTestingRecoveryPointType>((selection.RecoveryPointTypes ?? []).Select(t =>
            t == W.RestoreTestingRecoveryPointType.CONTINUOUS ? M.RestoreTestingRecoveryPointType.Continuous
            : t == W.RestoreTestingRecoveryPointType.SNAPSHOT ? M.RestoreTestingRecoveryPointType.Snapshot
            : throw new NotSupportedException($"RecoveryPointSelection.RecoveryPointTypes value '{t}' is not a value BackupKit's model can hold (CONTINUOUS, SNAPSHOT); import stops rather than rewrite it."))),
        IncludeVaults = new ValueList<string>(selection.IncludeVaults ?? []),
        ExcludeVaults = new ValueList<string>(selection.ExcludeVaults ?? []),
        SelectionWindow = selection.SelectionWindowDays is { } days and > 0 ? Retention.Days(days) : null,
    };

    private static ProtectedResourceConditions? ToWire(RestoreTestingConditions conditions) => conditions.Count == 0
        ? null
        : new ProtectedResourceConditions
        {
            StringEquals = conditions.StringEquals.IsEmpty ? null : [.. conditions.StringEquals.Select(c => new KeyValue { Key = c.Key, Value = c.Value })],
            StringNotEquals = conditions.StringNotEquals.IsEmpty ? null : [.. conditions.StringNotEquals.Select(c => new KeyValue { Key = c.Key, Value = c.Value })],
        };

    private static TagCondition ToTag(KeyValue keyValue) => new(keyValue.Key ?? string.Empty, keyValue.Value ?? string.Empty);

    private static int? ToHours(TimeSpan? window) => window is { } w ? checked((int)Math.Round(w.TotalHours)) : null;
}
