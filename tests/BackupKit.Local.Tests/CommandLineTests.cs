using System.Diagnostics;
using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class CommandLineTests
{
    // The command-line tool (src/BackupKit.Local.Tool), copied beside the tests by its project reference.
    private static readonly string EmulatorDll = Path.Combine(AppContext.BaseDirectory, "BackupKit.Local.Tool.dll");

    [Fact]
    public async Task Cli_prints_its_address_once_it_accepts_requests_and_serves_them()
    {
        var port = HostingTests.FreePort();
        using var process = Start("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var line = await ReadLineContainingAsync(process, $"http://127.0.0.1:{port}");

            Assert.Contains($"http://127.0.0.1:{port}", line, StringComparison.Ordinal);
            using var caller = new WireCaller(new Uri($"http://127.0.0.1:{port}"));
            var vault = await caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "from-cli" });
            Assert.Equal("from-cli", vault.BackupVaultName);
        }
        finally
        {
            Stop(process);
        }
    }

    [Fact]
    public async Task Cli_help_prints_usage_and_exits_0()
    {
        using var process = Start("--help");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("--port", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_rejects_an_unknown_argument_with_exit_code_2()
    {
        using var process = Start("--bogus");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--bogus", error, StringComparison.Ordinal);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(EmulatorDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private static async Task<string> ReadLineContainingAsync(Process process, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"The emulator exited before printing '{text}': {await process.StandardError.ReadToEndAsync()}");
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }
    }
}
