using BackupKit.Local;
using Microsoft.Extensions.Time.Testing;

namespace BackupKit.Conformance.Infrastructure;

/// <summary>
/// One BackupKit.Local emulator per test class, on a controllable clock, with the environment the flows of the
/// official clients read (endpoint, test credentials, Region, account id, clock endpoint). This fixture prepares the
/// JavaScript SDK; <see cref="PythonEmulatorFixture"/> and <see cref="AwsCliEmulatorFixture"/> prepare boto3 and the AWS CLI.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    private ClockServer? _clockServer;
    private BackupEmulator? _emulator;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public BackupEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>
    /// Environment variables for the client processes (node, python, aws): the official SDKs and the CLI read
    /// credentials and Region from them (the JS SDK reads AWS_REGION, botocore and the CLI AWS_DEFAULT_REGION).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ClientEnvironment => new Dictionary<string, string?>
    {
        ["BACKUPKIT_ENDPOINT"] = Emulator.Endpoint.ToString(),
        ["BACKUPKIT_ACCOUNT_ID"] = TestCredentials.AccountId,
        ["BACKUPKIT_CLOCK_ENDPOINT"] = _clockServer!.BaseAddress.ToString(),
        ["AWS_ACCESS_KEY_ID"] = TestCredentials.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = TestCredentials.SecretAccessKey,
        ["AWS_REGION"] = TestCredentials.Region,
        ["AWS_DEFAULT_REGION"] = TestCredentials.Region,
    };

    public async Task InitializeAsync()
    {
        // Prepare the client (npm ci, a package install) while the emulator starts.
        var install = PrepareClientAsync();
        var options = new BackupEmulatorOptions { TimeProvider = Clock };
        options.AccountsByAccessKey[TestCredentials.AccessKeyId] = TestCredentials.AccountId;

        // The flows' own account manages the emulated organization (UpdateGlobalSettings, job summaries of other accounts).
        options.OrganizationManagementAccountId = TestCredentials.AccountId;
        if (VerifySignatures)
        {
            options.SecretsByAccessKey[TestCredentials.AccessKeyId] = TestCredentials.SecretAccessKey;
        }

        _emulator = await BackupEmulator.StartAsync(options);
        _clockServer = new ClockServer(Clock);
        await install;
    }

    /// <summary>
    /// Whether the emulator verifies the SigV4 signatures of the test key (with its secret), so that every flow also
    /// proves the client's signing matches what the emulator computes.
    /// </summary>
    protected virtual bool VerifySignatures => false;

    /// <summary>Makes the official client the flows of this fixture use available (the JavaScript SDK here).</summary>
    protected virtual Task PrepareClientAsync() => JsProject.EnsureInstalledAsync();

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
