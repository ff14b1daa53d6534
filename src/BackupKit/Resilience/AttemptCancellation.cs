namespace BackupKit.Resilience;

/// <summary>
/// The cancellation of one HTTP attempt: the caller's (or the total timeout's) token plus the attempt's own time limit,
/// in one token. On the system clock the source is reused per thread (reset, not reallocated), so an attempt that ends
/// in time allocates nothing here; a test clock gets a fresh source whose timer runs on that clock.
/// </summary>
internal struct AttemptCancellation : IDisposable
{
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    private readonly CancellationToken _outer;
    private CancellationTokenSource? _source;
    private CancellationTokenRegistration _link;
    private readonly bool _reusable;

    private AttemptCancellation(CancellationTokenSource source, CancellationToken outer, bool reusable)
    {
        _source = source;
        _outer = outer;
        _reusable = reusable;
        _link = outer.CanBeCanceled
            ? outer.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source)
            : default;
    }

    /// <summary>The token the attempt runs with.</summary>
    public readonly CancellationToken Token => _source!.Token;

    /// <summary>Starts the attempt's timer.</summary>
    /// <param name="outer">The token of the call (or of its total timeout); its cancellation also cancels the attempt.</param>
    /// <param name="timeout">The attempt's time limit.</param>
    /// <param name="timeProvider">The clock the timer runs on.</param>
    public static AttemptCancellation Start(CancellationToken outer, TimeSpan timeout, TimeProvider timeProvider)
    {
        if (!ReferenceEquals(timeProvider, TimeProvider.System))
        {
            return new AttemptCancellation(new CancellationTokenSource(timeout, timeProvider), outer, reusable: false);
        }

        var source = t_spare ?? new CancellationTokenSource();
        t_spare = null;
        source.CancelAfter(timeout);
        return new AttemptCancellation(source, outer, reusable: true);
    }

    /// <summary>
    /// Whether <paramref name="exception"/> means the attempt's own time limit ran out (not the outer token), the same
    /// test Polly's timeout strategy makes.
    /// </summary>
    public readonly bool TimedOut(Exception exception) =>
        exception is OperationCanceledException && _source!.IsCancellationRequested && !_outer.IsCancellationRequested;

    /// <summary>Stops the timer and unlinks the outer token; keeps the source for the next attempt on this thread when it can be reset.</summary>
    public void Dispose()
    {
        var source = _source;
        if (source is null)
        {
            return;
        }

        _source = null;
        _link.Dispose();
        if (_reusable && t_spare is null && source.TryReset())
        {
            t_spare = source;
            return;
        }

        source.Dispose();
    }
}
