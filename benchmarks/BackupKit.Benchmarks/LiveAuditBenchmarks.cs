using BackupKit.Audit;
using BackupKit.Building;
using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Wire;
using BenchmarkDotNet.Attributes;
using static BackupKit.Model.Retention;

namespace BackupKit.Benchmarks;

/// <summary>
/// Live evaluation (<see cref="LiveAudit"/>) of an emulated account with 1,000 tagged resources and a framework of 10
/// controls: a locked primary vault that denies manual deletion, a daily rule copied to a vault in another Region, two
/// emulated days of backups and copies (about 2,000 recovery points and 2,000 copy jobs). Each
/// invocation is one whole audit over HTTP to the in-process emulator; the number of AWS Backup calls it makes is
/// printed after each iteration ("live audit: N calls ..."). Goal: under 5 s. Why that number of calls is the minimum:
/// benchmarks/README.md.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoring.ThreeIterations))]
public class LiveAuditBenchmarks
{
    private const int Resources = 1000;
    private const string DrVaultArn = "arn:aws:backup:us-west-2:000000000000:backup-vault:dr";

    private readonly ManualClock _clock = new(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private TwoRegionAccount _account = null!;
    private BackupPosture _posture = null!;
    private List<InventoryResource> _inventory = null!;
    private AuditReport? _last;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _account = await TwoRegionAccount.StartAsync(_clock);

        _inventory = _account.AddResources(Resources, i => new Dictionary<string, string> { ["backup"] = "daily", ["team"] = $"team-{i % 10}" }, static _ => 1L << 30)
            .ConvertAll(r => new InventoryResource(r.Arn, r.Tags));

        await new PostureApplier(_account.West, timeProvider: _clock).ApplyAsync(BackupPosture.Create().AddVault("dr", v => v.Lock(l => l.Governance().MinRetention(Days(7)))).Build());
        _posture = BackupPosture.Create()
            .AddVault("primary", v => v
                .Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400)))
                .WithAccessPolicy(VaultAccessPolicies.DenyRecoveryPointDeletion()))
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)).CopyTo(DrVaultArn, c => c.DeleteAfter(Days(35))))
                .Select("tagged", s => s.WhereTag("backup", "daily")))
            .AddFramework("prod_audit", f => f
                .Require(AuditControl.ResourcesProtectedByBackupPlan())
                .Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromDays(1), Days(35)))
                .Require(AuditControl.RecoveryPointMinimumRetention(Days(35)))
                .Require(AuditControl.RecoveryPointEncrypted())
                .Require(AuditControl.RecoveryPointManualDeletionDisabled())
                .Require(AuditControl.ResourcesProtectedByCrossRegion("us-west-2"))
                .Require(AuditControl.ResourcesProtectedByVaultLock(Days(7), Days(400)))
                .Require(AuditControl.LastRecoveryPointCreated(TimeSpan.FromDays(1)))
                .Require(AuditControl.RestoreTimeMeetsTarget(TimeSpan.FromHours(12)))
                .Require(AuditControl.LastRecoveryPointCreated(TimeSpan.FromHours(30)).ForResourceTypes("DynamoDB", "RDS")))
            .Build();
        await new PostureApplier(_account.East, timeProvider: _clock).ApplyAsync(_posture);

        // Two emulated days: the 05:00 runs back up every resource and copy each recovery point to us-west-2.
        for (var hour = 0; hour < 48; hour++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            await _account.East.DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = "primary" });
            await _account.West.DescribeBackupVaultAsync(new DescribeBackupVaultInput { BackupVaultName = "dr" });
        }

        var report = await AuditAsync();
        Console.WriteLine($"// set-up: {report.Resources.Count} resources audited; {Describe(report)}");
        if (report.Resources.Count < Resources)
        {
            throw new InvalidOperationException($"The audit saw {report.Resources.Count} resources; the set-up declares {Resources}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _account.DisposeAsync();
    }

    [IterationCleanup]
    public void ReportCalls()
    {
        if (_last is { } report)
        {
            Console.WriteLine($"// live audit: {Describe(report)}");
        }
    }

    [Benchmark(Description = "Live audit: 1,000 resources, 10 controls, in-process emulator")]
    public async Task<int> LiveAudit1000Resources10Controls()
    {
        _last = await AuditAsync();
        return _last.ApiCalls;
    }

    private Task<AuditReport> AuditAsync() => new LiveAudit(_account.East, timeProvider: _clock).EvaluateAsync(_posture, _inventory);

    private static string Describe(AuditReport report) =>
        $"{report.ApiCalls} calls ({string.Join(", ", report.ApiCallsByOperation.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"))}), " +
        $"{report.Controls.Count} controls, {report.Findings.Count()} findings";
}
