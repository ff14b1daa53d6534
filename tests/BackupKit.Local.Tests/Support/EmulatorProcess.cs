using System.Diagnostics;

namespace BackupKit.Local.Tests.Support;

/// <summary>
/// Starts the command-line emulator (BackupKit.Local.Tool.dll) as a child process and reads its console, for the tests
/// that drive the tool itself (command line, state directory).
/// </summary>
internal static class EmulatorProcess
{
    // The command-line tool (src/BackupKit.Local.Tool), copied beside the tests by its project reference.
    private static readonly string EmulatorDll = Path.Combine(AppContext.BaseDirectory, "BackupKit.Local.Tool.dll");

    /// <summary>Starts <c>dotnet BackupKit.Local.Tool.dll</c> with <paramref name="args"/>, its output redirected.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(EmulatorDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Reads standard output until a line contains <paramref name="text"/>; fails with standard error if the process exits first.</summary>
    public static async Task<string> ReadLineContainingAsync(Process process, string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellation.Token)
                ?? throw new InvalidOperationException($"The emulator exited before printing '{text}': {await process.StandardError.ReadToEndAsync()}");
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
