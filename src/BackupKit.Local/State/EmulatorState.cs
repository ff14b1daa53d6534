using System.Collections.Concurrent;

namespace BackupKit.Local.State;

/// <summary>All state of one emulator, kept apart per (account, region) as AWS keeps it.</summary>
internal sealed class EmulatorState
{
    private readonly ConcurrentDictionary<(string AccountId, string Region), RegionState> _regions = new();

    public EmulatorState(FaultInjector? faults = null, string managementAccountId = "000000000000", byte[]? idSeed = null)
    {
        Faults = faults;
        Global = new GlobalSettings(managementAccountId);
        IdSeed = idSeed ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>The settings of the organization all emulated accounts belong to.</summary>
    public GlobalSettings Global { get; }

    /// <summary>
    /// The secret every generated id derives from (with the account, Region and a per-Region counter), so that replaying
    /// the same requests in the same order reproduces the same ids and ARNs (see <c>StateJournal</c>).
    /// </summary>
    public byte[] IdSeed { get; }

    /// <summary>The emulator's fault injector (restore faults are taken from it when restore jobs start); null in unit tests of state alone.</summary>
    public FaultInjector? Faults { get; }

    /// <summary>
    /// Every vault of every account and region by ARN, so that a backup completing under one region's gate can check a
    /// copy action's destination in another region or account without taking that region's gate (which could deadlock
    /// against a copy going the other way). Vault fields read this way are single references, read atomically.
    /// </summary>
    public ConcurrentDictionary<string, VaultRecord> VaultsByArn { get; } = new(StringComparer.Ordinal);

    /// <summary>The state of an account in a region, created empty on first use.</summary>
    public RegionState For(string accountId, string region) =>
        _regions.GetOrAdd((accountId, region), static (key, emulator) => new RegionState(key.AccountId, key.Region, emulator), this);

    /// <summary>
    /// The state of an account in a region when it exists, without creating it: reaching into another account or region
    /// (a copy's destination ARN) never creates state, so ARNs naming invented accounts cost nothing.
    /// </summary>
    public RegionState? Existing(string accountId, string region) => _regions.GetValueOrDefault((accountId, region));

    /// <summary>
    /// A snapshot of every (account, region) state created so far, ordered by account and Region: walks over all of them
    /// happen in the same order in every process, which a journal replay needs to reproduce what happened.
    /// </summary>
    public IReadOnlyList<RegionState> All
    {
        get
        {
            var all = _regions.Values.ToList();
            all.Sort(static (a, b) =>
            {
                var byAccount = string.CompareOrdinal(a.AccountId, b.AccountId);
                return byAccount != 0 ? byAccount : string.CompareOrdinal(a.Region, b.Region);
            });
            return all;
        }
    }

}
