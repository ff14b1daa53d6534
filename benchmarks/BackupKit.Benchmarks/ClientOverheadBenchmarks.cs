using System.Text.Json;
using Amazon.Runtime;
using BackupKit.Wire;
using BenchmarkDotNet.Attributes;

namespace BackupKit.Benchmarks;

/// <summary>
/// The client's own work per call, without a network: writing and signing a request (GetBackupPlan, no body;
/// CreateBackupPlan, JSON body with an idempotency token) and reading a GetBackupPlan answer (two rules). Costs and
/// allocations here are independent of loopback noise, so they show what each change to the client buys.
/// </summary>
[MemoryDiagnoser]
public class ClientOverheadBenchmarks
{
    private BackupClient _client = null!;
    private ImmutableCredentials _credentials = null!;
    private GetBackupPlanInput _get = null!;
    private CreateBackupPlanInput _create = null!;
    private byte[] _getOutputBody = null!;

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
            BackupOperations.GetBackupPlan.WriteOutput(output, writer);
        }

        _getOutputBody = stream.ToArray();
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
    public GetBackupPlanOutput ParseGetBackupPlanOutput() =>
        BackupClient.ParseOutput(BackupOperations.GetBackupPlan, _getOutputBody, _getOutputBody.Length);
}
