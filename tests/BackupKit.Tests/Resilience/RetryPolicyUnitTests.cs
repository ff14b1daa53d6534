using BackupKit.Resilience;
using BackupKit.Wire;

namespace BackupKit.Tests.Resilience;

/// <summary>The numbers of AWS standard retry mode ("Retries 2.1"): delays, quota arithmetic, which errors retry, option rules.</summary>
public sealed class RetryPolicyUnitTests
{
    [Fact]
    public void Defaults_AreTheStandardModeNumbers()
    {
        var options = new BackupResilienceOptions();

        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ThrottlingBaseDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.TransientBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.MaxBackoff);
        Assert.Equal(500, options.RetryQuotaCapacity);
        Assert.Equal(5, options.ThrottlingRetryCost);
        Assert.Equal(14, options.TransientRetryCost);
        Assert.Equal(1, options.SuccessRefund);
        var failures = new List<string>();
        BackupResilienceOptionsValidation.Validate(options, "o", failures);
        Assert.Empty(failures);
    }

    [Fact]
    public void Delays_StayWithinFullJitterOfTheCappedBackoff_OverManySamples()
    {
        var options = new BackupResilienceOptions();
        var random = new Random(20260101);
        for (var i = 0; i < 10_000; i++)
        {
            var retry = i % 8;
            var kind = i % 2 == 0 ? RetryKind.Throttling : RetryKind.Transient;
            var baseDelay = kind == RetryKind.Throttling ? options.ThrottlingBaseDelay : options.TransientBaseDelay;
            var ceiling = TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, baseDelay.Ticks * (1L << retry)));

            var delay = RetryDelay.Compute(options, kind, retry, null, random.NextDouble());

            Assert.InRange(delay, TimeSpan.Zero, ceiling);
        }
    }

    [Fact]
    public void Backoff_IsCappedBeforeJitter()
    {
        var options = new BackupResilienceOptions();

        Assert.InRange(RetryDelay.Compute(options, RetryKind.Throttling, 9, null, 0.9999999999), TimeSpan.FromSeconds(19.999), TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryDelay.Compute(options, RetryKind.Throttling, 9, null, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(50), RetryDelay.Compute(options, RetryKind.Transient, 1, null, 0.5));
    }

    [Theory]
    [InlineData(0.5, 200, 500)]      // hint between computed (500 ms) and computed + 5 s: computed wins because hint is below
    [InlineData(0.5, 2_000, 2_000)]  // hint inside the window: honoured
    [InlineData(0.5, 60_000, 5_500)] // hint beyond the window: clamped to computed + 5 s
    public void RetryAfterHint_IsClampedToComputedPlusExtension(double jitter, int hintMs, int expectedMs)
    {
        var options = new BackupResilienceOptions();

        var delay = RetryDelay.Compute(options, RetryKind.Throttling, 0, TimeSpan.FromMilliseconds(hintMs), jitter);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void Quota_TakesAndRefundsTokens_NeverBeyondCapacity()
    {
        var quota = new RetryQuota(30);

        Assert.True(quota.TryAcquire(14));
        Assert.True(quota.TryAcquire(14));
        Assert.False(quota.TryAcquire(14));
        Assert.Equal(2, quota.Available);
        quota.Release(14);
        Assert.Equal(16, quota.Available);
        quota.Release(100);
        Assert.Equal(30, quota.Available);
    }

    [Fact]
    public void QuotaRegistry_SharesOneQuotaPerEndpoint()
    {
        var registry = new RetryQuotaRegistry();

        var a = registry.Get(new Uri("http://127.0.0.1:4566/"), 500);
        var b = registry.Get(new Uri("http://127.0.0.1:4566/other"), 100);
        var c = registry.Get(new Uri("http://127.0.0.1:4567/"), 500);

        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(500, b.Capacity);
    }

    [Theory]
    [InlineData(400, "ThrottlingException", "Throttling")]
    [InlineData(400, "Throttling", "Throttling")]
    [InlineData(400, "TooManyRequestsException", "Throttling")]
    [InlineData(400, "RequestLimitExceeded", "Throttling")]
    [InlineData(503, "SlowDown", "Throttling")]
    [InlineData(429, null, "Throttling")]
    [InlineData(500, "InternalFailure", "Transient")]
    [InlineData(502, null, "Transient")]
    [InlineData(503, "ServiceUnavailableException", "Transient")]
    [InlineData(504, null, "Transient")]
    [InlineData(400, "LimitExceededException", "None")]
    [InlineData(400, "InvalidParameterValueException", "None")]
    [InlineData(409, "ConflictException", "None")]
    [InlineData(404, "ResourceNotFoundException", "None")]
    [InlineData(403, "AccessDeniedException", "None")]
    [InlineData(501, "NotImplemented", "None")]
    public void ServiceErrors_AreClassifiedAsTheAwsSdksDo(int status, string? code, string expected) =>
        Assert.Equal(expected, RetryClassifier.ClassifyServiceError(status, code).ToString());

    [Fact]
    public void TransportFailures_AreTransient_UnlessTheCallerCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(RetryKind.Transient, RetryClassifier.Classify(Polly.Outcome.FromException<AttemptResult>(new HttpRequestException("reset")), CancellationToken.None));
        Assert.Equal(RetryKind.Transient, RetryClassifier.Classify(Polly.Outcome.FromException<AttemptResult>(new IOException("dropped")), CancellationToken.None));
        Assert.Equal(RetryKind.Transient, RetryClassifier.Classify(Polly.Outcome.FromException<AttemptResult>(new Polly.Timeout.TimeoutRejectedException()), CancellationToken.None));
        Assert.Equal(RetryKind.None, RetryClassifier.Classify(Polly.Outcome.FromException<AttemptResult>(new OperationCanceledException()), cancelled.Token));
        Assert.Equal(RetryKind.None, RetryClassifier.Classify(Polly.Outcome.FromException<AttemptResult>(new InvalidOperationException("no credentials")), CancellationToken.None));
    }

    [Fact]
    public void Validation_NamesOptionValueAndRule_ForEveryBrokenRule()
    {
        var failures = new List<string>();
        BackupResilienceOptionsValidation.Validate(
            new BackupResilienceOptions
            {
                MaxAttempts = 11,
                TransientBaseDelay = TimeSpan.FromSeconds(-1),
                RetryQuotaCapacity = 0,
                AttemptTimeout = TimeSpan.FromSeconds(20),
                TotalTimeout = TimeSpan.FromSeconds(4),
                CircuitBreakerFailureRatio = 1.5,
                CircuitBreakerMinimumThroughput = 1,
                CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30),
                CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(10),
            },
            "R",
            failures);

        Assert.Contains("R.MaxAttempts is 11; it must be between 1 and 10 (1 turns retries off).", failures);
        Assert.Contains("R.TransientBaseDelay is minus 1 second; it must be between zero and MaxBackoff (20 seconds).", failures);
        Assert.Contains("R.RetryQuotaCapacity is 0; it must be at least 1 (use MaxAttempts = 1 to turn retries off).", failures);
        Assert.Contains("R.AttemptTimeout (20 seconds) is longer than R.TotalTimeout (4 seconds); one attempt must fit in the whole call.", failures);
        Assert.Contains("R.CircuitBreakerFailureRatio is 1.5; it must be greater than 0 and at most 1.", failures);
        Assert.Contains("R.CircuitBreakerMinimumThroughput is 1; it must be at least 2.", failures);
        Assert.Contains(failures, f => f.StartsWith("R.CircuitBreakerSamplingDuration (30 seconds) must be at least twice R.AttemptTimeout (20 seconds)", StringComparison.Ordinal));
        Assert.Contains("R.CircuitBreakerBreakDuration is 10 milliseconds; it must be between 500 ms and 24 hours.", failures);
    }

    [Fact]
    public void Validation_RejectsATotalTimeoutShorterThanTheWorstCaseRetryDelays()
    {
        var failures = new List<string>();
        BackupResilienceOptionsValidation.Validate(
            new BackupResilienceOptions { MaxAttempts = 5, AttemptTimeout = TimeSpan.FromSeconds(1), TotalTimeout = TimeSpan.FromSeconds(20), CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(2) },
            "R",
            failures);

        // 1 + 2 + 4 + 8 seconds of backoff plus 4 x 5 seconds of retry-after extension = 35 s.
        var failure = Assert.Single(failures);
        Assert.StartsWith("R.TotalTimeout (20 seconds) is not longer than the worst-case sum of retry delays (35 seconds) for 5 attempts", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrottlingCodeList_LeavesOutLimitExceededException_WhichIsAQuotaInAwsBackup()
    {
        Assert.False(RetryClassifier.IsThrottlingCode("LimitExceededException"));
        Assert.True(RetryClassifier.IsThrottlingCode("ThrottlingException"));
        Assert.IsType<LimitExceededException>(BackupErrors.Create("LimitExceededException", "too many plans", 400, null, default));
    }
}
