namespace BackupKit.Reconcile;

/// <summary>
/// Options of <see cref="PostureApplier"/>. By default nothing that the posture does not declare is ever deleted:
/// undeclared plans, selections and vault settings are reported as <see cref="ChangeAction.Undeclared"/> and left alone.
/// </summary>
public sealed record PostureApplyOptions
{
    /// <summary>
    /// Gets a value indicating whether objects the posture does not declare are deleted: backup plans (their
    /// selections first), selections of declared plans, restore testing plans and selections (when the posture declares
    /// any restore testing plan), Audit Manager frameworks and report plans (when the posture declares any of that kind), and the access policy, notifications and lock of declared vaults that declare none. A compliance-mode lock that has become immutable is never deleted (AWS refuses).
    /// Default <see langword="false"/>.
    /// </summary>
    public bool DeleteUndeclared { get; init; }

    /// <summary>
    /// Gets a value indicating whether backup vaults the posture does not declare (and no rule targets) are deleted.
    /// AWS only deletes empty vaults. Default <see langword="false"/>; has an effect only with <see cref="DeleteUndeclared"/>.
    /// </summary>
    public bool DeleteUndeclaredVaults { get; init; }

    /// <summary>
    /// Gets the irreversible or destructive changes the caller consents to, each by the exact
    /// <see cref="ConsentRequirement.Key"/> a plan shows (<see cref="PosturePlan.ConsentRequired"/>): weakening,
    /// shortening, downgrading to governance or removing a compliance-mode lock during its cooling-off period, and
    /// deleting a vault a declared rule targets or copies to. An apply that contains such a change without its
    /// acknowledgement is refused before anything is written. Default: none.
    /// </summary>
    public IReadOnlyCollection<string> AcknowledgedChanges { get; init; } = [];

    /// <summary>The most reads <see cref="MaxConcurrentReads"/> may be set to.</summary>
    public const int MaxConcurrentReadsLimit = 16;

    /// <summary>
    /// Gets how many independent objects (vaults, plans with their selections) are read from AWS at once when the
    /// live state is read: 1 reads one after another. Default 4, which keeps a large posture's reads well inside
    /// AWS Backup's request rates (a throttled read is retried by the client's standard retry mode); 1 to 16.
    /// </summary>
    public int MaxConcurrentReads { get; init; } = 4;

    /// <summary>Throws when an option is out of range, naming the option, the value and the fix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (MaxConcurrentReads is < 1 or > MaxConcurrentReadsLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxConcurrentReads),
                MaxConcurrentReads,
                $"PostureApplyOptions.MaxConcurrentReads is {MaxConcurrentReads}; set 1 (one read after another) to {MaxConcurrentReadsLimit}, or leave the default of 4.");
        }
    }
}
