using BackupKit.Conformance.Infrastructure;
using Xunit.Abstractions;

namespace BackupKit.Conformance.Flows;

/// <summary>
/// Runs each <c>cli/flows/*.py</c> file, which drives the official AWS CLI (<c>aws backup ... --endpoint-url</c>) and
/// judges its exit codes, JSON output and error messages, against BackupKit.Local. One test case per file.
/// </summary>
public sealed class AwsCliFlowTests(AwsCliEmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<AwsCliEmulatorFixture>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(4);

    public static TheoryData<string> FlowFiles() => new(FlowFileNames());

    private static IEnumerable<string> FlowFileNames() =>
        Directory.EnumerateFiles(Path.Combine(PythonClients.CliDirectory, "flows"), "*.py")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(FlowFiles))]
    public async Task Flow_passes_against_the_emulator(string flow)
    {
        var result = await PythonClients.RunPythonAsync(
            PythonClients.AnyPython(), PythonClients.CliDirectory, Path.Combine("flows", flow), fixture.CliEnvironment, FlowTimeout);

        output.WriteLine(fixture.ClientVersion);
        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, $"cli/flows/{flow} ({fixture.ClientVersion}) exited with {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public void Every_flow_file_is_discovered()
    {
        // Guards the Theory above against silently running nothing (wrong folder, renamed files).
        Assert.True(FlowFileNames().Count() >= 2, "expected the flow files in cli/flows");
    }
}
