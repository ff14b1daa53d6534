using System.Collections.Concurrent;

namespace BackupKit.Local.State;

/// <summary>All state of one emulator, kept apart per (account, region) as AWS keeps it.</summary>
internal sealed class EmulatorState
{
    private readonly ConcurrentDictionary<(string AccountId, string Region), RegionState> _regions = new();

    /// <summary>The state of an account in a region, created empty on first use.</summary>
    public RegionState For(string accountId, string region) =>
        _regions.GetOrAdd((accountId, region), static key => new RegionState(key.AccountId, key.Region));
}
