using System.Globalization;
using System.Text.RegularExpressions;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// AWS Backup Audit Manager frameworks: create (idempotent by IdempotencyToken), describe, list, update, delete. Controls
/// are checked against AWS's control catalogue (names, input parameters and their ranges, scope); a framework deploys in
/// <see cref="DeploymentTime"/> of emulated time (CREATE_IN_PROGRESS / UPDATE_IN_PROGRESS, then COMPLETED), and a change
/// while a deployment is in progress is refused with ConflictException as AWS refuses it.
/// </summary>
internal static partial class FrameworkOperations
{
    /// <summary>Frameworks per account and Region (AWS quota).</summary>
    public const int MaxFrameworks = 15;

    /// <summary>Controls per account and Region, across frameworks (AWS quota).</summary>
    public const int MaxControls = 50;

    /// <summary>How long AWS takes to deploy the AWS Config rules of a framework, in emulated time.</summary>
    public static readonly TimeSpan DeploymentTime = TimeSpan.FromMinutes(2);

    public static CreateFrameworkOutput Create(CallContext call, CreateFrameworkInput input)
    {
        CheckName(input.FrameworkName!, "FrameworkName");
        var controls = CheckControls(input.FrameworkControls!);
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            var controlCount = 0;
            foreach (var existing in state.Frameworks.Values)
            {
                if (input.IdempotencyToken is { } token && existing.IdempotencyToken == token)
                {
                    // A retried create with the same token returns the framework it created.
                    return new CreateFrameworkOutput { FrameworkName = existing.Name, FrameworkArn = existing.Arn };
                }

                controlCount += existing.Controls.Count;
            }

            if (state.Frameworks.TryGetValue(input.FrameworkName!, out var same))
            {
                throw new BackupApiError(ErrorCodes.AlreadyExists, 400, $"A framework named '{same.Name}' already exists.") { Arn = same.Arn };
            }

            if (state.Frameworks.Count >= MaxFrameworks)
            {
                throw BackupApiError.LimitExceeded($"This account already has {MaxFrameworks} frameworks in {state.Region}, the most AWS Backup allows by default.");
            }

            if (controlCount + controls.Count > MaxControls)
            {
                throw BackupApiError.LimitExceeded(
                    $"Frameworks in {state.Region} would have {controlCount + controls.Count} controls; AWS Backup allows {MaxControls} per account and Region (a control used by two frameworks counts twice).");
            }

            var framework = new FrameworkRecord
            {
                Name = input.FrameworkName!,
                Arn = $"arn:aws:backup:{state.Region}:{state.AccountId}:framework:{input.FrameworkName}-{state.NewGuid():D}",
                Sequence = state.NextSequence(),
                CreationTime = now,
                IdempotencyToken = input.IdempotencyToken,
                Description = input.FrameworkDescription,
                Controls = controls,
                Deploying = "CREATE_IN_PROGRESS",
                DeployedAt = now + DeploymentTime,
            };
            if (input.FrameworkTags is { } tags)
            {
                TagOperations.Merge(framework.Tags, tags);
            }

            state.Frameworks.Add(framework.Name, framework);
            return new CreateFrameworkOutput { FrameworkName = framework.Name, FrameworkArn = framework.Arn };
        }
    }

    public static DescribeFrameworkOutput Describe(CallContext call, DescribeFrameworkInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var framework = Find(state, input.FrameworkName!);
            return ToDescribeOutput(framework, call.Now);
        }
    }

    public static ListFrameworksOutput List(CallContext call, ListFrameworksInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var frameworks = new List<FrameworkRecord>(state.Frameworks.Values);
            var members = Paging.List(frameworks, static f => f.Sequence, input.NextToken, input.MaxResults, out var next, framework => ToListMember(framework, call.Now));

            return new ListFrameworksOutput { Frameworks = members, NextToken = next };
        }
    }

    /// <summary>A framework as DescribeFramework renders it; its deployment status is read at <paramref name="now"/>.</summary>
    private static DescribeFrameworkOutput ToDescribeOutput(FrameworkRecord framework, DateTimeOffset now) => new()
    {
        FrameworkName = framework.Name,
        FrameworkArn = framework.Arn,
        FrameworkDescription = framework.Description,
        FrameworkControls = [.. framework.Controls],
        CreationTime = framework.CreationTime,
        DeploymentStatus = framework.DeploymentStatusAt(now),

        // The emulated AWS Config records every resource type, so every control can evaluate.
        FrameworkStatus = "ACTIVE",
        IdempotencyToken = framework.IdempotencyToken,
    };

    /// <summary>A framework as ListFrameworks renders it; its deployment status is read at <paramref name="now"/>.</summary>
    private static Framework ToListMember(FrameworkRecord framework, DateTimeOffset now) => new()
    {
        FrameworkName = framework.Name,
        FrameworkArn = framework.Arn,
        FrameworkDescription = framework.Description,
        NumberOfControls = framework.Controls.Count,
        CreationTime = framework.CreationTime,
        DeploymentStatus = framework.DeploymentStatusAt(now),
    };

    public static UpdateFrameworkOutput Update(CallContext call, UpdateFrameworkInput input)
    {
        var controls = input.FrameworkControls is { } changed ? CheckControls(changed) : null;
        var state = call.State;
        lock (state.Gate)
        {
            var now = call.Now;
            var framework = Find(state, input.FrameworkName!);
            if (input.IdempotencyToken is { } token && framework.IdempotencyToken == token)
            {
                // A retried update with the same token changes nothing more.
                return new UpdateFrameworkOutput { FrameworkName = framework.Name, FrameworkArn = framework.Arn, CreationTime = framework.CreationTime };
            }

            if (now < framework.DeployedAt)
            {
                throw Conflict($"Framework '{framework.Name}' is still deploying ({framework.Deploying}); retry once its DeploymentStatus is COMPLETED.");
            }

            if (controls is not null)
            {
                var others = state.Frameworks.Values.Where(f => f != framework).Sum(static f => f.Controls.Count);
                if (others + controls.Count > MaxControls)
                {
                    throw BackupApiError.LimitExceeded(
                        $"Frameworks in {state.Region} would have {others + controls.Count} controls; AWS Backup allows {MaxControls} per account and Region.");
                }

                framework.Controls = controls;
            }

            framework.Description = input.FrameworkDescription ?? framework.Description;
            framework.IdempotencyToken = input.IdempotencyToken ?? framework.IdempotencyToken;
            framework.Deploying = "UPDATE_IN_PROGRESS";
            framework.DeployedAt = now + DeploymentTime;
            return new UpdateFrameworkOutput { FrameworkName = framework.Name, FrameworkArn = framework.Arn, CreationTime = framework.CreationTime };
        }
    }

    public static EmptyOutput Delete(CallContext call, DeleteFrameworkInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var framework = Find(state, input.FrameworkName!);
            if (call.Now < framework.DeployedAt)
            {
                throw Conflict($"Framework '{framework.Name}' is still deploying ({framework.Deploying}); retry once its DeploymentStatus is COMPLETED.");
            }

            state.Frameworks.Remove(framework.Name);
            return EmptyOutput.Instance;
        }
    }

    internal static FrameworkRecord Find(RegionState state, string name) =>
        state.Frameworks.TryGetValue(name, out var framework)
            ? framework
            : throw BackupApiError.NotFound($"Framework '{name}' does not exist in account {state.AccountId}, region {state.Region}.");

    /// <summary>
    /// Framework and report plan names: a letter, then letters, digits and underscores. AWS matches the model's pattern
    /// against the whole name (the generated check only searches it).
    /// </summary>
    internal static void CheckName(string name, string member)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw BackupApiError.InvalidParameter($"{member} '{name}' is not valid: start with a letter, then use letters, digits and underscores (1 to 256 characters).");
        }
    }

    internal static BackupApiError Conflict(string message) => new(ErrorCodes.Conflict, 409, message);

    private static List<FrameworkControl> CheckControls(List<FrameworkControl> controls)
    {
        if (controls.Count == 0)
        {
            throw BackupApiError.InvalidParameter("FrameworkControls must name at least one control.");
        }

        var checkedControls = new List<FrameworkControl>(controls.Count);
        foreach (var control in controls)
        {
            var name = control.ControlName!;
            if (!AuditControls.Catalogue.TryGetValue(name, out var spec))
            {
                throw BackupApiError.InvalidParameter(
                    $"ControlName '{name}' is not an AWS Backup Audit Manager control; use one of {string.Join(", ", AuditControls.Catalogue.Keys.Order(StringComparer.Ordinal))}.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parameter in control.ControlInputParameters ?? [])
            {
                var parameterName = parameter.ParameterName ?? string.Empty;
                if (!spec.Parameters.Contains(parameterName))
                {
                    throw BackupApiError.InvalidParameter(spec.Parameters.Count == 0
                        ? $"Control {name} takes no input parameters; got '{parameterName}'."
                        : $"Control {name} has no input parameter '{parameterName}'; its parameters are {string.Join(", ", spec.Parameters)}.");
                }

                if (!seen.Add(parameterName))
                {
                    throw BackupApiError.InvalidParameter($"Control {name} sets input parameter '{parameterName}' more than once.");
                }
            }

            var values = (control.ControlInputParameters ?? []).ToDictionary(static p => p.ParameterName!, static p => p.ParameterValue ?? string.Empty, StringComparer.Ordinal);
            spec.Check(name, values);
            CheckScope(name, control.ControlScope);
            checkedControls.Add(control);
        }

        return checkedControls;
    }

    private static void CheckScope(string control, ControlScope? scope)
    {
        if (scope is null)
        {
            return;
        }

        foreach (var type in scope.ComplianceResourceTypes ?? [])
        {
            if (!ResourceTypes.Supported.Contains(type))
            {
                throw BackupApiError.InvalidParameter($"ControlScope of {control}: ComplianceResourceTypes '{type}' is not a resource type AWS Backup supports.");
            }
        }

        if (scope.Tags is { Count: > 1 })
        {
            throw BackupApiError.InvalidParameter($"ControlScope of {control}: a control scope can hold one tag key and value; got {scope.Tags.Count}.");
        }

        if (scope.ComplianceResourceIds is { Count: > 0 } ids)
        {
            if (ids.Count > 1 || scope.ComplianceResourceTypes is not { Count: 1 })
            {
                throw BackupApiError.InvalidParameter(
                    $"ControlScope of {control}: ComplianceResourceIds names the one resource the control evaluates, together with exactly one ComplianceResourceTypes.");
            }

            if (scope.Tags is { Count: > 0 })
            {
                throw BackupApiError.InvalidParameter($"ControlScope of {control}: scope by a resource id or by a tag, not both.");
            }
        }
    }

    [GeneratedRegex(@"^[a-zA-Z][_a-zA-Z0-9]{0,255}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

/// <summary>
/// The controls of AWS Backup Audit Manager, with the input parameters each accepts and the ranges AWS documents.
/// A parameter left out takes AWS's default (for example 35 days of required retention).
/// </summary>
internal static class AuditControls
{
    public static readonly IReadOnlyDictionary<string, ControlSpec> Catalogue = new Dictionary<string, ControlSpec>(StringComparer.Ordinal)
    {
        ["BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN"] = new([], static (_, _) => { }),
        ["BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"] = new(["requiredFrequencyUnit", "requiredFrequencyValue", "requiredRetentionDays"], static (control, values) =>
        {
            CheckAge(control, values, "requiredFrequencyUnit", "requiredFrequencyValue", maxHours: 24, maxDays: 31);
            CheckPositive(control, values, "requiredRetentionDays");
        }),
        ["BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED"] = new(["principalArnList"], static (control, values) =>
        {
            if (values.TryGetValue("principalArnList", out var list))
            {
                var arns = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (arns.Length > 5 || arns.Any(static a => !a.StartsWith("arn:aws", StringComparison.Ordinal) || !a.Contains(":iam::", StringComparison.Ordinal)))
                {
                    throw Invalid(control, "principalArnList", list, "a comma-separated list of at most 5 IAM principal ARNs");
                }
            }
        }),
        ["BACKUP_RECOVERY_POINT_ENCRYPTED"] = new([], static (_, _) => { }),
        ["BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK"] = new(["requiredRetentionDays"], static (control, values) => CheckPositive(control, values, "requiredRetentionDays")),
        ["BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION"] = new(["crossRegionList"], static (control, values) =>
        {
            if (values.TryGetValue("crossRegionList", out var list)
                && list.Split(',', StringSplitOptions.TrimEntries).Any(static r => !Hosting.AwsRegions.IsKnown(r)))
            {
                throw Invalid(control, "crossRegionList", list, "a comma-separated list of AWS Region codes such as us-west-2");
            }
        }),
        ["BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT"] = new(["crossAccountList"], static (control, values) =>
        {
            if (values.TryGetValue("crossAccountList", out var list)
                && list.Split(',', StringSplitOptions.TrimEntries).Any(static a => !AccountResolver.IsAccountId(a)))
            {
                throw Invalid(control, "crossAccountList", list, "a comma-separated list of 12-digit account ids");
            }
        }),
        ["BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK"] = new(["minRetentionDays", "maxRetentionDays"], static (control, values) =>
        {
            var min = CheckPositive(control, values, "minRetentionDays");
            var max = CheckPositive(control, values, "maxRetentionDays");
            if (min is { } low && max is { } high && low > high)
            {
                throw BackupApiError.InvalidParameter($"Control {control}: minRetentionDays ({low}) cannot be greater than maxRetentionDays ({high}).");
            }
        }),
        ["BACKUP_LAST_RECOVERY_POINT_CREATED"] = new(["recoveryPointAgeUnit", "recoveryPointAgeValue"], static (control, values) =>
            CheckAge(control, values, "recoveryPointAgeUnit", "recoveryPointAgeValue", maxHours: 744, maxDays: 31)),
        ["RESTORE_TIME_FOR_RESOURCES_MEET_TARGET"] = new(["maxRestoreTime"], static (control, values) =>
        {
            if (CheckPositive(control, values, "maxRestoreTime") is null)
            {
                throw BackupApiError.InvalidParameter($"Control {control} requires the input parameter maxRestoreTime (minutes).");
            }
        }),
        ["RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT"] = new(["recoveryPointAgeUnit", "recoveryPointAgeValue"], static (control, values) =>
            CheckAge(control, values, "recoveryPointAgeUnit", "recoveryPointAgeValue", maxHours: 2184, maxDays: 91)),
    };

    private static void CheckAge(string control, IReadOnlyDictionary<string, string> values, string unitName, string valueName, int maxHours, int maxDays)
    {
        var unit = values.TryGetValue(unitName, out var u) ? u : "days";
        if (unit is not ("hours" or "days"))
        {
            throw Invalid(control, unitName, unit, "'hours' or 'days'");
        }

        if (values.TryGetValue(valueName, out var text))
        {
            var max = unit == "hours" ? maxHours : maxDays;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            {
                throw Invalid(control, valueName, text, $"a whole number from 1 to {max} ({unit})");
            }
        }
    }

    private static int? CheckPositive(string control, IReadOnlyDictionary<string, string> values, string name)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw Invalid(control, name, text, "a whole number of at least 1");
    }

    private static BackupApiError Invalid(string control, string parameter, string value, string expected) =>
        BackupApiError.InvalidParameter($"Control {control}: input parameter {parameter} is '{value}'; use {expected}.");
}

/// <summary>The input parameters a control accepts and the check of their values.</summary>
internal sealed record ControlSpec(IReadOnlyList<string> Parameters, Action<string, IReadOnlyDictionary<string, string>> Check);
