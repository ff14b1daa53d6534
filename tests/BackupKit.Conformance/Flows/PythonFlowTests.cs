using BackupKit.Conformance.Infrastructure;
using Xunit.Abstractions;

namespace BackupKit.Conformance.Flows;

/// <summary>
/// Runs each <c>py/flows/*.py</c> file, written with boto3 (the official AWS SDK for Python) from AWS's documentation,
/// against BackupKit.Local. One test case per file; a failing flow fails with unittest's output.
/// </summary>
public sealed class PythonFlowTests(PythonEmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<PythonEmulatorFixture>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(3);

    public static TheoryData<string> FlowFiles() => new(FlowFileNames());

    private static IEnumerable<string> FlowFileNames() =>
        Directory.EnumerateFiles(Path.Combine(PythonClients.PythonDirectory, "flows"), "*.py")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(FlowFiles))]
    public async Task Flow_passes_against_the_emulator(string flow)
    {
        var result = await PythonClients.RunPythonAsync(
            fixture.Python,
            PythonClients.PythonDirectory, Path.Combine("flows", flow), fixture.ClientEnvironment, FlowTimeout);

        output.WriteLine(fixture.ClientVersion);
        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, $"python3 flows/{flow} ({fixture.ClientVersion}) exited with {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public void Every_flow_file_is_discovered()
    {
        // Guards the Theory above against silently running nothing (wrong folder, renamed files).
        Assert.True(FlowFileNames().Count() >= 6, "expected the flow files in py/flows");
    }
}
