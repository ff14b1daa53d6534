using BackupKit.Local;
using BackupKit.Model;
using BackupKit.Reconcile;
using BackupKit.Wire;
using BenchmarkDotNet.Attributes;
using static BackupKit.Model.Retention;

namespace BackupKit.Benchmarks;

/// <summary>
/// The second apply of a posture of 1,020 objects (204 locked vaults, 204 plans, 612 selections) that is already in
/// place: it writes nothing and only reads. Measured one read at a time and with the default 4 reads at once
/// (<see cref="PostureApplyOptions.MaxConcurrentReads"/>), against the in-process emulator answering at once and with
/// every read delayed by a round trip of 10 ms, as an AWS Region is from a host in it. The reads per apply are
/// printed after each iteration ("reads: N").
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoring.ThreeIterations))]
public class ReconcileBenchmarks
{
    private static readonly string[] Reads =
    [
        "DescribeBackupVault", "GetBackupVaultAccessPolicy", "GetBackupVaultNotifications", "ListTags",
        "ListBackupPlans", "GetBackupPlan", "ListBackupSelections", "GetBackupSelection",
    ];

    private BackupEmulator _emulator = null!;
    private BackupClient _client = null!;
    private BackupPosture _posture = null!;
    private int _readsBefore;

    /// <summary>Gets or sets how many reads run at once.</summary>
    [Params(1, 4)]
    public int MaxConcurrentReads { get; set; }

    /// <summary>Gets or sets the emulated round trip of every read, in milliseconds.</summary>
    [Params(0, 10)]
    public int RoundTripMilliseconds { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await BackupEmulator.StartAsync();
        _client = new BackupClient(new BackupClientOptions { ServiceUrl = _emulator.Endpoint, Region = "us-east-1", Credentials = LoopbackFixture.Credentials });
        var builder = BackupPosture.Create();
        for (var i = 0; i < 204; i++)
        {
            var vault = $"vault-{i:D3}";
            builder = builder
                .AddVault(vault, v => v.Lock(l => l.Governance().MinRetention(Days(7))))
                .AddPlan($"plan-{i:D3}", p => p
                    .AddRule("daily", r => r.Daily().InVault(vault).DeleteAfter(Days(35)))
                    .Select("by-tag", s => s.WhereTag("backup", vault))
                    .Select("by-arn", s => s.Include($"arn:aws:dynamodb:us-east-1:000000000000:table/{vault}-*"))
                    .Select("by-condition", s => s.Include("*").RequireTag("app", vault)));
        }

        _posture = builder.Build();
        await new PostureApplier(_client).ApplyAsync(_posture);
        if (RoundTripMilliseconds > 0)
        {
            foreach (var operation in Reads)
            {
                _emulator.Faults.Latency(operation, TimeSpan.FromMilliseconds(RoundTripMilliseconds));
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [IterationSetup]
    public void CountReads() => _readsBefore = Reads.Sum(_emulator.Faults.RequestCount);

    [IterationCleanup]
    public void ReportReads() => Console.WriteLine($"// reads: {Reads.Sum(_emulator.Faults.RequestCount) - _readsBefore}");

    [Benchmark(Description = "Second apply of 1,020 objects (reads only)")]
    public async Task<int> SecondApply()
    {
        var result = await new PostureApplier(_client, new PostureApplyOptions { MaxConcurrentReads = MaxConcurrentReads }).ApplyAsync(_posture);
        if (result.Created.Count + result.Updated.Count + result.Deleted.Count != 0)
        {
            throw new InvalidOperationException("The second apply wrote; the benchmark measures a posture that is already in place.");
        }

        return result.Unchanged.Count;
    }

}
