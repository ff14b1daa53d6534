using BackupKit.Conformance.Infrastructure;
using Xunit.Abstractions;

namespace BackupKit.Conformance.Flows;

/// <summary>
/// Runs each <c>cli/flows/*.py</c> file, which drives the official AWS CLI (<c>aws backup ... --endpoint-url</c>) and
/// judges its exit codes, JSON output and error messages, against BackupKit.Local. One test case per file.
/// </summary>
public sealed class AwsCliFlowTests(AwsCliEmulatorFixture fixture, ITestOutputHelper output) : FlowTestBase(output), IClassFixture<AwsCliEmulatorFixture>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(4);

    protected override string FlowDirectory => Path.Combine(PythonClients.CliDirectory, "flows");

    protected override string FlowPattern => "*.py";

    protected override int MinimumFlowCount => 2;

    protected override string? ClientVersion => fixture.ClientVersion;

    public static TheoryData<string> FlowFiles() => FlowData(Path.Combine(PythonClients.CliDirectory, "flows"), "*.py");

    [Theory]
    [MemberData(nameof(FlowFiles))]
    public Task Flow_passes_against_the_emulator(string flow) => RunFlowAndAssertAsync(flow);

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
            Output.WriteLine(result.Output);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("FAILED (failures=2)", result.Output, StringComparison.Ordinal);
            Assert.Contains("An error occurred (ResourceNotFoundException)", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private protected override Task<ProcessResult> RunFlowAsync(string flow) =>
        PythonClients.RunPythonAsync(PythonClients.AnyPython(), PythonClients.CliDirectory, Path.Combine("flows", flow), fixture.CliEnvironment, FlowTimeout);

    private protected override string Describe(string flow) => $"cli/flows/{flow} ({fixture.ClientVersion})";
}
