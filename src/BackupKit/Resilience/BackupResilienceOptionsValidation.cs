using System.Globalization;

namespace BackupKit.Resilience;

/// <summary>
/// Checks <see cref="BackupResilienceOptions"/> before any pipeline is built, so that a wrong value fails at start-up with
/// a message naming the option, its value and the rule, instead of deep inside Polly at the first call.
/// </summary>
internal static class BackupResilienceOptionsValidation
{
    internal const int MaxAttemptsLimit = 10;
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinBreakerWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>Adds one message per broken rule to <paramref name="failures"/>.</summary>
    public static void Validate(BackupResilienceOptions? options, string prefix, List<string> failures)
    {
        if (options is null)
        {
            failures.Add($"{prefix} is null; set it to a BackupResilienceOptions instance (the defaults follow AWS standard retry mode).");
            return;
        }

        if (options.MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            failures.Add($"{prefix}.MaxAttempts is {options.MaxAttempts}; it must be between 1 and {MaxAttemptsLimit} (1 turns retries off).");
        }

        if (options.MaxBackoff <= TimeSpan.Zero || options.MaxBackoff > MaxTimeout)
        {
            failures.Add($"{prefix}.MaxBackoff is {Format(options.MaxBackoff)}; it must be greater than zero and at most 24 hours.");
        }

        CheckBaseDelay(options.ThrottlingBaseDelay, nameof(options.ThrottlingBaseDelay), options.MaxBackoff, prefix, failures);
        CheckBaseDelay(options.TransientBaseDelay, nameof(options.TransientBaseDelay), options.MaxBackoff, prefix, failures);

        if (options.MaxRetryAfterExtension < TimeSpan.Zero || options.MaxRetryAfterExtension > MaxTimeout)
        {
            failures.Add($"{prefix}.MaxRetryAfterExtension is {Format(options.MaxRetryAfterExtension)}; it must be between zero and 24 hours.");
        }

        if (options.RetryQuotaCapacity < 1)
        {
            failures.Add($"{prefix}.RetryQuotaCapacity is {options.RetryQuotaCapacity}; it must be at least 1 (use MaxAttempts = 1 to turn retries off).");
        }

        CheckCost(options.ThrottlingRetryCost, nameof(options.ThrottlingRetryCost), options.RetryQuotaCapacity, prefix, failures);
        CheckCost(options.TransientRetryCost, nameof(options.TransientRetryCost), options.RetryQuotaCapacity, prefix, failures);
        CheckCost(options.SuccessRefund, nameof(options.SuccessRefund), options.RetryQuotaCapacity, prefix, failures);

        var attemptOk = CheckTimeout(options.AttemptTimeout, nameof(options.AttemptTimeout), prefix, failures);
        var totalOk = CheckTimeout(options.TotalTimeout, nameof(options.TotalTimeout), prefix, failures);
        if (attemptOk && totalOk && options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add(
                $"{prefix}.AttemptTimeout ({Format(options.AttemptTimeout)}) is longer than {prefix}.TotalTimeout ({Format(options.TotalTimeout)}); " +
                "one attempt must fit in the whole call.");
        }

        if (totalOk && options.MaxAttempts is >= 1 and <= MaxAttemptsLimit && options.MaxBackoff > TimeSpan.Zero)
        {
            var worstCase = WorstCaseRetryDelays(options);
            if (worstCase >= options.TotalTimeout)
            {
                failures.Add(
                    $"{prefix}.TotalTimeout ({Format(options.TotalTimeout)}) is not longer than the worst-case sum of retry delays ({Format(worstCase)}) " +
                    $"for {options.MaxAttempts} attempts; raise TotalTimeout or lower MaxAttempts, ThrottlingBaseDelay, MaxBackoff or MaxRetryAfterExtension.");
            }
        }

        if (!(options.CircuitBreakerFailureRatio > 0 && options.CircuitBreakerFailureRatio <= 1))
        {
            failures.Add(
                $"{prefix}.CircuitBreakerFailureRatio is {options.CircuitBreakerFailureRatio.ToString(CultureInfo.InvariantCulture)}; " +
                "it must be greater than 0 and at most 1.");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add($"{prefix}.CircuitBreakerMinimumThroughput is {options.CircuitBreakerMinimumThroughput}; it must be at least 2.");
        }

        if (options.CircuitBreakerSamplingDuration < MinBreakerWindow || options.CircuitBreakerSamplingDuration > MaxTimeout)
        {
            failures.Add($"{prefix}.CircuitBreakerSamplingDuration is {Format(options.CircuitBreakerSamplingDuration)}; it must be between 500 ms and 24 hours.");
        }
        else if (attemptOk && options.CircuitBreakerSamplingDuration < options.AttemptTimeout * 2)
        {
            failures.Add(
                $"{prefix}.CircuitBreakerSamplingDuration ({Format(options.CircuitBreakerSamplingDuration)}) must be at least twice " +
                $"{prefix}.AttemptTimeout ({Format(options.AttemptTimeout)}), or a slow attempt ends after the window that should count it.");
        }

        if (options.CircuitBreakerBreakDuration < MinBreakerWindow || options.CircuitBreakerBreakDuration > MaxTimeout)
        {
            failures.Add($"{prefix}.CircuitBreakerBreakDuration is {Format(options.CircuitBreakerBreakDuration)}; it must be between 500 ms and 24 hours.");
        }
    }

    /// <summary>The longest the retries of one call can wait in total: the larger base, doubled per retry, capped, plus the retry-after extension.</summary>
    internal static TimeSpan WorstCaseRetryDelays(BackupResilienceOptions options)
    {
        var baseDelay = options.ThrottlingBaseDelay > options.TransientBaseDelay ? options.ThrottlingBaseDelay : options.TransientBaseDelay;
        var total = TimeSpan.Zero;
        for (var retry = 0; retry < options.MaxAttempts - 1; retry++)
        {
            total += RetryDelay.Backoff(baseDelay, options.MaxBackoff, retry) + options.MaxRetryAfterExtension;
        }

        return total;
    }

    private static void CheckBaseDelay(TimeSpan value, string name, TimeSpan maxBackoff, string prefix, List<string> failures)
    {
        if (value < TimeSpan.Zero || (maxBackoff > TimeSpan.Zero && value > maxBackoff))
        {
            failures.Add($"{prefix}.{name} is {Format(value)}; it must be between zero and MaxBackoff ({Format(maxBackoff)}).");
        }
    }

    private static void CheckCost(int value, string name, int capacity, string prefix, List<string> failures)
    {
        if (value < 0 || (capacity >= 1 && value > capacity))
        {
            failures.Add($"{prefix}.{name} is {value}; it must be between 0 and RetryQuotaCapacity ({capacity}).");
        }
    }

    private static bool CheckTimeout(TimeSpan value, string name, string prefix, List<string> failures)
    {
        if (value < MinTimeout || value > MaxTimeout)
        {
            failures.Add($"{prefix}.{name} is {Format(value)}; it must be between 10 ms and 24 hours.");
            return false;
        }

        return true;
    }

    internal static string Format(TimeSpan value) => BackupKit.Rules.DurationText.Format(value);
}
