using System.Net;
using BackupKit.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupKit.Local;

/// <summary>
/// An emulator of the AWS Backup API on loopback (127.0.0.1): it keeps state in memory per account and region, answers
/// as AWS documents (status codes, <c>x-amzn-errortype</c>, error bodies), checks SigV4 <c>Authorization</c> headers,
/// and can inject faults. Start it in one line, point a client at <see cref="Endpoint"/>, and dispose it to stop.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await BackupEmulator.StartAsync();
/// // Use emulator.Endpoint as the service URL of an AWS Backup client.
/// </code>
/// </example>
public sealed class BackupEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Persistence.JournaledRequests? _journal;
    private int _disposed;

    private BackupEmulator(WebApplication app, Uri endpoint, FaultInjector faults, EmulatedInventory inventory, Persistence.JournaledRequests? journal)
    {
        _app = app;
        _journal = journal;
        Endpoint = endpoint;
        Faults = faults;
        Inventory = inventory;
    }

    /// <summary>The base address the emulator answers on, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Fault injection for resilience tests: throttling, server errors, latency, dropped connections, failed or corrupted restores.</summary>
    public FaultInjector Faults { get; }

    /// <summary>
    /// The emulated resources of every account and Region (DynamoDB tables, RDS instances, Aurora clusters, EBS volumes,
    /// EC2 instances, EFS and FSx file systems, S3 buckets) that backup plans select by ARN and tags.
    /// </summary>
    public EmulatedInventory Inventory { get; }

    /// <summary>Starts the emulator on 127.0.0.1 and returns once it accepts requests.</summary>
    /// <param name="options">Port, clock, accounts and logging; defaults when null (free port, system clock).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is invalid (port out of range, account id not 12 digits).</exception>
    /// <exception cref="IOException">The port is already in use.</exception>
    public static async Task<BackupEmulator> StartAsync(BackupEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BackupEmulatorOptions();
        Validate(options);

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(BackupEmulator).Assembly.GetName().Name });
        builder.Services.AddSingleton<ILoggerFactory>(new FrameworkLogFilter(loggerFactory));
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));

        // Not the console lifetime: it would swallow the embedding process's SIGTERM and Ctrl+C (see EmbeddedLifetime).
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        var faults = new FaultInjector(OperationCatalog.IsOperation);
        // With a state directory every request is journaled and replayed at start (see Persistence/JournaledRequests).
        Persistence.StateJournal? journal = null;
        Persistence.PinnableClock? pinnable = null;
        if (options.StateDirectory is { } stateDirectory)
        {
            try
            {
                journal = Persistence.StateJournal.Open(stateDirectory);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            pinnable = new Persistence.PinnableClock(options.TimeProvider);
        }

        var state = new State.EmulatorState(faults, options.OrganizationManagementAccountId ?? options.DefaultAccountId, journal?.IdSeed);
        var clock = new EmulatorClock((TimeProvider?)pinnable ?? options.TimeProvider);
        var inventory = new EmulatedInventory(state, clock, options.DefaultAccountId);
        var pipeline = new RequestPipeline(
            OperationCatalog.BuildRoutes(),
            faults,
            state,
            clock,
            new AccountResolver(options.AccountsByAccessKey, options.DefaultAccountId),
            options.SecretsByAccessKey,
            new Admin.AdminEndpoint(inventory, clock, faults),
            loggerFactory.CreateLogger("BackupKit.Local"));
        var journaled = journal is null ? null : new Persistence.JournaledRequests(journal, pinnable!, pipeline.HandleAsync);
        app.Run(journaled is null ? pipeline.HandleAsync : journaled.HandleAsync);

        try
        {
            if (journaled is not null)
            {
                // Before the server listens, so no new request interleaves with the replay.
                await journaled.ReplayAsync(inventory).ConfigureAwait(false);
            }

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            journaled?.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without reporting the address it listens on.");
        var port = new Uri(address).Port;
        return new BackupEmulator(app, new Uri($"http://127.0.0.1:{port}"), faults, inventory, journaled);
    }

    /// <summary>Whether the emulator came back from a state directory that already held requests.</summary>
    internal bool Restored => _journal?.Restored == true;

    /// <summary>
    /// Loads a seed file into the inventory; with a state directory it goes through the journal, so that a restart
    /// replays it at the same instant.
    /// </summary>
    internal Task<int> LoadSeedAsync(string json, CancellationToken cancellationToken = default) =>
        _journal is null ? Task.FromResult(Admin.SeedFile.Load(Inventory, json)) : _journal.LoadSeedAsync(Inventory, json, cancellationToken);

    /// <summary>Stops the server and releases the port. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _journal?.Dispose();
        }
    }

    private static void Validate(BackupEmulatorOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Port {options.Port} is not a TCP port; use 0 for a free port or 1..65535.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        if (!AccountResolver.IsAccountId(options.DefaultAccountId ?? string.Empty))
        {
            throw new ArgumentException($"DefaultAccountId '{options.DefaultAccountId}' is not a 12-digit AWS account id.", nameof(options));
        }

        foreach (var (accessKey, accountId) in options.AccountsByAccessKey)
        {
            if (!AccountResolver.IsAccountId(accountId ?? string.Empty))
            {
                throw new ArgumentException($"AccountsByAccessKey maps '{accessKey}' to '{accountId}', which is not a 12-digit AWS account id.", nameof(options));
            }
        }
    }
}
