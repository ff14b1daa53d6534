namespace BackupKit.Verification.History;

/// <summary>
/// Keeps the results of past drills and validated restore tests, so that reports show trends and the last verified
/// restore per resource, and a staleness check can fail resources not verified for too long.
/// <see cref="FileRestoreHistoryStore"/> is the default; implement this over a database or object store to share
/// history between machines.
/// </summary>
public interface IRestoreHistoryStore
{
    /// <summary>Adds entries. Must be safe to call concurrently.</summary>
    /// <param name="entries">The entries of one run.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entries are durable.</returns>
    ValueTask AppendAsync(IReadOnlyList<RestoreHistoryEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Reads entries, oldest first.</summary>
    /// <param name="resourceArn">Only this resource's entries, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<RestoreHistoryEntry> ReadAsync(string? resourceArn = null, CancellationToken cancellationToken = default);
}
