using System.Runtime.InteropServices;
using BackupKit.Local;
using BackupKit.Local.Cli;

var commandLine = CommandLine.Parse(args, out var error);
if (error is not null)
{
    await Console.Error.WriteLineAsync(error);
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

var options = new BackupEmulatorOptions { Port = commandLine.Port };
if (commandLine.DefaultAccountId is { } account)
{
    options.DefaultAccountId = account;
}

foreach (var (accessKey, accountId) in commandLine.AccountsByAccessKey)
{
    options.AccountsByAccessKey[accessKey] = accountId;
}

using var stop = new CancellationTokenSource();

// Ctrl+C and SIGTERM stop the server gracefully; cancelling off the signal thread lets Main finish the shutdown.
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    ThreadPool.QueueUserWorkItem(static source => ((CancellationTokenSource)source!).Cancel(), stop);
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

BackupEmulator emulator;
try
{
    emulator = await BackupEmulator.StartAsync(options, stop.Token);
}
catch (Exception ex) when (ex is ArgumentException or IOException)
{
    await Console.Error.WriteLineAsync($"BackupKit.Local could not start: {ex.Message}");
    return 1;
}

await using (emulator)
{
    if (commandLine.SeedFile is { } seedPath)
    {
        try
        {
            var loaded = BackupKit.Local.Admin.SeedFile.Load(emulator.Inventory, await File.ReadAllTextAsync(seedPath));
            Console.WriteLine($"Loaded {loaded} resources from {seedPath}.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"BackupKit.Local could not load the seed file {seedPath}: {ex.Message}");
            return 1;
        }
    }

    Console.WriteLine($"BackupKit.Local is listening on {emulator.Endpoint.ToString().TrimEnd('/')} (Ctrl+C to stop)");
    Console.Out.Flush();
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        // Ctrl+C or process exit: fall through to stop the server.
    }
}

return 0;
