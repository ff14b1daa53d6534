using System.Runtime.CompilerServices;

namespace BackupKit.Verification.History;

/// <summary>A history store in memory, for tests and short-lived processes.</summary>
public sealed class InMemoryRestoreHistoryStore : IRestoreHistoryStore
{
    private readonly List<RestoreHistoryEntry> _entries = [];
    private readonly object _gate = new();

    /// <inheritdoc />
    public ValueTask AppendAsync(IReadOnlyList<RestoreHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            _entries.AddRange(entries);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RestoreHistoryEntry> ReadAsync(string? resourceArn = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RestoreHistoryEntry[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _entries];
        }

        foreach (var entry in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (resourceArn is null || string.Equals(entry.ResourceArn, resourceArn, StringComparison.Ordinal))
            {
                yield return entry;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
