using BackupKit.Local;
using BackupKit.Resilience;
using BackupKit.Tests.Client;
using BackupKit.Wire;
using Polly.CircuitBreaker;
using Xunit.Abstractions;

namespace BackupKit.Tests.Resilience;

/// <summary>
/// The default resilience options against transient faults, over HTTP to the emulator: they never turn more calls into
/// failures than AWS standard retry mode alone (the same options with the circuit breaker off), the breaker is shared
/// per endpoint and Region and counts logical calls, any 429 is throttling, cancellation surfaces the caller's token,
/// and an exhausted call names the operation, the attempts and the last error.
/// </summary>
public sealed class DefaultResilienceUnderFaultsTests(ITestOutputHelper output)
{
    private const int Calls = 1000;
    private const int PlansUsed = 10; // AWS allows 100 selections per plan
    private const double DropRate = 0.3;
    private const int Seed = 20261202;

    [Fact]
    public async Task DefaultOptions_UnderThirtyPercentPostCommitDrops_FailNoMoreCallsThanStandardModeAlone_AndCreateNoDuplicate()
    {
        var standardOnly = await RunCreatesAsync(new BackupResilienceOptions { CircuitBreakerEnabled = false });
        var defaults = await RunCreatesAsync(new BackupResilienceOptions());

        output.WriteLine($"{Calls} CreateBackupSelection calls, {DropRate:P0} of requests dropped after commit (seed {Seed}):");
        output.WriteLine($"  AWS standard retry mode alone (breaker off): {standardOnly.Failed} failed ({standardOnly.BrokenCircuit} by the breaker), {standardOnly.Requests} requests, {standardOnly.Duplicates} duplicates");
        output.WriteLine($"  default options:                            {defaults.Failed} failed ({defaults.BrokenCircuit} by the breaker), {defaults.Requests} requests, {defaults.Duplicates} duplicates");

        Assert.True(standardOnly.Failed > 0, "the fault rate must be high enough to make standard mode fail some calls, or the comparison proves nothing");
        Assert.True(defaults.Failed <= standardOnly.Failed, $"defaults failed {defaults.Failed} calls, standard mode alone {standardOnly.Failed}");
        Assert.Equal(0, defaults.BrokenCircuit);
        Assert.Equal(0, defaults.Duplicates);
        Assert.Equal(0, standardOnly.Duplicates);
    }

    [Fact]
    public async Task CircuitBreaker_CountsLogicalCalls_SoARetryThatSucceedsIsASuccess()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var resilience = TestCredentials.FastResilience();
        resilience.CircuitBreakerMinimumThroughput = 4;
        resilience.CircuitBreakerFailureRatio = 0.5;
        resilience.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(1);
        using var client = TestCredentials.CreateClient(emulator.Endpoint, resilience: resilience);

        // Every call's first attempt fails, every retry succeeds: attempts fail half the time, calls never.
        for (var i = 0; i < 10; i++)
        {
            emulator.Faults.ServerError("ListBackupPlans", times: 1);
            await client.ListBackupPlansAsync(new ListBackupPlansInput());
        }

        Assert.Equal(20, emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task CircuitBreaker_IsSharedPerEndpointAndRegion_AndEasyToTurnOff()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var resilience = TestCredentials.FastResilience();
        resilience.MaxAttempts = 1;
        resilience.CircuitBreakerMinimumThroughput = 2;
        resilience.CircuitBreakerFailureRatio = 0.5;
        resilience.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(1);
        var registry = new RetryQuotaRegistry();
        using var first = CreateClient(emulator.Endpoint, resilience, registry, "us-east-1");
        using var second = CreateClient(emulator.Endpoint, resilience, registry, "us-east-1");
        using var otherRegion = CreateClient(emulator.Endpoint, resilience, registry, "eu-west-1");
        var off = TestCredentials.FastResilience();
        off.MaxAttempts = 1;
        off.CircuitBreakerEnabled = false;
        using var breakerOff = CreateClient(emulator.Endpoint, off, registry, "us-east-1");

        emulator.Faults.ServerError("ListBackupPlans", times: 2);
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => first.ListBackupPlansAsync(new ListBackupPlansInput()));
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => first.ListBackupPlansAsync(new ListBackupPlansInput()));

        // The circuit of the endpoint and Region is open for every client of that pair, and says how to turn it off.
        var broken = await Assert.ThrowsAsync<BrokenCircuitException>(() => second.ListBackupPlansAsync(new ListBackupPlansInput()));
        Assert.Contains("ListBackupPlans", broken.Message, StringComparison.Ordinal);
        Assert.Contains("CircuitBreakerEnabled", broken.Message, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Faults.RequestCount("ListBackupPlans"));

        // Another Region has its own circuit; a client with the breaker off is never refused.
        await otherRegion.ListBackupPlansAsync(new ListBackupPlansInput());
        await breakerOff.ListBackupPlansAsync(new ListBackupPlansInput());
        Assert.Equal(4, emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task Http429_WithAnUnlistedCode_IsThrottling_AndRetried()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        emulator.Faults.Error("ListBackupPlans", "SomeFutureRateLimitException", 429, times: 2);

        await client.ListBackupPlansAsync(new ListBackupPlansInput());

        Assert.Equal(3, emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task CancellationDuringBackoff_SurfacesTheCallersToken()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        emulator.Faults.Throttle("ListBackupPlans", times: 1, retryAfter: TimeSpan.FromSeconds(4));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBackupPlansAsync(new ListBackupPlansInput(), cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(1, emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public async Task ExhaustedRetries_NameTheOperation_TheAttempts_AndTheLastError()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        emulator.Faults.ServerError("ListBackupVaults", times: 3);

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListBackupVaultsAsync(new ListBackupVaultsInput()));

        Assert.Equal("ListBackupVaults", error.Operation);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("ListBackupVaults failed after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceUnavailableException", error.Message, StringComparison.Ordinal);
    }

    private static BackupClient CreateClient(Uri endpoint, BackupResilienceOptions resilience, RetryQuotaRegistry registry, string region) =>
        new(new BackupClientOptions { ServiceUrl = endpoint, Region = region, Credentials = TestCredentials.Basic, Resilience = resilience }, null, null, registry);

    private static async Task<RunResult> RunCreatesAsync(BackupResilienceOptions resilience)
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = CreateClient(emulator.Endpoint, resilience, new RetryQuotaRegistry(), TestCredentials.Region);
        var planIds = new List<string>();
        for (var p = 0; p < PlansUsed; p++)
        {
            var plan = await client.CreateBackupPlanAsync(new CreateBackupPlanInput
            {
                BackupPlan = new BackupPlanInput { BackupPlanName = $"drops-{p}", Rules = [new BackupRuleInput { RuleName = "daily", TargetBackupVaultName = "Default" }] },
            });
            planIds.Add(plan.BackupPlanId!);
        }

        emulator.Faults.DropConnectionAfterCommitAtRate("CreateBackupSelection", DropRate, Seed);
        int failed = 0, brokenCircuit = 0;
        for (var i = 0; i < Calls; i++)
        {
            try
            {
                await client.CreateBackupSelectionAsync(new CreateBackupSelectionInput
                {
                    BackupPlanId = planIds[i % PlansUsed],
                    BackupSelection = new BackupSelection
                    {
                        SelectionName = $"s-{i}",
                        IamRoleArn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
                        Resources = [$"arn:aws:dynamodb:us-east-1:123456789012:table/t{i}"],
                    },
                });
            }
            catch (BrokenCircuitException)
            {
                failed++;
                brokenCircuit++;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or BackupServiceException)
            {
                failed++;
            }
        }

        var requests = emulator.Faults.RequestCount("CreateBackupSelection");
        emulator.Faults.Clear();
        var duplicates = 0;
        foreach (var planId in planIds)
        {
            var names = new List<string>();
            await foreach (var selection in client.PaginateListBackupSelections(new ListBackupSelectionsInput { BackupPlanId = planId }))
            {
                names.Add(selection.SelectionName!);
            }

            duplicates += names.Count - names.Distinct(StringComparer.Ordinal).Count();
        }

        return new RunResult(failed, brokenCircuit, requests, duplicates);
    }

    private sealed record RunResult(int Failed, int BrokenCircuit, int Requests, int Duplicates);
}
