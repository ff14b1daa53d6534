using BackupKit.Rules;

namespace BackupKit.Model;

/// <summary>
/// An AWS Backup Audit Manager framework: named controls that AWS evaluates against the account, and that BackupKit
/// evaluates against the posture before deployment (<see cref="BackupPosture.Validate"/>, <c>BackupKit.Audit</c>) and
/// against the live account.
/// </summary>
public sealed record AuditFramework
{
    /// <summary>Gets the framework name: a letter, then letters, digits or underscores (at most 256).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the controls (see <see cref="AuditControl"/>'s factory methods).</summary>
    public ValueList<AuditControl> Controls { get; init; }

    /// <summary>Gets the framework's tags.</summary>
    public ValueMap<string> Tags { get; init; }
}

/// <summary>
/// One control of a framework: an AWS Backup Audit Manager control name, its input parameters (as AWS names them,
/// with text values, defaults filled in by the factory methods) and its scope.
/// </summary>
public sealed record AuditControl
{
    /// <summary>Gets the control name, e.g. <c>BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the input parameters, e.g. <c>requiredRetentionDays=35</c>.</summary>
    public ValueMap<string> Parameters { get; init; }

    /// <summary>Gets the scope; <see cref="AuditControlScope.All"/> evaluates every resource the control applies to.</summary>
    public AuditControlScope Scope { get; init; } = AuditControlScope.All;

    /// <summary>Resources are protected by a backup plan.</summary>
    /// <returns>The control.</returns>
    public static AuditControl ResourcesProtectedByBackupPlan() => Create(AuditControlRules.ResourcesProtectedByBackupPlan);

    /// <summary>Backup plans back up at least every <paramref name="frequency"/> and keep recovery points at least <paramref name="retention"/>.</summary>
    /// <param name="frequency">The longest interval between backups: whole hours up to 24, or whole days up to 31 (default 1 day); other values are reported as BK9005.</param>
    /// <param name="retention">The shortest retention (default 35 days).</param>
    /// <returns>The control.</returns>
    public static AuditControl BackupPlanMinFrequencyAndMinRetention(TimeSpan? frequency = null, Retention? retention = null)
    {
        var (unit, value) = AuditControlRules.IntervalParameter(frequency ?? TimeSpan.FromDays(1));
        return Create(AuditControlRules.PlanMinFrequencyAndMinRetention,
            (AuditControlRules.RequiredFrequencyUnit, unit),
            (AuditControlRules.RequiredFrequencyValue, value),
            (AuditControlRules.RequiredRetentionDays, Days(retention ?? Retention.Days(35))));
    }

    /// <summary>Vault access policies deny manual deletion of recovery points to everyone but <paramref name="allowedPrincipalArns"/> (at most 5 IAM roles).</summary>
    /// <param name="allowedPrincipalArns">The IAM role ARNs still allowed to delete.</param>
    /// <returns>The control.</returns>
    public static AuditControl RecoveryPointManualDeletionDisabled(params string[] allowedPrincipalArns) =>
        allowedPrincipalArns is { Length: > 0 }
            ? Create(AuditControlRules.RecoveryPointManualDeletionDisabled, (AuditControlRules.PrincipalArnList, string.Join(",", allowedPrincipalArns)))
            : Create(AuditControlRules.RecoveryPointManualDeletionDisabled);

    /// <summary>Recovery points are encrypted; BackupKit also requires a customer-managed KMS key on the vaults offline, AWS only encryption.</summary>
    /// <returns>The control.</returns>
    public static AuditControl RecoveryPointEncrypted() => Create(AuditControlRules.RecoveryPointEncrypted);

    /// <summary>Recovery points are kept at least <paramref name="retention"/> (default 35 days).</summary>
    /// <param name="retention">The shortest retention.</param>
    /// <returns>The control.</returns>
    public static AuditControl RecoveryPointMinimumRetention(Retention? retention = null) =>
        Create(AuditControlRules.RecoveryPointMinimumRetention, (AuditControlRules.RequiredRetentionDays, Days(retention ?? Retention.Days(35))));

    /// <summary>Resources have copies in one of <paramref name="regions"/>.</summary>
    /// <param name="regions">The Regions, e.g. <c>us-west-2</c>.</param>
    /// <returns>The control.</returns>
    public static AuditControl ResourcesProtectedByCrossRegion(params string[] regions) =>
        Create(AuditControlRules.ResourcesProtectedByCrossRegion, (AuditControlRules.CrossRegionList, string.Join(",", regions ?? [])));

    /// <summary>Resources have copies in one of <paramref name="accountIds"/>.</summary>
    /// <param name="accountIds">The 12-digit account ids.</param>
    /// <returns>The control.</returns>
    public static AuditControl ResourcesProtectedByCrossAccount(params string[] accountIds) =>
        Create(AuditControlRules.ResourcesProtectedByCrossAccount, (AuditControlRules.CrossAccountList, string.Join(",", accountIds ?? [])));

    /// <summary>Resources are backed up into vaults whose Vault Lock enforces a range within <paramref name="minRetention"/> and <paramref name="maxRetention"/>.</summary>
    /// <param name="minRetention">The lowest minimum retention the lock may enforce, or <see langword="null"/>.</param>
    /// <param name="maxRetention">The highest maximum retention the lock may enforce, or <see langword="null"/>.</param>
    /// <returns>The control.</returns>
    public static AuditControl ResourcesProtectedByVaultLock(Retention? minRetention = null, Retention? maxRetention = null)
    {
        var parameters = new List<(string, string)>();
        if (minRetention is { } min)
        {
            parameters.Add((AuditControlRules.MinRetentionDays, Days(min)));
        }

        if (maxRetention is { } max)
        {
            parameters.Add((AuditControlRules.MaxRetentionDays, Days(max)));
        }

        return Create(AuditControlRules.ResourcesProtectedByVaultLock, [.. parameters]);
    }

    /// <summary>Every resource has a recovery point no older than <paramref name="maxAge"/> (RPO): whole hours up to 744 or days up to 31 (default 1 day).</summary>
    /// <param name="maxAge">The oldest the last recovery point may be.</param>
    /// <returns>The control.</returns>
    public static AuditControl LastRecoveryPointCreated(TimeSpan? maxAge = null)
    {
        var (unit, value) = AuditControlRules.IntervalParameter(maxAge ?? TimeSpan.FromDays(1));
        return Create(AuditControlRules.LastRecoveryPointCreated, (AuditControlRules.RecoveryPointAgeUnit, unit), (AuditControlRules.RecoveryPointAgeValue, value));
    }

    /// <summary>Restores complete within <paramref name="maxRestoreTime"/> (RTO), in whole minutes.</summary>
    /// <param name="maxRestoreTime">The target restore time.</param>
    /// <returns>The control.</returns>
    public static AuditControl RestoreTimeMeetsTarget(TimeSpan maxRestoreTime) =>
        Create(AuditControlRules.RestoreTimeMeetsTarget, (AuditControlRules.MaxRestoreTime, ((long)Math.Ceiling(maxRestoreTime.TotalMinutes)).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Every resource has a recovery point in a logically air-gapped vault no older than <paramref name="maxAge"/> (hours up to 2,184 or days up to 91; default 1 day).</summary>
    /// <param name="maxAge">The oldest the last air-gapped recovery point may be.</param>
    /// <returns>The control.</returns>
    public static AuditControl ResourcesInLogicallyAirGappedVault(TimeSpan? maxAge = null)
    {
        var (unit, value) = AuditControlRules.IntervalParameter(maxAge ?? TimeSpan.FromDays(1));
        return Create(AuditControlRules.ResourcesInLogicallyAirGappedVault, (AuditControlRules.RecoveryPointAgeUnit, unit), (AuditControlRules.RecoveryPointAgeValue, value));
    }

    /// <summary>Returns this control limited to resources of <paramref name="resourceTypes"/>, e.g. <c>RDS</c>, <c>DynamoDB</c>.</summary>
    /// <param name="resourceTypes">The AWS Backup resource types.</param>
    /// <returns>The scoped control.</returns>
    public AuditControl ForResourceTypes(params string[] resourceTypes) => this with { Scope = Scope with { ResourceTypes = resourceTypes } };

    /// <summary>Returns this control limited to resources tagged <paramref name="key"/>=<paramref name="value"/>.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>The scoped control.</returns>
    public AuditControl ForTag(string key, string value) => this with { Scope = Scope with { Tags = Scope.Tags.SetItem(key, value) } };

    /// <summary>Returns this control limited to one resource.</summary>
    /// <param name="resourceType">The resource's AWS Backup resource type.</param>
    /// <param name="resourceId">The resource id (for AWS, the ARN or id AWS Config knows it by).</param>
    /// <returns>The scoped control.</returns>
    public AuditControl ForResource(string resourceType, string resourceId) =>
        this with { Scope = Scope with { ResourceTypes = [resourceType], ResourceIds = [resourceId] } };

    /// <summary>Reads an integer parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or <see langword="null"/> when absent or not a number.</returns>
    public long? IntParameter(string name) =>
        Parameters.TryGetValue(name, out var text) && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Reads a unit/value pair (<c>hours</c> or <c>days</c>) as a duration.</summary>
    /// <param name="unitName">The unit parameter.</param>
    /// <param name="valueName">The value parameter.</param>
    /// <returns>The duration, or <see langword="null"/> when absent.</returns>
    public TimeSpan? IntervalParameter(string unitName, string valueName)
    {
        if (IntParameter(valueName) is not { } value)
        {
            return null;
        }

        return Parameters.TryGetValue(unitName, out var unit) && unit == "hours" ? TimeSpan.FromHours(value) : TimeSpan.FromDays(value);
    }

    /// <summary>Returns the control name and parameters.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() =>
        Parameters.IsEmpty ? Name : Name + "(" + string.Join(", ", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + ")";

    private static AuditControl Create(string name, params (string Key, string Value)[] parameters) =>
        new() { Name = name, Parameters = new ValueMap<string>(parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))) };

    private static string Days(Retention retention) => retention.TotalDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The resources a control evaluates: resource types, one tag, or one resource id; empty means all.</summary>
public sealed record AuditControlScope
{
    /// <summary>Gets the scope that evaluates every resource.</summary>
    public static AuditControlScope All { get; } = new();

    /// <summary>Gets the AWS Backup resource types, e.g. <c>RDS</c>.</summary>
    public ValueList<string> ResourceTypes { get; init; }

    /// <summary>Gets the resource ids (AWS allows one).</summary>
    public ValueList<string> ResourceIds { get; init; }

    /// <summary>Gets the tags (AWS allows one key and value).</summary>
    public ValueMap<string> Tags { get; init; }

    /// <summary>Gets whether the scope is empty (every resource).</summary>
    public bool IsAll => ResourceTypes.IsEmpty && ResourceIds.IsEmpty && Tags.IsEmpty;

    /// <summary>Whether a resource with this type, ARN and tags is in scope.</summary>
    /// <param name="resourceType">The resource type, or <see langword="null"/> when unknown (then the type does not exclude it).</param>
    /// <param name="resourceArn">The resource ARN, or <see langword="null"/> when unknown.</param>
    /// <param name="tags">The resource tags, or <see langword="null"/> when unknown (then the tag does not exclude it).</param>
    /// <returns><see langword="true"/> when the control applies to the resource.</returns>
    public bool Covers(string? resourceType, string? resourceArn, IReadOnlyDictionary<string, string>? tags)
    {
        if (!ResourceTypes.IsEmpty && resourceType is not null && !ResourceTypes.Contains(resourceType, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!ResourceIds.IsEmpty && resourceArn is not null &&
            !ResourceIds.Any(id => string.Equals(id, resourceArn, StringComparison.Ordinal) || resourceArn.EndsWith("/" + id, StringComparison.Ordinal) || resourceArn.EndsWith(":" + id, StringComparison.Ordinal)))
        {
            return false;
        }

        return Tags.IsEmpty || tags is null || Tags.All(t => tags.TryGetValue(t.Key, out var v) && v == t.Value);
    }

    /// <summary>Returns the scope as text.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => IsAll ? "all resources" : string.Join("; ", new[]
    {
        ResourceTypes.IsEmpty ? null : "types " + string.Join(", ", ResourceTypes),
        ResourceIds.IsEmpty ? null : "id " + string.Join(", ", ResourceIds),
        Tags.IsEmpty ? null : "tag " + string.Join(", ", Tags.Select(t => t.Key + "=" + t.Value)),
    }.Where(p => p is not null));
}

/// <summary>
/// An AWS Backup Audit Manager report plan: which report (jobs or compliance) AWS writes to which S3 bucket, and for
/// compliance reports, over which of the posture's frameworks.
/// </summary>
public sealed record AuditReportPlan
{
    /// <summary>Gets the report plan name: a letter, then letters, digits or underscores (at most 256).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the report template, e.g. <c>CONTROL_COMPLIANCE_REPORT</c> or <c>BACKUP_JOB_REPORT</c>.</summary>
    public required string Template { get; init; }

    /// <summary>Gets the names of the posture's frameworks a compliance report covers.</summary>
    public ValueList<string> Frameworks { get; init; }

    /// <summary>Gets the S3 bucket the reports are delivered to.</summary>
    public required string S3BucketName { get; init; }

    /// <summary>Gets the S3 key prefix, or <see langword="null"/>.</summary>
    public string? S3KeyPrefix { get; init; }

    /// <summary>Gets the formats (<c>CSV</c>, <c>JSON</c>); empty means AWS's default, CSV.</summary>
    public ValueList<string> Formats { get; init; }

    /// <summary>Gets the accounts a job report covers (organization reports), or empty.</summary>
    public ValueList<string> Accounts { get; init; }

    /// <summary>Gets the organizational units a job report covers, or empty.</summary>
    public ValueList<string> OrganizationUnits { get; init; }

    /// <summary>Gets the Regions a report covers, or empty for the plan's own Region.</summary>
    public ValueList<string> Regions { get; init; }

    /// <summary>Gets the report plan's tags.</summary>
    public ValueMap<string> Tags { get; init; }
}
