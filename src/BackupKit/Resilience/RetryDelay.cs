namespace BackupKit.Resilience;

/// <summary>The AWS standard-mode backoff ("Retries 2.1"): exponential, capped before full jitter, stretched by <c>x-amz-retry-after</c>.</summary>
internal static class RetryDelay
{
    /// <summary>The uncapped-then-capped exponential step: <c>min(maxBackoff, baseDelay * 2^retry)</c>.</summary>
    public static TimeSpan Backoff(TimeSpan baseDelay, TimeSpan maxBackoff, int retry)
    {
        var ticks = baseDelay.Ticks * Math.Pow(2, retry);
        return ticks >= maxBackoff.Ticks ? maxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The delay before retry number <paramref name="retry"/> (0 for the first retry): full jitter over the capped backoff,
    /// then a service hint, if any, clamped to [computed, computed + <see cref="BackupResilienceOptions.MaxRetryAfterExtension"/>].
    /// </summary>
    /// <param name="options">The validated options.</param>
    /// <param name="kind">Why the attempt failed; throttling backs off from a larger base.</param>
    /// <param name="retry">Zero-based retry number.</param>
    /// <param name="retryAfter">The service's <c>x-amz-retry-after</c> hint, when sent.</param>
    /// <param name="jitter">A uniformly random number in [0, 1).</param>
    public static TimeSpan Compute(BackupResilienceOptions options, RetryKind kind, int retry, TimeSpan? retryAfter, double jitter)
    {
        var baseDelay = kind == RetryKind.Throttling ? options.ThrottlingBaseDelay : options.TransientBaseDelay;
        var computed = TimeSpan.FromTicks((long)(Backoff(baseDelay, options.MaxBackoff, retry).Ticks * jitter));
        if (retryAfter is not { } hint)
        {
            return computed;
        }

        var upper = computed + options.MaxRetryAfterExtension;
        return hint < computed ? computed : hint > upper ? upper : hint;
    }
}
