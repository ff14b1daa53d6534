using System.Collections.Concurrent;

namespace BackupKit.Local.State;

/// <summary>All state of one emulator, kept apart per (account, region) as AWS keeps it.</summary>
internal sealed class EmulatorState
{
    private readonly ConcurrentDictionary<(string AccountId, string Region), RegionState> _regions = new();

    /// <summary>The state of an account in a region, created empty on first use.</summary>
    public RegionState For(string accountId, string region) =>
        _regions.GetOrAdd((accountId, region), static key => new RegionState(key.AccountId, key.Region));

    /// <summary>
    /// The state of an account in a region if a caller of that account has used it; null otherwise. Reaching into another
    /// account or region (a copy's destination ARN) never creates state, so ARNs naming invented accounts cost nothing.
    /// </summary>
    public RegionState? Find(string accountId, string region) =>
        _regions.TryGetValue((accountId, region), out var state) ? state : null;
}
