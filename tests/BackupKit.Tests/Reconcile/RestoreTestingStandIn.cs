using System.Reflection;
using BackupKit.Wire;

namespace BackupKit.Tests.Reconcile;

/// <summary>
/// An <see cref="IBackupClient"/> seam: restore testing calls (which the emulator does not serve) go to an in-memory
/// stand-in that behaves as the AWS API reference describes (defaults filled in on create: 24-hour start window,
/// 30-day selection window, UTC; CreatorRequestId returns the existing plan; selections must be deleted before their
/// plan); every other call goes to the real client over HTTP to the emulator.
/// </summary>
internal class RestoreTestingStandIn : DispatchProxy
{
    private const string Account = "000000000000";
    private readonly Dictionary<string, Plan> _plans = new(StringComparer.Ordinal);
    private IBackupClient _inner = null!;

    public List<string> Writes { get; } = [];

    public static (IBackupClient Client, RestoreTestingStandIn StandIn) Wrap(IBackupClient inner)
    {
        var client = Create<IBackupClient, RestoreTestingStandIn>();
        var standIn = (RestoreTestingStandIn)(object)client;
        standIn._inner = inner;
        return (client, standIn);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var input = args![0];
        var isRestoreTestingTag = input is ListTagsInput { ResourceArn: { } a } && IsPlanArn(a)
            || input is TagResourceInput { ResourceArn: { } b } && IsPlanArn(b)
            || input is UntagResourceInput { ResourceArn: { } c } && IsPlanArn(c);
        if (!targetMethod.Name.Contains("RestoreTesting", StringComparison.Ordinal) && !isRestoreTestingTag)
        {
            return targetMethod.Invoke(_inner, args);
        }

        try
        {
            return input switch
            {
                ListRestoreTestingPlansInput => Task.FromResult(new ListRestoreTestingPlansOutput
                {
                    RestoreTestingPlans = [.. _plans.Values.Select(p => new RestoreTestingPlanForList { RestoreTestingPlanName = p.Document.RestoreTestingPlanName, RestoreTestingPlanArn = p.Document.RestoreTestingPlanArn })],
                }),
                GetRestoreTestingPlanInput get => Task.FromResult(new GetRestoreTestingPlanOutput { RestoreTestingPlan = Find(get.RestoreTestingPlanName).Document }),
                CreateRestoreTestingPlanInput create => Task.FromResult(CreatePlan(create)),
                UpdateRestoreTestingPlanInput update => Task.FromResult(UpdatePlan(update)),
                DeleteRestoreTestingPlanInput delete => DeletePlan(delete),
                ListRestoreTestingSelectionsInput list => Task.FromResult(new ListRestoreTestingSelectionsOutput
                {
                    RestoreTestingSelections = [.. Find(list.RestoreTestingPlanName).Selections.Values.Select(s => new RestoreTestingSelectionForList { RestoreTestingSelectionName = s.RestoreTestingSelectionName, ProtectedResourceType = s.ProtectedResourceType })],
                }),
                GetRestoreTestingSelectionInput get => Task.FromResult(new GetRestoreTestingSelectionOutput { RestoreTestingSelection = FindSelection(get.RestoreTestingPlanName, get.RestoreTestingSelectionName) }),
                CreateRestoreTestingSelectionInput create => Task.FromResult(CreateSelection(create)),
                UpdateRestoreTestingSelectionInput update => Task.FromResult(UpdateSelection(update)),
                DeleteRestoreTestingSelectionInput delete => DeleteSelection(delete),
                ListTagsInput list => Task.FromResult(new ListTagsOutput { Tags = new Dictionary<string, string>(PlanByArn(list.ResourceArn!).Tags) }),
                TagResourceInput tag => Tag(tag),
                UntagResourceInput untag => Untag(untag),
                _ => throw new NotSupportedException(targetMethod.Name),
            };
        }
        catch (BackupServiceException ex)
        {
            // As the real client: a service error is a faulted task, not a synchronous throw.
            return targetMethod.ReturnType.IsGenericType
                ? typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [ex])
                : Task.FromException(ex);
        }
    }

    private static bool IsPlanArn(string arn) => arn.Contains(":restore-testing-plan:", StringComparison.Ordinal);

    private Plan Find(string? name) =>
        name is not null && _plans.TryGetValue(name, out var plan) ? plan : throw new ResourceNotFoundException($"Restore testing plan '{name}' not found.", 404, "stand-in");

    private Plan PlanByArn(string arn) => _plans.Values.Single(p => p.Document.RestoreTestingPlanArn == arn);

    private RestoreTestingSelectionForGet FindSelection(string? plan, string? name) =>
        name is not null && Find(plan).Selections.TryGetValue(name, out var selection) ? selection : throw new ResourceNotFoundException($"Restore testing selection '{name}' not found.", 404, "stand-in");

    private CreateRestoreTestingPlanOutput CreatePlan(CreateRestoreTestingPlanInput input)
    {
        Writes.Add("CreateRestoreTestingPlan");
        var body = input.RestoreTestingPlan!;
        if (_plans.Values.FirstOrDefault(p => p.Document.CreatorRequestId == input.CreatorRequestId) is { } existing)
        {
            return new CreateRestoreTestingPlanOutput { RestoreTestingPlanName = existing.Document.RestoreTestingPlanName, RestoreTestingPlanArn = existing.Document.RestoreTestingPlanArn };
        }

        if (_plans.ContainsKey(body.RestoreTestingPlanName!))
        {
            throw new AlreadyExistsException($"Restore testing plan '{body.RestoreTestingPlanName}' already exists.", 400, "stand-in");
        }

        var arn = $"arn:aws:backup:us-east-1:{Account}:restore-testing-plan:{body.RestoreTestingPlanName}-{Guid.NewGuid():N}";
        _plans[body.RestoreTestingPlanName!] = new Plan(new RestoreTestingPlanForGet
        {
            RestoreTestingPlanName = body.RestoreTestingPlanName,
            RestoreTestingPlanArn = arn,
            CreatorRequestId = input.CreatorRequestId,
            ScheduleExpression = body.ScheduleExpression,
            ScheduleExpressionTimezone = body.ScheduleExpressionTimezone ?? "Etc/UTC",
            StartWindowHours = body.StartWindowHours ?? 24,
            RecoveryPointSelection = WithDefaults(body.RecoveryPointSelection!),
        })
        {
            Tags = new Dictionary<string, string>(input.Tags ?? [], StringComparer.Ordinal),
        };
        return new CreateRestoreTestingPlanOutput { RestoreTestingPlanName = body.RestoreTestingPlanName, RestoreTestingPlanArn = arn };
    }

    private UpdateRestoreTestingPlanOutput UpdatePlan(UpdateRestoreTestingPlanInput input)
    {
        Writes.Add("UpdateRestoreTestingPlan");
        var plan = Find(input.RestoreTestingPlanName);
        var body = input.RestoreTestingPlan!;
        plan.Document.ScheduleExpression = body.ScheduleExpression ?? plan.Document.ScheduleExpression;
        plan.Document.ScheduleExpressionTimezone = body.ScheduleExpressionTimezone ?? plan.Document.ScheduleExpressionTimezone;
        plan.Document.StartWindowHours = body.StartWindowHours ?? plan.Document.StartWindowHours;
        plan.Document.RecoveryPointSelection = body.RecoveryPointSelection is { } selection ? WithDefaults(selection) : plan.Document.RecoveryPointSelection;
        return new UpdateRestoreTestingPlanOutput { RestoreTestingPlanName = input.RestoreTestingPlanName, RestoreTestingPlanArn = plan.Document.RestoreTestingPlanArn };
    }

    private Task DeletePlan(DeleteRestoreTestingPlanInput input)
    {
        Writes.Add("DeleteRestoreTestingPlan");
        if (Find(input.RestoreTestingPlanName).Selections.Count > 0)
        {
            throw new InvalidRequestException("Delete the restore testing selections of the plan first.", 400, "stand-in");
        }

        _plans.Remove(input.RestoreTestingPlanName!);
        return Task.CompletedTask;
    }

    private CreateRestoreTestingSelectionOutput CreateSelection(CreateRestoreTestingSelectionInput input)
    {
        Writes.Add("CreateRestoreTestingSelection");
        var plan = Find(input.RestoreTestingPlanName);
        var body = input.RestoreTestingSelection!;
        if (plan.Selections.TryGetValue(body.RestoreTestingSelectionName!, out var existing))
        {
            return existing.CreatorRequestId == input.CreatorRequestId
                ? new CreateRestoreTestingSelectionOutput { RestoreTestingSelectionName = existing.RestoreTestingSelectionName }
                : throw new AlreadyExistsException($"Restore testing selection '{body.RestoreTestingSelectionName}' already exists.", 400, "stand-in");
        }

        plan.Selections[body.RestoreTestingSelectionName!] = new RestoreTestingSelectionForGet
        {
            RestoreTestingPlanName = input.RestoreTestingPlanName,
            RestoreTestingSelectionName = body.RestoreTestingSelectionName,
            CreatorRequestId = input.CreatorRequestId,
            ProtectedResourceType = body.ProtectedResourceType,
            IamRoleArn = body.IamRoleArn,
            ProtectedResourceArns = body.ProtectedResourceArns,
            ProtectedResourceConditions = body.ProtectedResourceConditions,
            RestoreMetadataOverrides = body.RestoreMetadataOverrides,
            ValidationWindowHours = body.ValidationWindowHours,
        };
        return new CreateRestoreTestingSelectionOutput { RestoreTestingPlanName = input.RestoreTestingPlanName, RestoreTestingSelectionName = body.RestoreTestingSelectionName };
    }

    private UpdateRestoreTestingSelectionOutput UpdateSelection(UpdateRestoreTestingSelectionInput input)
    {
        Writes.Add("UpdateRestoreTestingSelection");
        var selection = FindSelection(input.RestoreTestingPlanName, input.RestoreTestingSelectionName);
        var body = input.RestoreTestingSelection!;
        selection.IamRoleArn = body.IamRoleArn ?? selection.IamRoleArn;
        selection.ProtectedResourceArns = body.ProtectedResourceArns;
        selection.ProtectedResourceConditions = body.ProtectedResourceConditions;
        selection.RestoreMetadataOverrides = body.RestoreMetadataOverrides;
        selection.ValidationWindowHours = body.ValidationWindowHours;
        return new UpdateRestoreTestingSelectionOutput { RestoreTestingPlanName = input.RestoreTestingPlanName, RestoreTestingSelectionName = input.RestoreTestingSelectionName };
    }

    private Task DeleteSelection(DeleteRestoreTestingSelectionInput input)
    {
        Writes.Add("DeleteRestoreTestingSelection");
        FindSelection(input.RestoreTestingPlanName, input.RestoreTestingSelectionName);
        Find(input.RestoreTestingPlanName).Selections.Remove(input.RestoreTestingSelectionName!);
        return Task.CompletedTask;
    }

    private Task Tag(TagResourceInput input)
    {
        Writes.Add("TagResource");
        foreach (var (key, value) in input.Tags!)
        {
            PlanByArn(input.ResourceArn!).Tags[key] = value;
        }

        return Task.CompletedTask;
    }

    private Task Untag(UntagResourceInput input)
    {
        Writes.Add("UntagResource");
        foreach (var key in input.TagKeyList!)
        {
            PlanByArn(input.ResourceArn!).Tags.Remove(key);
        }

        return Task.CompletedTask;
    }

    private static RestoreTestingRecoveryPointSelection WithDefaults(RestoreTestingRecoveryPointSelection selection) => new()
    {
        Algorithm = selection.Algorithm,
        RecoveryPointTypes = selection.RecoveryPointTypes,
        IncludeVaults = selection.IncludeVaults,
        ExcludeVaults = selection.ExcludeVaults,
        SelectionWindowDays = selection.SelectionWindowDays ?? 30,
    };

    private sealed record Plan(RestoreTestingPlanForGet Document)
    {
        public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

        public Dictionary<string, RestoreTestingSelectionForGet> Selections { get; } = new(StringComparer.Ordinal);
    }
}
