using BackupKit.Wire;

namespace BackupKit.Verification;

/// <summary>
/// Where a drill takes its recovery points from, and so where it restores: the client of one account and Region
/// (restores run where the recovery point is) and the vaults to draw from. Restoring from the copy in the
/// disaster-recovery Region or account is the real test: pass a client for that Region or account and its vault.
/// </summary>
public sealed class RecoveryPointSource
{
    /// <summary>Creates a source over the given vaults.</summary>
    /// <param name="client">A client of the account and Region that hold the vaults.</param>
    /// <param name="vaultNames">The vaults to draw recovery points from; none means every vault of the account and Region.</param>
    public RecoveryPointSource(IBackupClient client, params string[] vaultNames)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(vaultNames);
        Client = client;
        VaultNames = vaultNames;
    }

    /// <summary>Gets the client used for listing, preflight and restores.</summary>
    public IBackupClient Client { get; }

    /// <summary>Gets the vaults; empty for every vault.</summary>
    public IReadOnlyList<string> VaultNames { get; }

    /// <summary>Gets or sets the account that owns the vaults when it is not the client's own (a vault shared with this account); <see langword="null"/> for the client's account.</summary>
    public string? VaultAccountId { get; set; }

    /// <summary>Gets or sets a label for reports, for example <c>dr eu-west-1</c>; defaults to the vault names.</summary>
    public string? Label { get; set; }

    /// <summary>Gets or sets vault ARN patterns (<c>*</c> wildcards) of vaults to leave out, applied when <see cref="VaultNames"/> is empty.</summary>
    public IList<string> ExcludeVaults { get; } = new List<string>();

    /// <inheritdoc />
    public override string ToString() => Label ?? (VaultNames.Count == 0 ? "every vault" : string.Join(", ", VaultNames));
}
