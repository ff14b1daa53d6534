namespace BackupKit.Verification;

/// <summary>Bounds the restores in flight: across the drill and per resource type (AWS's per-type caps).</summary>
internal sealed class ConcurrencyLimiter
{
    private readonly SemaphoreSlim _overall;
    private readonly Dictionary<string, SemaphoreSlim> _byType = new(StringComparer.OrdinalIgnoreCase);
    private readonly RestoreDrillOptions _options;

    public ConcurrencyLimiter(RestoreDrillOptions options)
    {
        _options = options;
        _overall = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    public async Task<IDisposable> EnterAsync(string resourceType, CancellationToken cancellationToken)
    {
        SemaphoreSlim perType;
        lock (_byType)
        {
            if (!_byType.TryGetValue(resourceType, out perType!))
            {
                var limit = _options.ConcurrencyFor(resourceType);
                perType = new SemaphoreSlim(limit, limit);
                _byType[resourceType] = perType;
            }
        }

        await perType.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _overall.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            perType.Release();
            throw;
        }

        return new Slot(perType, _overall);
    }

    private sealed class Slot(SemaphoreSlim perType, SemaphoreSlim overall) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                overall.Release();
                perType.Release();
            }
        }
    }
}
