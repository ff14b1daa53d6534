using BackupKit.Local;
using BackupKit.Resilience;
using BackupKit.Tests.Client;
using BackupKit.Verification;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Tests.Verification;

/// <summary>
/// An emulator on a fake clock with protected resources backed up: what the drill tests restore. Restore jobs are
/// polled through <see cref="PollingDelay"/>, which moves the emulator clock instead of sleeping.
/// </summary>
internal sealed class DrillWorld : IAsyncDisposable
{
    public const string Role = "arn:aws:iam::000000000000:role/service-role/AWSBackupDefaultServiceRole";
    public const string Table = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    public const string Database = "arn:aws:rds:us-east-1:000000000000:db:billing";
    public const string Volume = "arn:aws:ec2:us-east-1:000000000000:volume/vol-0a1b2c3d4e5f60718";
    public const string Vault = "primary";

    private readonly List<BackupClient> _clients = [];
    private readonly Lock _gate = new();

    private DrillWorld(FakeTimeProvider clock, BackupEmulator emulator)
    {
        Clock = clock;
        Emulator = emulator;
        Client = ClientFor("us-east-1");
    }

    public FakeTimeProvider Clock { get; }

    public BackupEmulator Emulator { get; }

    public BackupClient Client { get; }

    public static async Task<DrillWorld> StartAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = clock });
        return new DrillWorld(clock, emulator);
    }

    public BackupClient ClientFor(string region)
    {
        var client = new BackupClient(
            new BackupClientOptions { ServiceUrl = Emulator.Endpoint, Region = region, Credentials = TestCredentials.Basic, Resilience = TestCredentials.FastResilience() },
            null,
            new SigningClock(Clock),
            new RetryQuotaRegistry());
        _clients.Add(client);
        return client;
    }

    /// <summary>The pause between polls: the emulator clock moves on to its end, nothing sleeps.</summary>
    public Task PollingDelay(RestorePollPause pause, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (Clock.GetUtcNow() < pause.Until)
            {
                Clock.SetUtcNow(pause.Until);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds the three resources (DynamoDB, RDS, EBS) and backs each up once into <see cref="Vault"/>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ProtectThreeAsync()
    {
        Emulator.Inventory.Add(Table, new Dictionary<string, string> { ["tier"] = "gold" }, content: new ResourceContent(52_000, "orders-v1"));
        Emulator.Inventory.Add(Database, new Dictionary<string, string> { ["tier"] = "gold" }, content: new ResourceContent(8_100, "billing-v1"));
        Emulator.Inventory.Add(Volume, new Dictionary<string, string> { ["tier"] = "silver" }, content: new ResourceContent(1, "volume-v1"));
        await Client.CreateBackupVaultAsync(new CreateBackupVaultInput { BackupVaultName = Vault });
        return await BackUpAsync(Client, Vault, Table, Database, Volume);
    }

    /// <summary>Starts a backup job per resource and moves the clock until each recovery point is COMPLETED.</summary>
    public async Task<IReadOnlyDictionary<string, string>> BackUpAsync(IBackupClient client, string vault, params string[] resourceArns)
    {
        var jobs = new List<string>();
        foreach (var arn in resourceArns)
        {
            var job = await client.StartBackupJobAsync(new StartBackupJobInput
            {
                BackupVaultName = vault,
                ResourceArn = arn,
                IamRoleArn = Role,
                IdempotencyToken = Guid.NewGuid().ToString("N"),
                Lifecycle = new Lifecycle { DeleteAfterDays = 35 },
            });
            jobs.Add(job.BackupJobId!);
        }

        Clock.Advance(TimeSpan.FromMinutes(30));
        var points = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in jobs)
        {
            var job = await client.DescribeBackupJobAsync(new DescribeBackupJobInput { BackupJobId = id });
            Assert.Equal(BackupJobState.COMPLETED, job.State);
            points[job.ResourceArn!] = job.RecoveryPointArn!;
        }

        return points;
    }

    /// <summary>Drill options over the source, with emulator-driven polling, the content validator and inventory clean-ups.</summary>
    public RestoreDrillOptions Options(IBackupClient? client = null, string vault = Vault)
    {
        var options = new RestoreDrillOptions
        {
            Name = "nightly",
            Source = new RecoveryPointSource(client ?? Client, vault),
            IamRoleArn = Role,
        };
        options.Polling.InitialInterval = TimeSpan.FromMinutes(1);
        options.Polling.Delay = PollingDelay;
        options.Validators.Add(ContentValidator());
        foreach (var type in new[] { "DynamoDB", "RDS", "EBS" })
        {
            options.Cleanups[type] = InventoryCleanup();
        }

        return options;
    }

    /// <summary>
    /// Compares the restored resource's data fingerprint with the recovery point's, as a real validator compares item
    /// counts and checksums of sampled keys.
    /// </summary>
    public RestoreValidatorRegistration ContentValidator(string name = "content-matches") =>
        RestoreValidatorRegistration.Create(name, ResourceScope.All, (context, _) =>
        {
            var restored = Emulator.Inventory.Find(context.RestoredResourceArn);
            var expected = Emulator.Inventory.ContentOf(context.RecoveryPointArn);
            if (restored is null || expected is null)
            {
                return ValueTask.FromResult(RestoreValidationResult.Fail($"restored resource {context.RestoredResourceArn} or its recovery point content is missing"));
            }

            var measurements = new Dictionary<string, double> { ["itemCount"] = restored.Content.ItemCount, ["expectedItemCount"] = expected.ItemCount };
            return ValueTask.FromResult(restored.Content == expected
                ? RestoreValidationResult.Pass($"{restored.Content.ItemCount} items, checksum matches", measurements)
                : RestoreValidationResult.Fail($"checksum {restored.Content.Checksum} differs from the backup's {expected.Checksum} ({restored.Content.ItemCount} of {expected.ItemCount} items)", measurements));
        });

    public IRestoredResourceCleanup InventoryCleanup() => RestoredResourceCleanupResult.From((resource, _) =>
        ValueTask.FromResult(Emulator.Inventory.Remove(resource.RestoredResourceArn)
            ? RestoredResourceCleanupResult.Done("deleted")
            : RestoredResourceCleanupResult.Failed($"{resource.RestoredResourceArn} was not found")));

    public async Task<List<RestoreJobsListMember>> RestoreJobsAsync(IBackupClient? client = null)
    {
        var jobs = new List<RestoreJobsListMember>();
        await foreach (var job in (client ?? Client).PaginateListRestoreJobs(new ListRestoreJobsInput()))
        {
            jobs.Add(job);
        }

        return jobs;
    }

    /// <summary>
    /// Signs with the emulator's time (the emulator refuses signatures 15 minutes away from its clock) while the
    /// client's own timeouts run on real time, so that moving the emulator clock by hours never times a call out.
    /// </summary>
    private sealed class SigningClock(TimeProvider emulatorClock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => emulatorClock.GetUtcNow();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Emulator.DisposeAsync();
    }
}
