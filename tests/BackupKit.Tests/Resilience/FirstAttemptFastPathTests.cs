using BackupKit.Local;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace BackupKit.Tests.Resilience;

/// <summary>
/// The client sends a call's first attempt outside the retry pipeline (circuit breaker and attempt timeout only) and
/// enters the retry pipeline only when that attempt failed in a retryable way. These tests pin what must not change
/// because of that: the circuit breaker sees first attempts, successes included, and the total timeout counts them.
/// </summary>
public sealed class FirstAttemptFastPathTests : IAsyncLifetime
{
    private BackupEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await BackupEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task CircuitBreaker_CountsFirstAttemptSuccesses_SoItOpensOnlyAtTheFailureRatio()
    {
        var resilience = TestCredentials.FastResilience();
        resilience.MaxAttempts = 1;
        resilience.CircuitBreakerMinimumThroughput = 4;
        resilience.CircuitBreakerFailureRatio = 0.5;
        resilience.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(1);
        using var client = TestCredentials.CreateClient(_emulator.Endpoint, resilience: resilience);

        // Three successes and one failure: a ratio of 0.25, so the circuit stays closed.
        for (var i = 0; i < 3; i++)
        {
            await client.ListBackupPlansAsync(new ListBackupPlansInput());
        }

        _emulator.Faults.ServerError("ListBackupPlans", times: 1);
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
        await client.ListBackupPlansAsync(new ListBackupPlansInput());

        // Three more failures: 4 of 8 attempts, the ratio is reached and the circuit opens before any request is sent.
        _emulator.Faults.ServerError("ListBackupPlans", times: 3);
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput()));

        Assert.Equal(8, _emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task TotalTimeout_CountsTheTimeOfTheFirstAttempt()
    {
        var resilience = TestCredentials.FastResilience();
        resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        resilience.TotalTimeout = TimeSpan.FromSeconds(4);
        resilience.MaxRetryAfterExtension = TimeSpan.Zero;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = TestCredentials.CreateClient(_emulator.Endpoint, resilience: resilience, timeProvider: time);
        _emulator.Faults.Latency("ListBackupPlans", TimeSpan.FromMinutes(5));

        var call = client.ListBackupPlansAsync(new ListBackupPlansInput());
        await FakeClock.WaitUntilAsync(() => _emulator.Faults.RequestCount("ListBackupPlans") == 1);
        var elapsed = await FakeClock.AdvanceUntilAsync(time, () => call.IsCompleted, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);

        // On the client's clock, the total timeout ends the second attempt at 4 s; one restarted after the first attempt
        // would let the second attempt run its whole 2 s and a third start.
        Assert.InRange(elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4.5));
        Assert.Contains("within 4 seconds (", error.Message, StringComparison.Ordinal);
        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _emulator.Faults.RequestCount("ListBackupPlans"));
    }
}
