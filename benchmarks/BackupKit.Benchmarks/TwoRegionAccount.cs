using BackupKit.Local;
using BackupKit.Wire;

namespace BackupKit.Benchmarks;

/// <summary>
/// The set-up the emulated-day and live-audit benchmarks share: one emulator on a manual clock, a client for us-east-1
/// (the protected Region) and one for us-west-2 (where copies land), and an inventory of resources of four types.
/// </summary>
internal sealed class TwoRegionAccount : IAsyncDisposable
{
    private TwoRegionAccount(BackupEmulator emulator, BackupClient east, BackupClient west)
    {
        Emulator = emulator;
        East = east;
        West = west;
    }

    public BackupEmulator Emulator { get; }

    public BackupClient East { get; }

    public BackupClient West { get; }

    public static async Task<TwoRegionAccount> StartAsync(TimeProvider clock)
    {
        var emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = clock });
        var east = new BackupClient(new BackupClientOptions { ServiceUrl = emulator.Endpoint, Region = "us-east-1", Credentials = LoopbackFixture.Credentials }, null, clock);
        var west = new BackupClient(new BackupClientOptions { ServiceUrl = emulator.Endpoint, Region = "us-west-2", Credentials = LoopbackFixture.Credentials }, null, clock);
        return new TwoRegionAccount(emulator, east, west);
    }

    /// <summary>The ARN of resource <paramref name="i"/>: DynamoDB tables, EBS volumes, RDS databases and S3 buckets in turn.</summary>
    public static string ResourceArn(int i) => (i % 4) switch
    {
        0 => $"arn:aws:dynamodb:us-east-1:000000000000:table/table-{i:D4}",
        1 => $"arn:aws:ec2:us-east-1:000000000000:volume/vol-{i:D17}",
        2 => $"arn:aws:rds:us-east-1:000000000000:db:db-{i:D4}",
        _ => $"arn:aws:s3:::bucket-{i:D4}",
    };

    /// <summary>Adds <paramref name="count"/> resources to the emulator's inventory and returns their ARNs and tags.</summary>
    public List<(string Arn, Dictionary<string, string> Tags)> AddResources(int count, Func<int, Dictionary<string, string>> tagsOf, Func<int, long> sizeOf)
    {
        var added = new List<(string, Dictionary<string, string>)>(count);
        for (var i = 0; i < count; i++)
        {
            var arn = ResourceArn(i);
            var tags = tagsOf(i);
            Emulator.Inventory.Add(arn, tags, sizeInBytes: sizeOf(i), content: new ResourceContent(i, $"c{i}"));
            added.Add((arn, tags));
        }

        return added;
    }

    public async ValueTask DisposeAsync()
    {
        East.Dispose();
        West.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A clock the benchmarks move by hand, shared by the emulator and the clients.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
