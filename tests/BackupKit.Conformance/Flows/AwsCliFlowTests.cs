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
    public async Task A_flow_whose_expectations_do_not_hold_fails_its_case()
    {
        // Negative control: the CLI harness judges exit codes and messages, so a passing flow means something.
        var directory = Directory.CreateTempSubdirectory("backupkit-cli-control-");
        try
        {
            var script = $$"""
                import sys
                sys.path.insert(0, r"{{PythonClients.CliDirectory}}")
                from aws_cli import CliFlowTestCase, main, unique_name

                class Controls(CliFlowTestCase):
                    def test_expecting_an_error_from_a_command_that_succeeds_fails(self):
                        self.fails("AlreadyExistsException", "create-backup-vault", "--backup-vault-name", unique_name("cli-control"))

                    def test_expecting_success_from_a_refused_command_fails(self):
                        self.ok("describe-backup-vault", "--backup-vault-name", unique_name("cli-none"))

                if __name__ == "__main__":
                    main()
                """;
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "control.py"), script);
            var result = await PythonClients.RunPythonAsync(
                PythonClients.AnyPython(), directory.FullName, "control.py", fixture.CliEnvironment, FlowTimeout);
            output.WriteLine(result.Output);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("FAILED (failures=2)", result.Output, StringComparison.Ordinal);
            Assert.Contains("An error occurred (ResourceNotFoundException)", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_flow_file_is_discovered()
    {
        // Guards the Theory above against silently running nothing (wrong folder, renamed files).
        Assert.True(FlowFileNames().Count() >= 2, "expected the flow files in cli/flows");
    }
}
