using Amazon.Runtime;
using BackupKit.Local;
using BackupKit.Verification;
using BackupKit.Wire;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Benchmarks;

/// <summary>
/// A restore drill over 1,000 resources (400 DynamoDB tables, 300 RDS instances, 300 EBS volumes) against the embedded
/// emulator over HTTP, in emulated time, with the default bounded concurrency: preflight, restore, poll, validate,
/// clean up. Goal: under 60 s on the 2-core machine, and allocations that do not grow from one drill to the next.
/// One drill per iteration (RunStrategy.Monitoring).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoring.ThreeIterations))]
public class RestoreDrillBenchmarks
{
    private const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";

    private FakeTimeProvider _clock = null!;
    private BackupEmulator _emulator = null!;
    private BackupClient _client = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        _emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = _clock });
        _client = new BackupClient(
            new BackupClientOptions { ServiceUrl = _emulator.Endpoint, Region = "us-east-1", Credentials = new BasicAWSCredentials("AKIDBENCH", "bench-secret") },
            null,
            new SigningClock(_clock),
            null);
        await _client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = "primary" });
        var arns = new List<string>(1000);
        for (var i = 0; i < 1000; i++)
        {
            arns.Add(i switch
            {
                < 400 => $"arn:aws:dynamodb:us-east-1:000000000000:table/table-{i:0000}",
                < 700 => $"arn:aws:rds:us-east-1:000000000000:db:db-{i:0000}",
                _ => $"arn:aws:ec2:us-east-1:000000000000:volume/vol-{i:x17}",
            });
        }

        foreach (var arn in arns)
        {
            _emulator.Inventory.Add(arn);
        }

        await Parallel.ForEachAsync(arns, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (arn, ct) =>
            await _client.StartBackupJobAsync(
                new StartBackupJobInput { BackupVaultName = "primary", ResourceArn = arn, IamRoleArn = Role, IdempotencyToken = arn, Lifecycle = new Lifecycle { DeleteAfterDays = 3650 } },
                ct));
        _clock.Advance(TimeSpan.FromHours(1));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> Drill_over_1000_resources()
    {
        await using var pauses = new VirtualPauses(_clock);
        var options = new RestoreDrillOptions
        {
            Name = "bench",
            Source = new RecoveryPointSource(pauses.Track(_client), "primary"),
            IamRoleArn = Role,
        };
        options.Resources.Add(DrillResourceSelector.Type("DynamoDB"));
        options.Resources.Add(DrillResourceSelector.Type("RDS"));
        options.Resources.Add(DrillResourceSelector.Type("EBS"));
        options.Polling.Delay = pauses.PauseAsync;
        options.Validators.Add(RestoreValidatorRegistration.Create("content", ResourceScope.All, (context, _) =>
            ValueTask.FromResult(_emulator.Inventory.Find(context.RestoredResourceArn)?.Content == _emulator.Inventory.ContentOf(context.RecoveryPointArn)
                ? RestoreValidationResult.Pass("content matches")
                : RestoreValidationResult.Fail("content differs"))));
        var cleanup = RestoredResourceCleanupResult.From((resource, _) =>
            ValueTask.FromResult(_emulator.Inventory.Remove(resource.RestoredResourceArn) ? RestoredResourceCleanupResult.Done() : RestoredResourceCleanupResult.Failed("not found")));
        foreach (var type in new[] { "DynamoDB", "RDS", "EBS" })
        {
            options.Cleanups[type] = cleanup;
        }

        var report = await new RestoreDrillRunner(timeProvider: _clock).RunAsync(options);
        if (report.PassedCount != 1000)
        {
            throw new InvalidOperationException($"Expected 1,000 resources to pass, got {report}: {string.Join("; ", report.Resources.Where(r => r.Outcome != ResourceOutcome.Passed).Take(3).SelectMany(r => r.Failures))}");
        }

        return report.PassedCount;
    }

    /// <summary>Signs with the emulator's time; the client's timeouts stay on real time.</summary>
    private sealed class SigningClock(TimeProvider emulatorClock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => emulatorClock.GetUtcNow();
    }
}
