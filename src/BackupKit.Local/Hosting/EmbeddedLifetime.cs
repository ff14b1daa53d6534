using Microsoft.Extensions.Hosting;

namespace BackupKit.Local.Hosting;

/// <summary>
/// The emulator's host lifetime: it starts and stops only when told to. The default (console) lifetime of a generic host
/// registers SIGINT, SIGTERM and SIGQUIT handlers that cancel the process's own reaction and only stop the host, so a
/// program or test host that embeds the emulator would no longer end on Ctrl+C or SIGTERM. The process that embeds the
/// emulator owns its signals; the command-line tool handles them itself and disposes the emulator.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
