namespace BackupKit.Model;

/// <summary>The two Vault Lock modes of AWS Backup.</summary>
public enum VaultLockMode
{
    /// <summary>Removable at any time by a principal allowed <c>backup:DeleteBackupVaultLockConfiguration</c>.</summary>
    Governance,

    /// <summary>Immutable once its cooling-off period (<see cref="VaultLock.ChangeableFor"/>) has elapsed; cannot be removed by anyone, root included.</summary>
    Compliance,
}

/// <summary>
/// A Vault Lock configuration. AWS implies the mode: a lock with <see cref="ChangeableFor"/> is a compliance-mode
/// lock, without it a governance-mode lock. Create one with <see cref="Governance"/> or <see cref="Compliance"/>;
/// a compliance lock requires an explicit acknowledgement that it becomes irreversible.
/// </summary>
public sealed record VaultLock
{
    private VaultLock(Retention? minRetention, Retention? maxRetention, Retention? changeableFor)
    {
        MinRetention = minRetention;
        MaxRetention = maxRetention;
        ChangeableFor = changeableFor;
    }

    /// <summary>Gets the shortest retention a new recovery point in the vault may have, or <see langword="null"/> for no lower bound.</summary>
    public Retention? MinRetention { get; }

    /// <summary>Gets the longest retention a new recovery point in the vault may have, or <see langword="null"/> for no upper bound.</summary>
    public Retention? MaxRetention { get; }

    /// <summary>
    /// Gets the cooling-off period of a compliance-mode lock (AWS <c>ChangeableForDays</c>), after which the lock
    /// can no longer be changed or removed; <see langword="null"/> for a governance-mode lock.
    /// </summary>
    public Retention? ChangeableFor { get; }

    /// <summary>Gets the lock mode implied by <see cref="ChangeableFor"/>.</summary>
    public VaultLockMode Mode => ChangeableFor is null ? VaultLockMode.Governance : VaultLockMode.Compliance;

    /// <summary>Creates a governance-mode lock.</summary>
    /// <param name="minRetention">The minimum retention (at least 1 day), or <see langword="null"/> for none.</param>
    /// <param name="maxRetention">The maximum retention (at most 36,500 days), or <see langword="null"/> for none.</param>
    /// <returns>The lock.</returns>
    public static VaultLock Governance(Retention? minRetention = null, Retention? maxRetention = null) =>
        new(minRetention, maxRetention, null);

    /// <summary>
    /// Creates a compliance-mode lock. After <paramref name="changeableFor"/> has elapsed nobody, not even the root
    /// user, can change or remove it, and recovery points in the vault cannot be deleted before they expire.
    /// </summary>
    /// <param name="changeableFor">The cooling-off period (AWS: 3 to 36,500 days) during which the lock can still be changed or removed.</param>
    /// <param name="acknowledge">Pass <see cref="ComplianceLock.IrreversibleAfterCoolingOff"/> to confirm you understand the lock becomes permanent.</param>
    /// <param name="minRetention">The minimum retention (at least 1 day), or <see langword="null"/> for none.</param>
    /// <param name="maxRetention">The maximum retention (at most 36,500 days), or <see langword="null"/> for none.</param>
    /// <returns>The lock.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="acknowledge"/> is <see langword="null"/>.</exception>
    public static VaultLock Compliance(
        Retention changeableFor,
        ComplianceLockAcknowledgement acknowledge,
        Retention? minRetention = null,
        Retention? maxRetention = null)
    {
        ComplianceLock.EnsureAcknowledged(acknowledge);
        return new VaultLock(minRetention, maxRetention, changeableFor);
    }

    /// <summary>
    /// Re-creates a lock that already exists in an account (import). No acknowledgement is needed: the lock was
    /// already applied by someone.
    /// </summary>
    internal static VaultLock FromExisting(Retention? minRetention, Retention? maxRetention, Retention? changeableFor) =>
        new(minRetention, maxRetention, changeableFor);
}

/// <summary>
/// The acknowledgements a compliance-mode Vault Lock requires. There is no way to create a compliance lock without
/// passing <see cref="IrreversibleAfterCoolingOff"/>, so the intent is visible in code review.
/// </summary>
public static class ComplianceLock
{
    /// <summary>
    /// Acknowledges that once the cooling-off period has elapsed the compliance-mode lock cannot be changed or
    /// removed by anyone, that its vault cannot be deleted while it holds recovery points, and that recovery points
    /// with no expiry in it can never be deleted.
    /// </summary>
    public static ComplianceLockAcknowledgement IrreversibleAfterCoolingOff { get; } = new();

    internal static void EnsureAcknowledged(ComplianceLockAcknowledgement? acknowledgement)
    {
        if (acknowledgement is null)
        {
            throw new ArgumentNullException(
                nameof(acknowledgement),
                "A compliance-mode Vault Lock is irreversible once its cooling-off period ends. Pass ComplianceLock.IrreversibleAfterCoolingOff to confirm, or use a governance-mode lock.");
        }
    }
}

/// <summary>A token that acknowledges the irreversibility of a compliance-mode Vault Lock; obtain it from <see cref="ComplianceLock"/>.</summary>
public sealed class ComplianceLockAcknowledgement
{
    internal ComplianceLockAcknowledgement()
    {
    }
}
