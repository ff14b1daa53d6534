using BackupKit.Local;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Conformance.Infrastructure;

/// <summary>
/// One BackupKit.Local emulator per test class, on a controllable clock, with the environment the JavaScript flows
/// read (endpoint, test credentials, Region, account id, clock endpoint).
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private ClockServer? _clockServer;
    private BackupEmulator? _emulator;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public BackupEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>Environment variables for node: the official SDK reads credentials and Region from them.</summary>
    public IReadOnlyDictionary<string, string?> NodeEnvironment => new Dictionary<string, string?>
    {
        ["BACKUPKIT_ENDPOINT"] = Emulator.Endpoint.ToString(),
        ["BACKUPKIT_ACCOUNT_ID"] = TestCredentials.AccountId,
        ["BACKUPKIT_CLOCK_ENDPOINT"] = _clockServer!.BaseAddress.ToString(),
        ["AWS_ACCESS_KEY_ID"] = TestCredentials.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = TestCredentials.SecretAccessKey,
        ["AWS_REGION"] = TestCredentials.Region,
    };

    public async Task InitializeAsync()
    {
        // Start npm ci (if needed) while the emulator starts.
        var install = JsProject.EnsureInstalledAsync();
        var options = new BackupEmulatorOptions { TimeProvider = Clock };
        options.AccountsByAccessKey[TestCredentials.AccessKeyId] = TestCredentials.AccountId;
        _emulator = await BackupEmulator.StartAsync(options);
        _clockServer = new ClockServer(Clock);
        await install;
    }

    public async Task DisposeAsync()
    {
        if (_clockServer is not null)
        {
            await _clockServer.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
