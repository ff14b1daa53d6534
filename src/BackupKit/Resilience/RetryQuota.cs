using System.Collections.Concurrent;

namespace BackupKit.Resilience;

/// <summary>
/// The AWS SDKs' retry quota: a token bucket that every retry draws from and every success refills a little. When an
/// endpoint keeps failing the bucket empties and calls fail fast with their first error instead of piling retries onto
/// a struggling service. Thread-safe, lock-free.
/// </summary>
internal sealed class RetryQuota
{
    private int _available;

    public RetryQuota(int capacity)
    {
        Capacity = capacity;
        _available = capacity;
    }

    /// <summary>The size of the bucket.</summary>
    public int Capacity { get; }

    /// <summary>Tokens left.</summary>
    public int Available => Volatile.Read(ref _available);

    /// <summary>Takes <paramref name="cost"/> tokens if that many are left.</summary>
    public bool TryAcquire(int cost)
    {
        while (true)
        {
            var current = Volatile.Read(ref _available);
            if (current < cost)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _available, current - cost, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back <paramref name="amount"/> tokens, never beyond the capacity.</summary>
    public void Release(int amount)
    {
        while (true)
        {
            var current = Volatile.Read(ref _available);
            var next = Math.Min(Capacity, current + amount);
            if (next == current || Interlocked.CompareExchange(ref _available, next, current) == current)
            {
                return;
            }
        }
    }
}

/// <summary>
/// One retry quota per endpoint, shared by every client that calls it (as the AWS SDKs share retry capacity per
/// service URL), so that many clients together cannot hammer a failing endpoint; and one circuit breaker per endpoint
/// and Region (<see cref="Circuits"/>).
/// </summary>
internal sealed class RetryQuotaRegistry
{
    private readonly ConcurrentDictionary<string, RetryQuota> _quotas = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The process-wide registry.</summary>
    public static RetryQuotaRegistry Shared { get; } = new();

    /// <summary>The circuit breakers of the endpoints and Regions whose clients share this registry.</summary>
    public EndpointCircuitRegistry Circuits { get; } = new();

    /// <summary>The quota of <paramref name="endpoint"/>; the first caller decides its capacity.</summary>
    public RetryQuota Get(Uri endpoint, int capacity) =>
        _quotas.GetOrAdd(endpoint.GetLeftPart(UriPartial.Authority), static (_, c) => new RetryQuota(c), capacity);
}
