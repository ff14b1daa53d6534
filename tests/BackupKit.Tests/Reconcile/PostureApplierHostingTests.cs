using BackupKit.Local;
using BackupKit.Reconcile;
using BackupKit.Tests.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackupKit.Tests.Reconcile;

public sealed class PostureApplierHostingTests
{
    [Fact]
    public async Task The_applier_logs_each_applied_change_and_the_outcome()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        var logger = new ListLogger();

        await new PostureApplier(client, logger: logger).ApplyAsync(PostureApplierTests.Posture());

        Assert.Equal(7, logger.Entries.Count(e => e.EventId.Name == "ChangeApplied"));
        var completed = Assert.Single(logger.Entries, e => e.EventId.Id == 3007);
        Assert.Equal("Apply completed: 7 change(s) written, 0 unchanged", completed.Message);
    }

    [Fact]
    public async Task A_canceled_apply_writes_nothing()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        using var client = TestCredentials.CreateClient(emulator.Endpoint);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PostureApplier(client).ApplyAsync(PostureApplierTests.Posture(), canceled.Token));

        Assert.Equal(0, emulator.Faults.RequestCount("CreateBackupVault"));
    }

    [Fact]
    public async Task AddBackupKit_registers_an_applier_over_the_registered_client()
    {
        await using var emulator = await BackupEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBackupKit(o =>
        {
            o.Client.ServiceUrl = emulator.Endpoint;
            o.Client.Region = TestCredentials.Region;
            o.Client.Credentials = TestCredentials.Basic;
        });
        await using var provider = services.BuildServiceProvider();

        var applier = provider.GetRequiredService<PostureApplier>();
        var result = await applier.ApplyAsync(PostureApplierTests.Posture());

        Assert.Same(applier, provider.GetRequiredService<PostureApplier>());
        Assert.Equal(7, result.Created.Count);
        Assert.Equal(1, emulator.Faults.RequestCount("CreateBackupPlan"));
    }

    private sealed class ListLogger : ILogger<PostureApplier>
    {
        public List<(EventId EventId, LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((eventId, logLevel, formatter(state, exception)));
            }
        }
    }
}
