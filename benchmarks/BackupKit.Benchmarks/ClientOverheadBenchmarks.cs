using System.Text.Json;
using Amazon.Runtime;
using BackupKit.Resilience;
using BackupKit.Telemetry;
using BackupKit.Wire;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace BackupKit.Benchmarks;

/// <summary>
/// The client's own work per call, without a network: writing and signing a request (GetBackupPlan, no body;
/// CreateBackupPlan, JSON body with an idempotency token) and reading a GetBackupPlan answer (two rules). Costs and
/// allocations here are independent of loopback noise, so they show what each change to the client buys. The two
/// resilience benchmarks run one successful attempt that completes at once: through the client's fast path (circuit
/// state check, pooled attempt timeout, outcome recorded in the circuit breaker) and through the one four-strategy Polly pipeline it replaced (total timeout,
/// retry, circuit breaker, attempt timeout, same options).
/// </summary>
[MemoryDiagnoser]
public class ClientOverheadBenchmarks
{
    private BackupClient _client = null!;
    private ImmutableCredentials _credentials = null!;
    private GetBackupPlanInput _get = null!;
    private CreateBackupPlanInput _create = null!;
    private byte[] _getOutputBody = null!;
    private BackupResiliencePipeline _resilience = null!;
    private ResiliencePipeline<AttemptResult> _fullPipeline = null!;
    private AttemptResult _success = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = LoopbackFixture.CreateClient(new Uri("http://127.0.0.1:4566"));
        _credentials = LoopbackFixture.Credentials.GetCredentials();
        _get = new GetBackupPlanInput { BackupPlanId = "8d6ae1a3-5f2e-4c55-9b1f-6b1c2f2f2a11" };
        _create = new CreateBackupPlanInput
        {
            BackupPlan = new BackupPlanInput
            {
                BackupPlanName = "bench",
                Rules =
                [
                    new BackupRuleInput { RuleName = "daily", TargetBackupVaultName = "bench-vault", ScheduleExpression = "cron(0 5 ? * * *)", Lifecycle = new Lifecycle { DeleteAfterDays = 35 } },
                    new BackupRuleInput { RuleName = "monthly", TargetBackupVaultName = "bench-vault", ScheduleExpression = "cron(0 5 1 * ? *)", Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 30, DeleteAfterDays = 365 } },
                ],
            },
        };

        var created = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        var output = new GetBackupPlanOutput
        {
            BackupPlanId = _get.BackupPlanId,
            BackupPlanArn = "arn:aws:backup:us-east-1:000000000000:backup-plan:" + _get.BackupPlanId,
            VersionId = "ZjQ2ZTI5YjktNzQ0Yi00ZTRjLWI2NzYtMmUyMWY0MzA0ZDg3",
            CreatorRequestId = "0f5f5c1e-5a3f-4f43-9c43-b0d1f2a3c4d5",
            CreationDate = created,
            BackupPlan = new BackupPlan
            {
                BackupPlanName = "bench",
                Rules =
                [
                    new BackupRule { RuleName = "daily", RuleId = "1f2e3d4c-0000-4000-8000-000000000001", TargetBackupVaultName = "bench-vault", ScheduleExpression = "cron(0 5 ? * * *)", StartWindowMinutes = 480, CompletionWindowMinutes = 10080, Lifecycle = new Lifecycle { DeleteAfterDays = 35 } },
                    new BackupRule { RuleName = "monthly", RuleId = "1f2e3d4c-0000-4000-8000-000000000002", TargetBackupVaultName = "bench-vault", ScheduleExpression = "cron(0 5 1 * ? *)", StartWindowMinutes = 480, CompletionWindowMinutes = 10080, Lifecycle = new Lifecycle { MoveToColdStorageAfterDays = 30, DeleteAfterDays = 365 } },
                ],
            },
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            // The emulator's response writer (BackupKit.Local's server half) makes the body the client parses.
            BackupKit.Local.Protocol.ServerOperations.GetBackupPlan.WriteOutput(output, writer);
        }

        _getOutputBody = stream.ToArray();

        var options = new BackupResilienceOptions();
        _resilience = new BackupResiliencePipeline(
            options, new RetryQuota(options.RetryQuotaCapacity), circuit: null, TimeProvider.System, NullLogger.Instance, BackupKitMetrics.Shared, "bench");
        _fullPipeline = new ResiliencePipelineBuilder<AttemptResult>()
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<AttemptResult> { MaxRetryAttempts = options.MaxAttempts - 1, ShouldHandle = static _ => new ValueTask<bool>(false) })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = static args => new ValueTask<bool>(RetryClassifier.IsEndpointFailure(args.Outcome, args.Context.CancellationToken)),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
        _success = AttemptResult.Success(200, "request-id", new GetBackupPlanOutput());
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark]
    public HttpRequestMessage BuildAndSignGetBackupPlan()
    {
        var request = _client.CreateFirstAttemptRequest(BackupOperations.GetBackupPlan, _get, _credentials);
        request.Dispose();
        return request;
    }

    [Benchmark]
    public HttpRequestMessage BuildAndSignCreateBackupPlan()
    {
        var request = _client.CreateFirstAttemptRequest(BackupOperations.CreateBackupPlan, _create, _credentials);
        request.Dispose();
        return request;
    }

    [Benchmark]
    public async Task<int> ResilienceFastPath()
    {
        var context = ResilienceContextPool.Shared.Get("GetBackupPlan", CancellationToken.None);
        var outcome = Outcome.FromResult(_success);

        // The breaker now sees whole calls, after retries: a first attempt that succeeds needs its timeout and the
        // decision not to enter the retry pipeline.
        var cancellation = AttemptCancellation.Start(context.CancellationToken, _resilience.AttemptTimeout, TimeProvider.System);
        cancellation.Dispose();
        if (_resilience.ShouldEnterRetries(outcome, context.CancellationToken))
        {
            throw new InvalidOperationException("A successful first attempt must not enter the retry pipeline.");
        }

        await Task.CompletedTask.ConfigureAwait(false);
        ResilienceContextPool.Shared.Return(context);
        return outcome.Result!.StatusCode;
    }

    [Benchmark]
    public async Task<int> ResilienceFullPipeline()
    {
        var context = ResilienceContextPool.Shared.Get("GetBackupPlan", CancellationToken.None);
        var outcome = await _fullPipeline.ExecuteOutcomeAsync(
            static (_, state) => new ValueTask<Outcome<AttemptResult>>(Outcome.FromResult(state._success)), context, this).ConfigureAwait(false);
        ResilienceContextPool.Shared.Return(context);
        return outcome.Result!.StatusCode;
    }

    [Benchmark]
    public GetBackupPlanOutput ParseGetBackupPlanOutput() =>
        BackupClient.ParseOutput(BackupOperations.GetBackupPlan, _getOutputBody, _getOutputBody.Length);
}
