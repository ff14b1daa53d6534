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

var options = new BackupEmulatorOptions { Port = commandLine.Port, StateDirectory = commandLine.StateDirectory };
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
catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
{
    await Console.Error.WriteLineAsync($"BackupKit.Local could not start: {ex.Message}");
    return 1;
}

await using (emulator)
{
    if (emulator.Restored)
    {
        Console.WriteLine($"Restored state from {commandLine.StateDirectory}.");
    }

    if (commandLine.SeedFile is { } seedPath && emulator.Restored)
    {
        // The seed was loaded when the state directory was new; the journal replays it.
        Console.WriteLine($"Not loading {seedPath} again: the state directory already holds the emulator's state.");
    }
    else if (commandLine.SeedFile is not null)
    {
        try
        {
            var loaded = await emulator.LoadSeedAsync(await File.ReadAllTextAsync(commandLine.SeedFile));
            Console.WriteLine($"Loaded {loaded} resources from {commandLine.SeedFile}.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"BackupKit.Local could not load the seed file {commandLine.SeedFile}: {ex.Message}");
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
