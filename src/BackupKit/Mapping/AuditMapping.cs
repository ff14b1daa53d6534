using BackupKit.Model;
using BackupKit.Wire;

namespace BackupKit.Mapping;

/// <summary>
/// Converts AWS Backup Audit Manager frameworks and report plans between the posture model
/// (<see cref="AuditFramework"/>, <see cref="AuditReportPlan"/>) and the wire shapes, in both directions.
/// </summary>
/// <remarks>
/// Empty model members are left unset on the wire (an empty scope is no <c>ControlScope</c>). Wire to model reads the
/// shapes as they are; report formats AWS defaults to CSV are kept as AWS returns them.
/// </remarks>
public static class AuditMapping
{
    /// <summary>Maps a framework's controls to <c>FrameworkControls</c>.</summary>
    /// <param name="framework">The framework.</param>
    /// <returns>The controls, in declaration order.</returns>
    public static List<FrameworkControl> ToFrameworkControls(AuditFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return [.. framework.Controls.Select(ToWire)];
    }

    /// <summary>Maps one control to a <c>FrameworkControl</c>.</summary>
    /// <param name="control">The control.</param>
    /// <returns>The wire control.</returns>
    public static FrameworkControl ToWire(AuditControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        return new FrameworkControl
        {
            ControlName = control.Name,
            ControlInputParameters = control.Parameters.IsEmpty
                ? null
                : [.. control.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ControlInputParameter { ParameterName = p.Key, ParameterValue = p.Value })],
            ControlScope = control.Scope.IsAll
                ? null
                : new ControlScope
                {
                    ComplianceResourceTypes = control.Scope.ResourceTypes.IsEmpty ? null : [.. control.Scope.ResourceTypes],
                    ComplianceResourceIds = control.Scope.ResourceIds.IsEmpty ? null : [.. control.Scope.ResourceIds],
                    Tags = control.Scope.Tags.IsEmpty ? null : control.Scope.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
                },
        };
    }

    /// <summary>Maps a framework to a <c>CreateFramework</c> request (controls, description and tags).</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="idempotencyToken">The idempotency token, or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static CreateFrameworkInput ToCreateFrameworkInput(AuditFramework framework, string? idempotencyToken = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return new CreateFrameworkInput
        {
            FrameworkName = framework.Name,
            FrameworkDescription = framework.Description,
            FrameworkControls = ToFrameworkControls(framework),
            FrameworkTags = framework.Tags.IsEmpty ? null : framework.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            IdempotencyToken = idempotencyToken,
        };
    }

    /// <summary>Maps a framework to an <c>UpdateFramework</c> request (tags are changed with TagResource / UntagResource).</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="idempotencyToken">The idempotency token, or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static UpdateFrameworkInput ToUpdateFrameworkInput(AuditFramework framework, string? idempotencyToken = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return new UpdateFrameworkInput
        {
            FrameworkName = framework.Name,
            FrameworkDescription = framework.Description,
            FrameworkControls = ToFrameworkControls(framework),
            IdempotencyToken = idempotencyToken,
        };
    }

    /// <summary>Maps a framework read from AWS to the model.</summary>
    /// <param name="output">The <c>DescribeFramework</c> answer.</param>
    /// <param name="tags">The framework's tags (ListTags), or <see langword="null"/>.</param>
    /// <returns>The framework.</returns>
    public static AuditFramework ToModel(DescribeFrameworkOutput output, IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new AuditFramework
        {
            Name = output.FrameworkName ?? string.Empty,
            Description = string.IsNullOrEmpty(output.FrameworkDescription) ? null : output.FrameworkDescription,
            Controls = new ValueList<AuditControl>((output.FrameworkControls ?? []).Select(ToModel)),
            Tags = tags is null ? default : new ValueMap<string>(tags),
        };
    }

    /// <summary>Maps a wire control to the model.</summary>
    /// <param name="control">The wire control.</param>
    /// <returns>The control.</returns>
    public static AuditControl ToModel(FrameworkControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        var scope = control.ControlScope;
        return new AuditControl
        {
            Name = control.ControlName ?? string.Empty,
            Parameters = new ValueMap<string>((control.ControlInputParameters ?? [])
                .Where(p => p.ParameterName is not null)
                .Select(p => new KeyValuePair<string, string>(p.ParameterName!, p.ParameterValue ?? string.Empty))),
            Scope = scope is null
                ? AuditControlScope.All
                : new AuditControlScope
                {
                    ResourceTypes = new ValueList<string>(scope.ComplianceResourceTypes ?? []),
                    ResourceIds = new ValueList<string>(scope.ComplianceResourceIds ?? []),
                    Tags = new ValueMap<string>(scope.Tags ?? []),
                },
        };
    }

    /// <summary>Maps a report plan's delivery to a <c>ReportDeliveryChannel</c>.</summary>
    /// <param name="plan">The report plan.</param>
    /// <returns>The delivery channel.</returns>
    public static ReportDeliveryChannel ToDeliveryChannel(AuditReportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ReportDeliveryChannel
        {
            S3BucketName = plan.S3BucketName,
            S3KeyPrefix = string.IsNullOrEmpty(plan.S3KeyPrefix) ? null : plan.S3KeyPrefix,
            Formats = plan.Formats.IsEmpty ? null : [.. plan.Formats],
        };
    }

    /// <summary>Maps a report plan's setting to a <c>ReportSetting</c>.</summary>
    /// <param name="plan">The report plan.</param>
    /// <param name="frameworkArn">Resolves a framework name of <see cref="AuditReportPlan.Frameworks"/> to its ARN.</param>
    /// <returns>The report setting.</returns>
    public static ReportSetting ToReportSetting(AuditReportPlan plan, Func<string, string> frameworkArn)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(frameworkArn);
        return new ReportSetting
        {
            ReportTemplate = plan.Template,
            FrameworkArns = plan.Frameworks.IsEmpty ? null : [.. plan.Frameworks.Select(frameworkArn)],
            Accounts = plan.Accounts.IsEmpty ? null : [.. plan.Accounts],
            OrganizationUnits = plan.OrganizationUnits.IsEmpty ? null : [.. plan.OrganizationUnits],
            Regions = plan.Regions.IsEmpty ? null : [.. plan.Regions],
        };
    }

    /// <summary>Maps a report plan read from AWS to the model.</summary>
    /// <param name="plan">The report plan (DescribeReportPlan or ListReportPlans).</param>
    /// <param name="frameworkName">Resolves a framework ARN to its name (the ARN itself when unknown).</param>
    /// <param name="tags">The report plan's tags (ListTags), or <see langword="null"/>.</param>
    /// <returns>The report plan.</returns>
    public static AuditReportPlan ToModel(ReportPlan plan, Func<string, string> frameworkName, IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(frameworkName);
        var setting = plan.ReportSetting ?? new ReportSetting();
        var channel = plan.ReportDeliveryChannel ?? new ReportDeliveryChannel();
        return new AuditReportPlan
        {
            Name = plan.ReportPlanName ?? string.Empty,
            Description = string.IsNullOrEmpty(plan.ReportPlanDescription) ? null : plan.ReportPlanDescription,
            Template = setting.ReportTemplate ?? string.Empty,
            Frameworks = new ValueList<string>((setting.FrameworkArns ?? []).Select(frameworkName)),
            S3BucketName = channel.S3BucketName ?? string.Empty,
            S3KeyPrefix = string.IsNullOrEmpty(channel.S3KeyPrefix) ? null : channel.S3KeyPrefix,
            Formats = new ValueList<string>(channel.Formats ?? []),
            Accounts = new ValueList<string>(setting.Accounts ?? []),
            OrganizationUnits = new ValueList<string>(setting.OrganizationUnits ?? []),
            Regions = new ValueList<string>(setting.Regions ?? []),
            Tags = tags is null ? default : new ValueMap<string>(tags),
        };
    }
}
