using System.Diagnostics;
using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class CommandLineTests
{
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

    [Fact]
    public async Task Cli_loads_a_seed_file_and_its_clock_moves_through_the_admin_path()
    {
        var seed = Path.Combine(Path.GetTempPath(), $"backupkit-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(seed, """{"resources":[{"arn":"arn:aws:dynamodb:us-east-1:000000000000:table/seeded","tags":{"backup":"daily"}}]}""");
        var port = HostingTests.FreePort();
        using var process = Start("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed);
        try
        {
            await ReadLineContainingAsync(process, $"http://127.0.0.1:{port}");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var resources = await http.GetStringAsync(new Uri("/_backupkit/resources", UriKind.Relative));
            var before = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/_backupkit/clock", UriKind.Relative))).RootElement.GetProperty("epochMillis").GetInt64();
            using var advance = await http.PostAsync(new Uri("/_backupkit/clock/advance", UriKind.Relative), new StringContent("""{"seconds":86400}"""));
            var after = System.Text.Json.JsonDocument.Parse(await advance.Content.ReadAsStringAsync()).RootElement;

            Assert.Contains("table/seeded", resources, StringComparison.Ordinal);
            Assert.True(after.GetProperty("epochMillis").GetInt64() - before >= 86_400_000, "the clock moved a day forward");
            Assert.Equal(86400, after.GetProperty("advancedSeconds").GetDouble());
        }
        finally
        {
            Stop(process);
            File.Delete(seed);
        }
    }

    private static Process Start(params string[] args) => EmulatorProcess.Start(args);

    private static Task<string> ReadLineContainingAsync(Process process, string text) =>
        EmulatorProcess.ReadLineContainingAsync(process, text, TimeSpan.FromSeconds(30));

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }
    }
}
