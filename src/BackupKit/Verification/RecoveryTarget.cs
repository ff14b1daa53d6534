namespace BackupKit.Verification;

/// <summary>
/// Recovery objectives for the resources of a scope, compared with what the drill measured. Every target whose scope
/// matches a resource applies to it; a missed target fails the resource.
/// </summary>
public sealed record RecoveryTarget
{
    /// <summary>Creates a target for the resources of <paramref name="scope"/>.</summary>
    /// <param name="scope">The resources it applies to.</param>
    public RecoveryTarget(ResourceScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Scope = scope;
    }

    /// <summary>Gets the resources it applies to.</summary>
    public ResourceScope Scope { get; }

    /// <summary>Gets the longest acceptable restore: restore job created to completed.</summary>
    public TimeSpan? MaxRestoreDuration { get; init; }

    /// <summary>Gets the longest acceptable recovery time (RTO): restore plus validation.</summary>
    public TimeSpan? MaxRecoveryTime { get; init; }

    /// <summary>Gets the oldest acceptable recovery point at drill time (RPO).</summary>
    public TimeSpan? MaxRecoveryPointAge { get; init; }
}

/// <summary>The quantities a drill measures per resource.</summary>
public enum RecoveryMeasure
{
    /// <summary>Restore job created to completed, as AWS Backup reports it.</summary>
    RestoreDuration,

    /// <summary>The time the validators took.</summary>
    ValidationDuration,

    /// <summary>Restore plus validation: the recovery time to compare with an RTO.</summary>
    RecoveryTime,

    /// <summary>The age of the restored recovery point at drill time: the data loss to compare with an RPO.</summary>
    RecoveryPointAge,
}
