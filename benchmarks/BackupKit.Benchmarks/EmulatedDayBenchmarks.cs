using BackupKit.Local;
using BackupKit.Wire;
using BenchmarkDotNet.Attributes;

namespace BackupKit.Benchmarks;

/// <summary>
/// One emulated day of an account with 1,000 tagged resources, 3 backup plans and a restore testing plan: the daily,
/// twice-daily and nightly runs start their backup jobs, the daily plan copies every backup into a vault of another
/// Region, recovery points expire by their lifecycle (7, 3 and 14 days), the restore testing plan restores the latest
/// recovery point of each of the 250 prod tables at 08:00 (40 at a time, the DynamoDB cap), a validator puts a result
/// for each at noon and the restored tables are deleted, 50 resources change their data, and a client looks at both
/// vaults every emulated hour (which is what makes the lazy emulator catch up). Set-up runs 35 emulated days first, so retention and
/// the 30-day job history are at steady state; each iteration is one more day. Goal: under 10 s per day, and a managed
/// heap that stays flat from day to day (printed after each iteration as "day N: heap ...").
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoring.FiveIterations))]
public class EmulatedDayBenchmarks
{
    private const int Resources = 1000;
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private TwoRegionAccount _account = null!;
    private string[] _arns = null!;
    private string _restoreTestingPlanArn = null!;
    private int _day;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _account = await TwoRegionAccount.StartAsync(_clock);
        await _account.East.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "primary" });
        var replica = await _account.West.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "replica" });

        _arns = [.. _account.AddResources(Resources, i => new Dictionary<string, string> { ["backup"] = "daily", ["env"] = i % 2 == 0 ? "prod" : "dev", ["team"] = $"team-{i % 10}" }, static i => (1L + (i % 20)) << 30).Select(r => r.Arn)];

        await PlanAsync("daily-with-copy", new BackupRuleInput
        {
            RuleName = "daily",
            TargetBackupVaultName = "primary",
            ScheduleExpression = "cron(0 5 ? * * *)",
            Lifecycle = new Lifecycle { DeleteAfterDays = 7 },
            CopyActions = [new CopyAction { DestinationBackupVaultArn = replica.BackupVaultArn, Lifecycle = new Lifecycle { DeleteAfterDays = 7 } }],
        }, new BackupSelection
        {
            SelectionName = "tagged",
            IamRoleArn = Role,
            ListOfTags = [new Condition { ConditionType = ConditionType.STRINGEQUALS, ConditionKey = "backup", ConditionValue = "daily" }],
        });
        await PlanAsync("twice-daily-prod", new BackupRuleInput
        {
            RuleName = "twice",
            TargetBackupVaultName = "primary",
            ScheduleExpression = "cron(0 */12 ? * * *)",
            Lifecycle = new Lifecycle { DeleteAfterDays = 3 },
        }, new BackupSelection
        {
            SelectionName = "prod",
            IamRoleArn = Role,
            Resources = ["*"],
            Conditions = new Conditions { StringEquals = [new ConditionParameter { ConditionKey = "aws:ResourceTag/env", ConditionValue = "prod" }] },
        });
        await PlanAsync("nightly-tables", new BackupRuleInput
        {
            RuleName = "nightly",
            TargetBackupVaultName = "primary",
            ScheduleExpression = "cron(0 21 ? * * *)",
            Lifecycle = new Lifecycle { DeleteAfterDays = 14 },
        }, new BackupSelection
        {
            SelectionName = "tables",
            IamRoleArn = Role,
            Resources = ["arn:aws:dynamodb:*:*:table/*"],
            NotResources = ["arn:aws:dynamodb:*:*:table/table-09*"],
        });

        _restoreTestingPlanArn = (await _account.East.CreateRestoreTestingPlanAsync(new CreateRestoreTestingPlanInput
        {
            RestoreTestingPlan = new RestoreTestingPlanForCreate
            {
                RestoreTestingPlanName = "daily_prod_tables",
                ScheduleExpression = "cron(0 8 ? * * *)",
                StartWindowHours = 12,
                RecoveryPointSelection = new RestoreTestingRecoveryPointSelection
                {
                    Algorithm = RestoreTestingRecoveryPointSelectionAlgorithm.LATEST_WITHIN_WINDOW,
                    RecoveryPointTypes = [RestoreTestingRecoveryPointType.SNAPSHOT],
                    IncludeVaults = ["*"],
                    SelectionWindowDays = 2,
                },
            },
        })).RestoreTestingPlanArn!;
        await _account.East.CreateRestoreTestingSelectionAsync(new CreateRestoreTestingSelectionInput
        {
            RestoreTestingPlanName = "daily_prod_tables",
            RestoreTestingSelection = new RestoreTestingSelectionForCreate
            {
                RestoreTestingSelectionName = "prod_tables",
                ProtectedResourceType = "DynamoDB",
                IamRoleArn = Role,
                ProtectedResourceArns = ["*"],
                ProtectedResourceConditions = new ProtectedResourceConditions { StringEquals = [new KeyValue { Key = "env", Value = "prod" }] },
                ValidationWindowHours = 24,
            },
        });

        for (var day = 0; day < 35; day++)
        {
            await OneEmulatedDayAsync();
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _account.DisposeAsync();
    }

    [IterationCleanup]
    public void ReportHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Console.WriteLine($"// day {_day}: heap {GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0):F1} MiB");
    }

    [Benchmark(Description = "One emulated day: 1,000 tagged resources, 3 plans, copies, expiries, 250 restore tests")]
    public Task OneEmulatedDay() => OneEmulatedDayAsync();

    private async Task OneEmulatedDayAsync()
    {
        _day++;
        for (var hour = 0; hour < 24; hour++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            await _account.East.DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = "primary" });
            await _account.West.DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = "replica" });
            if (hour == 12)
            {
                for (var i = 0; i < 50; i++)
                {
                    var arn = _arns[((_day * 50) + i) % Resources];
                    _account.Emulator.Inventory.Change(arn, new ResourceContent(_day + i, $"d{_day}-{i}"));
                }

                await ValidateRestoreTestsAsync();
            }
        }

        var jobs = await _account.East.ListBackupJobsAsync(new ListBackupJobsInput { ByCreatedAfter = _clock.GetUtcNow().AddDays(-1), MaxResults = 1000 });
        if (jobs.BackupJobs is not { Count: > 0 })
        {
            throw new InvalidOperationException("The emulated day started no backup job.");
        }
    }

    /// <summary>Puts a validation result on each restore test of the day that completed (its restored table is then deleted).</summary>
    private async Task ValidateRestoreTestsAsync()
    {
        var validated = 0;
        var input = new ListRestoreJobsInput { ByRestoreTestingPlanArn = _restoreTestingPlanArn, ByStatus = RestoreJobStatus.COMPLETED, ByCreatedAfter = _clock.GetUtcNow().AddHours(-12) };
        await foreach (var job in _account.East.PaginateListRestoreJobs(input))
        {
            if (job.ValidationStatus is null)
            {
                await _account.East.PutRestoreValidationResultAsync(new PutRestoreValidationResultInput { RestoreJobId = job.RestoreJobId, ValidationStatus = RestoreValidationStatus.SUCCESSFUL });
                validated++;
            }
        }

        if (validated == 0)
        {
            throw new InvalidOperationException("The emulated day completed no restore test.");
        }
    }

    private async Task PlanAsync(string name, BackupRuleInput rule, BackupSelection selection)
    {
        var plan = await _account.East.CreateBackupPlanAsync(new CreateBackupPlanInput { BackupPlan = new BackupPlanInput { BackupPlanName = name, Rules = [rule] } });
        await _account.East.CreateBackupSelectionAsync(new CreateBackupSelectionInput { BackupPlanId = plan.BackupPlanId, BackupSelection = selection });
    }
}
