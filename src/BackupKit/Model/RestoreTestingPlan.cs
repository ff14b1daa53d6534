namespace BackupKit.Model;

/// <summary>
/// A restore testing plan: on a schedule, AWS Backup picks recovery points from the chosen vaults and restores the
/// protected resources of each <see cref="RestoreTestingSelection"/>, keeps them for validation, then deletes them.
/// </summary>
public sealed record RestoreTestingPlan
{
    /// <summary>
    /// Gets the BK2007 findings of a schedule preset whose arguments are out of range (then no expression is
    /// rendered); <c>Build()</c> reports them with the posture's other violations. Builder input only: AWS never sees it.
    /// </summary>
    internal IReadOnlyList<BackupKit.Rules.RuleViolation> ScheduleViolations { get; init; } = [];

    /// <summary>Gets the plan name: 1 to 50 letters, digits or underscores (no hyphens); cannot be changed later.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the schedule (required by AWS; evaluated within each day, 00:00 to 23:59).</summary>
    public required BackupSchedule Schedule { get; init; }

    /// <summary>Gets the window in which restore jobs start (whole hours, 1 to 168), or <see langword="null"/> for the AWS default of 24 hours.</summary>
    public TimeSpan? StartWindow { get; init; }

    /// <summary>Gets which recovery points are restored.</summary>
    public required RestoreTestingRecoveryPointSelection RecoveryPointSelection { get; init; }

    /// <summary>Gets the protected resources to restore, one selection per resource type (at most 30).</summary>
    public ValueList<RestoreTestingSelection> Selections { get; init; }

    /// <summary>Gets the tags of the plan (at most 50).</summary>
    public ValueMap<string> Tags { get; init; }
}

/// <summary>How a restore testing plan chooses the recovery point of each resource.</summary>
public enum RestoreTestingAlgorithm
{
    /// <summary>The latest recovery point in the selection window (AWS <c>LATEST_WITHIN_WINDOW</c>).</summary>
    LatestWithinWindow,

    /// <summary>A random recovery point in the selection window (AWS <c>RANDOM_WITHIN_WINDOW</c>).</summary>
    RandomWithinWindow,
}

/// <summary>The kinds of recovery points a restore test may use.</summary>
public enum RestoreTestingRecoveryPointType
{
    /// <summary>Snapshot recovery points (AWS <c>SNAPSHOT</c>).</summary>
    Snapshot,

    /// <summary>Continuous (point-in-time) recovery points (AWS <c>CONTINUOUS</c>).</summary>
    Continuous,
}

/// <summary>Which recovery points a restore testing plan draws from (AWS <c>RecoveryPointSelection</c>).</summary>
public sealed record RestoreTestingRecoveryPointSelection
{
    /// <summary>Gets how the recovery point is chosen.</summary>
    public RestoreTestingAlgorithm Algorithm { get; init; }

    /// <summary>Gets the recovery point types to use; at least one.</summary>
    public ValueList<RestoreTestingRecoveryPointType> RecoveryPointTypes { get; init; }

    /// <summary>Gets the vaults to draw from: <c>*</c>, vault ARNs or ARN patterns (at least one).</summary>
    public ValueList<string> IncludeVaults { get; init; }

    /// <summary>Gets the vaults to leave out: vault ARNs or ARN patterns.</summary>
    public ValueList<string> ExcludeVaults { get; init; }

    /// <summary>Gets how far back recovery points are considered (1 to 365 days), or <see langword="null"/> for the AWS default of 30 days.</summary>
    public Retention? SelectionWindow { get; init; }
}

/// <summary>The protected resources of one type that a restore testing plan restores (AWS <c>RestoreTestingSelection</c>).</summary>
public sealed record RestoreTestingSelection
{
    /// <summary>Gets the selection name: 1 to 50 letters, digits or underscores; unique within its plan.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the resource type: Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS or S3.</summary>
    public required string ProtectedResourceType { get; init; }

    /// <summary>Gets the IAM role AWS Backup assumes for the restores (it needs restore permissions).</summary>
    public IamRoleReference IamRole { get; init; } = IamRoleReference.DefaultServiceRole;

    /// <summary>Gets up to 30 explicit resource ARNs, or <c>["*"]</c> to take every protected resource of the type (optionally narrowed by <see cref="Conditions"/>).</summary>
    public ValueList<string> ProtectedResourceArns { get; init; }

    /// <summary>Gets tag conditions on the resources' latest recovery points (only with <c>ProtectedResourceArns = ["*"]</c>).</summary>
    public RestoreTestingConditions Conditions { get; init; } = RestoreTestingConditions.None;

    /// <summary>Gets restore metadata that overrides what AWS infers (e.g. <c>DBSubnetGroupName</c>); keys are case-insensitive.</summary>
    public ValueMap<string> RestoreMetadataOverrides { get; init; }

    /// <summary>Gets how long restored resources are kept for validation (whole hours, 0 to 168), or <see langword="null"/> to delete them as soon as the restore completes.</summary>
    public TimeSpan? ValidationWindow { get; init; }
}

/// <summary>
/// The tag conditions of a restore testing selection. Unlike backup selections, AWS takes the bare tag key
/// here (<c>Key</c>/<c>Value</c>, no <c>aws:</c> prefix) and only the equals and not-equals operators.
/// </summary>
public sealed record RestoreTestingConditions
{
    /// <summary>Gets an empty set of conditions.</summary>
    public static RestoreTestingConditions None { get; } = new();

    /// <summary>Gets the conditions whose tag must equal the value.</summary>
    public ValueList<TagCondition> StringEquals { get; init; }

    /// <summary>Gets the conditions whose tag must not equal the value.</summary>
    public ValueList<TagCondition> StringNotEquals { get; init; }

    /// <summary>Gets the total number of conditions (AWS allows at most 30).</summary>
    public int Count => StringEquals.Count + StringNotEquals.Count;
}
