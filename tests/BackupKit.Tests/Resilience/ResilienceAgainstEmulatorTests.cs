using System.Diagnostics;
using BackupKit.Local;
using BackupKit.Resilience;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace BackupKit.Tests.Resilience;

/// <summary>
/// The retry pipeline against BackupKit.Local over real HTTP, with faults injected per operation. Delays are a
/// millisecond so the suite runs fast; each client gets its own retry quota so tests never share one.
/// </summary>
public sealed class ResilienceAgainstEmulatorTests : IAsyncLifetime
{
    private BackupEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await BackupEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Throttling_ThenSuccess_IsRetriedTransparently()
    {
        using var client = TestCredentials.CreateClient(_emulator.Endpoint);
        _emulator.Faults.Throttle("ListBackupPlans", times: 2);

        var output = await client.ListBackupPlansAsync(new ListBackupPlansInput());

        Assert.NotNull(output.BackupPlansList);
        Assert.Equal(3, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task Throttling_BeyondMaxAttempts_SurfacesAsThrottlingException()
    {
        using var client = TestCredentials.CreateClient(_emulator.Endpoint);
        _emulator.Faults.Throttle("ListBackupVaults", times: 10);

        var error = await Assert.ThrowsAsync<ThrottlingException>(() => client.ListBackupVaultsAsync(new ListBackupVaultsInput()));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(3, _emulator.Faults.RequestCount("ListBackupVaults"));
    }

    [Fact]
    public async Task LimitExceededException_IsAQuota_AndIsNotRetried()
    {
        using var client = TestCredentials.CreateClient(_emulator.Endpoint);
        _emulator.Faults.Error("CreateBackupPlan", "LimitExceededException", 400);

        var error = await Assert.ThrowsAsync<LimitExceededException>(() => client.CreateBackupPlanAsync(DailyPlan("quota")));

        Assert.Equal("LimitExceededException", error.ErrorCode);
        Assert.Equal(1, _emulator.Faults.RequestCount("CreateBackupPlan"));
    }

    [Fact]
    public async Task ConnectionDroppedAfterCommit_IsRetriedWithTheSameCreatorRequestId_AndCreatesNoDuplicate()
    {
        using var client = TestCredentials.CreateClient(_emulator.Endpoint);
        _emulator.Faults.DropConnectionAfterCommit("CreateBackupPlan");

        var created = await client.CreateBackupPlanAsync(DailyPlan("dropped-after-commit"));

        Assert.Equal(2, _emulator.Faults.RequestCount("CreateBackupPlan"));
        var plans = await client.ListBackupPlansAsync(new ListBackupPlansInput());
        var plan = Assert.Single(plans.BackupPlansList!, p => p.BackupPlanName == "dropped-after-commit");
        Assert.Equal(plan.BackupPlanId, created.BackupPlanId);
    }

    [Fact]
    public async Task ServerErrorStorm_IsStoppedByTheRetryQuota_ThenByTheCircuitBreaker()
    {
        var resilience = TestCredentials.FastResilience();
        resilience.RetryQuotaCapacity = 28; // two transient retries at 14 tokens each
        resilience.CircuitBreakerMinimumThroughput = 5;
        resilience.CircuitBreakerFailureRatio = 0.5;
        resilience.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(1);
        using var client = TestCredentials.CreateClient(_emulator.Endpoint, resilience: resilience);
        _emulator.Faults.ServerError("ListBackupPlans", times: 1000);

        // First call: the first attempt and two retries, which empty the quota.
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
        Assert.Equal(3, _emulator.Faults.RequestCount("ListBackupPlans"));

        // Quota empty: the next calls fail fast with the service's error, one request each.
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
        Assert.Equal(5, _emulator.Faults.RequestCount("ListBackupPlans"));

        // The breaker counts logical calls: two more failed calls make five of five, and the circuit opens.
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
        Assert.Equal(7, _emulator.Faults.RequestCount("ListBackupPlans"));

        // Open: no request reaches the endpoint any more.
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<BrokenCircuitException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
        }

        Assert.Equal(7, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task RetryQuota_IsRefunded_WhenARetrySucceeds()
    {
        var resilience = TestCredentials.FastResilience();
        resilience.RetryQuotaCapacity = 28;
        var quotas = new RetryQuotaRegistry();
        using var client = CreateClient(resilience, quotas);
        var quota = quotas.Get(_emulator.Endpoint, 28);

        _emulator.Faults.ServerError("ListBackupPlans", times: 1);
        await client.ListBackupPlansAsync(new ListBackupPlansInput());
        Assert.Equal(28, quota.Available);

        // Had the successful retry not given its 14 tokens back, only one retry would be left here.
        _emulator.Faults.ServerError("ListBackupPlans", times: 2);
        await client.ListBackupPlansAsync(new ListBackupPlansInput());
        Assert.Equal(2 + 3, _emulator.Faults.RequestCount("ListBackupPlans"));
        Assert.Equal(14, quota.Available);
    }

    [Fact]
    public async Task RetryQuota_FirstTimeSuccess_RefundsOneToken()
    {
        var resilience = TestCredentials.FastResilience();
        var quotas = new RetryQuotaRegistry();
        using var client = CreateClient(resilience, quotas);
        var quota = quotas.Get(_emulator.Endpoint, resilience.RetryQuotaCapacity);
        Assert.True(quota.TryAcquire(10));

        await client.ListBackupPlansAsync(new ListBackupPlansInput());
        await client.ListBackupPlansAsync(new ListBackupPlansInput());

        Assert.Equal(resilience.RetryQuotaCapacity - 10 + 2, quota.Available);
    }

    [Fact]
    public async Task RetryAfterHint_IsHonoured()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = TestCredentials.CreateClient(_emulator.Endpoint, timeProvider: time);
        _emulator.Faults.Throttle("ListBackupPlans", times: 1, retryAfter: TimeSpan.FromMilliseconds(600));

        var call = client.ListBackupPlansAsync(new ListBackupPlansInput());
        await FakeClock.WaitUntilAsync(() => _emulator.Faults.RequestCount("ListBackupPlans") == 1);
        var waited = await FakeClock.AdvanceUntilAsync(time, () => _emulator.Faults.RequestCount("ListBackupPlans") == 2, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));
        await call;

        // The computed backoff is at most 1 ms here; only the hint can explain a retry no earlier than 600 ms on the client's clock.
        Assert.InRange(waited, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(900));
        Assert.Equal(2, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task CallerCancellation_DuringAnAttempt_EndsTheCallAtOnce_AndIsNotRetried()
    {
        using var client = TestCredentials.CreateClient(_emulator.Endpoint);
        _emulator.Faults.Latency("ListBackupPlans", TimeSpan.FromSeconds(10));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput(), cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        Assert.Equal(1, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task CallerCancellation_DuringABackoffDelay_EndsTheCallAtOnce()
    {
        using var client = TestCredentials.CreateClient(_emulator.Endpoint);
        _emulator.Faults.Throttle("ListBackupPlans", times: 1, retryAfter: TimeSpan.FromSeconds(4));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput(), cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        Assert.Equal(1, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task AlreadyCancelledToken_SendsNothing()
    {
        using var client = TestCredentials.CreateClient(_emulator.Endpoint);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput(), new CancellationToken(canceled: true)));

        Assert.Equal(0, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task SlowAttempt_IsCutByTheAttemptTimeout_AndRetried()
    {
        var resilience = TestCredentials.FastResilience();
        resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var client = TestCredentials.CreateClient(_emulator.Endpoint, resilience: resilience);
        _emulator.Faults.Latency("ListBackupPlans", TimeSpan.FromSeconds(3), times: 1);

        await client.ListBackupPlansAsync(new ListBackupPlansInput());

        Assert.Equal(2, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task TotalTimeout_EndsTheCall_WithAClearTimeoutException()
    {
        var resilience = TestCredentials.FastResilience();
        resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        resilience.TotalTimeout = TimeSpan.FromMilliseconds(500);
        resilience.MaxRetryAfterExtension = TimeSpan.Zero;
        using var client = TestCredentials.CreateClient(_emulator.Endpoint, resilience: resilience);
        _emulator.Faults.Latency("ListBackupPlans", TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.Contains("ListBackupPlans did not finish within", error.Message, StringComparison.Ordinal);
        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.InRange(_emulator.Faults.RequestCount("ListBackupPlans"), 1, 3);
    }

    [Fact]
    public async Task MaxAttemptsOne_TurnsRetriesOff()
    {
        var resilience = TestCredentials.FastResilience();
        resilience.MaxAttempts = 1;
        using var client = TestCredentials.CreateClient(_emulator.Endpoint, resilience: resilience);
        _emulator.Faults.ServerError("ListBackupPlans", times: 1);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.Equal(1, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    private BackupClient CreateClient(BackupResilienceOptions resilience, RetryQuotaRegistry quotas) =>
        new(
            new BackupClientOptions { ServiceUrl = _emulator.Endpoint, Region = TestCredentials.Region, Credentials = TestCredentials.Basic, Resilience = resilience },
            null,
            null,
            quotas);

    private static CreateBackupPlanInput DailyPlan(string name) => new()
    {
        BackupPlan = new BackupPlanInput
        {
            BackupPlanName = name,
            Rules = [new BackupRuleInput { RuleName = "daily", TargetBackupVaultName = "Default", ScheduleExpression = "cron(0 5 ? * * *)" }],
        },
    };
}
