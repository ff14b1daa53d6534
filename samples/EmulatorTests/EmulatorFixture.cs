using Amazon.Runtime;
using BackupKit.Local;
using BackupKit.Wire;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Samples.EmulatorTests;

/// <summary>
/// One in-process emulator per test, on a clock the test moves: a day of scheduled backups takes milliseconds.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string Region = "us-east-1";

    public const string Account = "000000000000";

    /// <summary>The emulator's clock; <c>Clock.Advance(TimeSpan.FromDays(1))</c> lets a day of schedules happen.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));

    public BackupEmulator Emulator { get; private set; } = null!;

    public BackupClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { TimeProvider = Clock });
        Client = new BackupClient(
            new BackupClientOptions { ServiceUrl = Emulator.Endpoint, Region = Region, Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "example-secret") },
            null,
            new SigningClock(Clock),
            null);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>Signs with the emulator's time (it refuses signatures 15 minutes off its clock); timeouts stay on real time.</summary>
    private sealed class SigningClock(TimeProvider emulatorClock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => emulatorClock.GetUtcNow();
    }
}
