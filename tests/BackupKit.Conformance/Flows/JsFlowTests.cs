using BackupKit.Conformance.Infrastructure;
using Xunit.Abstractions;

namespace BackupKit.Conformance.Flows;

/// <summary>
/// Runs each <c>js/flows/*.test.mjs</c> file, written with the official AWS SDK for JavaScript v3 from AWS's
/// documentation, against BackupKit.Local. One test case per file; a failing flow fails with node's output.
/// </summary>
public sealed class JsFlowTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(3);

    public static TheoryData<string> FlowFiles() => new(FlowFileNames());

    private static IEnumerable<string> FlowFileNames() =>
        Directory.EnumerateFiles(Path.Combine(JsProject.Directory, "flows"), "*.test.mjs")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(FlowFiles))]
    public async Task Flow_passes_against_the_emulator(string flow)
    {
        var result = await JsProject.RunNodeAsync(
            ["--test", "--test-reporter=spec", Path.Combine("flows", flow)],
            fixture.NodeEnvironment,
            FlowTimeout);

        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, $"node --test flows/{flow} exited with {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public void Every_flow_file_is_discovered()
    {
        // Guards the Theory above against silently running nothing (wrong folder, renamed files).
        Assert.True(FlowFileNames().Count() >= 8, "expected the flow files in js/flows");
    }
}
