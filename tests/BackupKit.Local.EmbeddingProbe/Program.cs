using BackupKit.Local;

// Starts the emulator in-process and waits forever; the process must still end on SIGTERM or Ctrl+C (SIGINT).
await using var emulator = await BackupEmulator.StartAsync();
Console.WriteLine($"embedded emulator listening on {emulator.Endpoint}");
Console.Out.Flush();
await Task.Delay(Timeout.Infinite);
