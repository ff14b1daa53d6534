using System.Diagnostics;

namespace BackupKit.Local.Tests;

/// <summary>
/// A process that starts the emulator in-process (an application, a test host) keeps its own reaction to SIGTERM and
/// Ctrl+C: the emulator must not swallow the signals the way a generic host's console lifetime does.
/// </summary>
public sealed class EmbeddedSignalTests
{
    private const int Sigint = 2;
    private const int Sigterm = 15;

    private static readonly string ProbeDll = Path.Combine(AppContext.BaseDirectory, "BackupKit.Local.EmbeddingProbe.dll");

    [Theory]
    [InlineData(Sigterm)]
    [InlineData(Sigint)]
    public async Task A_process_embedding_the_emulator_still_ends_on_the_signal(int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ProbeDll);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        try
        {
            // Wait until the emulator inside the child listens: only then would its host have hooked the signals.
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains("listening", line, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-s", signal == Sigterm ? "TERM" : "INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(patience.Token);

            // The runtime's default reaction: the process ends with 128 + signal.
            Assert.Equal(128 + signal, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
