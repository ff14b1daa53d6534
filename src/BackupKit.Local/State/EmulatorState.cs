using System.Collections.Concurrent;

namespace BackupKit.Local.State;

/// <summary>All state of one emulator, kept apart per (account, region) as AWS keeps it.</summary>
internal sealed class EmulatorState
{
    private readonly ConcurrentDictionary<(string AccountId, string Region), RegionState> _regions = new();

    public EmulatorState(FaultInjector? faults = null) => Faults = faults;

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

    /// <summary>A snapshot of every (account, region) state created so far.</summary>
    public ICollection<RegionState> All => _regions.Values;

}
