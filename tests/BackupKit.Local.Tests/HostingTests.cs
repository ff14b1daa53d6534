using System.Net;
using System.Net.Sockets;
using BackupKit.Local.Tests.Support;
using BackupKit.Wire;
using Microsoft.Extensions.Logging;

namespace BackupKit.Local.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task StartAsync_listens_on_a_free_loopback_port_and_accepts_requests_at_once()
    {
        await using var emulator = await BackupEmulator.StartAsync();

        Assert.Equal("127.0.0.1", emulator.Endpoint.Host);
        Assert.NotEqual(0, emulator.Endpoint.Port);
        using var caller = new WireCaller(emulator.Endpoint);
        var output = await caller.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());
        Assert.Empty(output.BackupVaultList!);
    }

    [Fact]
    public async Task DisposeAsync_stops_the_server_and_frees_the_port()
    {
        var emulator = await BackupEmulator.StartAsync();
        var port = emulator.Endpoint.Port;

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task StartAsync_uses_the_requested_port()
    {
        var port = FreePort();

        await using var emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { Port = port });

        Assert.Equal(new Uri($"http://127.0.0.1:{port}"), emulator.Endpoint);
    }

    [Fact]
    public async Task StartAsync_fails_with_IOException_when_the_port_is_taken()
    {
        await using var first = await BackupEmulator.StartAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => BackupEmulator.StartAsync(new BackupEmulatorOptions { Port = first.Endpoint.Port }));
    }

    [Fact]
    public async Task Two_emulators_keep_separate_state()
    {
        await using var a = await BackupEmulator.StartAsync();
        await using var b = await BackupEmulator.StartAsync();
        using var callerA = new WireCaller(a.Endpoint);
        using var callerB = new WireCaller(b.Endpoint);

        await callerA.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "only-in-a" });

        Assert.Single((await callerA.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput())).BackupVaultList!);
        Assert.Empty((await callerB.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput())).BackupVaultList!);
    }

    [Theory]
    [InlineData(-1, "000000000000")]
    [InlineData(70000, "000000000000")]
    [InlineData(0, "12345")]
    public async Task StartAsync_rejects_invalid_options(int port, string defaultAccount)
    {
        var options = new BackupEmulatorOptions { Port = port, DefaultAccountId = defaultAccount };

        await Assert.ThrowsAsync<ArgumentException>(() => BackupEmulator.StartAsync(options));
    }

    [Fact]
    public async Task StartAsync_rejects_an_access_key_mapped_to_an_invalid_account()
    {
        var options = new BackupEmulatorOptions();
        options.AccountsByAccessKey["AKIDX"] = "not-an-account";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => BackupEmulator.StartAsync(options));
        Assert.Contains("AKIDX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_carries_a_request_id()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var caller = new WireCaller(emulator.Endpoint);

        using var ok = await caller.SendRawAsync("GET", "/backup-vaults/");
        using var error = await caller.SendRawAsync("GET", "/backup-vaults/missing");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(Guid.TryParse(ok.Headers.GetValues("x-amzn-requestid").Single(), out _));
        Assert.True(Guid.TryParse(error.Headers.GetValues("x-amzn-requestid").Single(), out _));
        Assert.NotEqual(ok.Headers.GetValues("x-amzn-requestid").Single(), error.Headers.GetValues("x-amzn-requestid").Single());
    }

    [Fact]
    public async Task Framework_request_logging_stays_off_with_a_caller_logger_factory()
    {
        var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        await using var emulator = await BackupEmulator.StartAsync(new BackupEmulatorOptions { LoggerFactory = loggerFactory });
        using var caller = new WireCaller(emulator.Endpoint);

        await caller.CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.DoesNotContain(provider.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level)> _entries = new();

    public IReadOnlyCollection<(string Category, LogLevel Level)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, System.Collections.Concurrent.ConcurrentQueue<(string, LogLevel)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => entries.Enqueue((category, logLevel));
    }
}
