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
}
