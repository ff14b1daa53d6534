using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BackupKit.Wire;

namespace BackupKit.Reconcile;

/// <summary>
/// One apply at a time per account endpoint and Region within this process: applies through any
/// <see cref="PostureApplier"/> of the same endpoint and Region queue here, so that each one reads live state only after
/// the previous one finished writing. AWS Backup has no conditional writes, so nothing equivalent exists across processes
/// (see docs/guarantees.md).
/// </summary>
internal static class ApplyLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByEndpoint = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConditionalWeakTable<IBackupClient, SemaphoreSlim> ByClient = [];

    public static async Task<IDisposable> AcquireAsync(IBackupClient client, CancellationToken cancellationToken)
    {
        var gate = client is BackupClient known
            ? ByEndpoint.GetOrAdd(known.Endpoint.GetLeftPart(UriPartial.Authority) + "|" + known.Region, static _ => new SemaphoreSlim(1, 1))
            : ByClient.GetValue(client, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
