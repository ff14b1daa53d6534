using BackupKit.Conformance.Infrastructure;
using Xunit.Abstractions;

namespace BackupKit.Conformance.Flows;

/// <summary>
/// Runs each <c>py/flows/*.py</c> file, written with boto3 (the official AWS SDK for Python) from AWS's documentation,
/// against BackupKit.Local. One test case per file; a failing flow fails with unittest's output.
/// </summary>
public sealed class PythonFlowTests(PythonEmulatorFixture fixture, ITestOutputHelper output) : FlowTestBase(output), IClassFixture<PythonEmulatorFixture>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(3);

    protected override string FlowDirectory => Path.Combine(PythonClients.PythonDirectory, "flows");

    protected override string FlowPattern => "*.py";

    protected override int MinimumFlowCount => 6;

    protected override string? ClientVersion => fixture.ClientVersion;

    public static TheoryData<string> FlowFiles() => FlowData(Path.Combine(PythonClients.PythonDirectory, "flows"), "*.py");

    [Theory]
    [MemberData(nameof(FlowFiles))]
    public Task Flow_passes_against_the_emulator(string flow) => RunFlowAndAssertAsync(flow);

    [Fact]
    public async Task A_flow_whose_assertions_do_not_hold_fails_its_case()
    {
        // Negative control: the harness's assertions and exit codes can fail, so a passing flow means something.
        var result = await RunScratchFlowAsync("""
            class Controls(FlowTestCase):
                def test_a_wrong_expectation_fails(self):
                    vault = unique_name("py-control")
                    new_client().create_backup_vault(BackupVaultName=vault)
                    self.assertEqual(new_client().describe_backup_vault(BackupVaultName=vault)["BackupVaultName"], vault + "-other")

                def test_expecting_an_error_from_a_call_that_succeeds_fails(self):
                    client = new_client()
                    self.assert_client_error(lambda: client.create_backup_vault(BackupVaultName=unique_name("py-control")), "AlreadyExistsException")

                def test_the_wrong_error_code_fails(self):
                    client = new_client()
                    self.assert_client_error(lambda: client.describe_backup_vault(BackupVaultName=unique_name("py-none")), "InvalidRequestException")
            """);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED (failures=3)", result.Output, StringComparison.Ordinal);
        Assert.Contains("expected AlreadyExistsException (HTTP 400) but the call succeeded", result.Output, StringComparison.Ordinal);
        Assert.Contains("expected error InvalidRequestException but got ResourceNotFoundException", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flow_that_runs_no_test_fails_its_case()
    {
        var result = await RunScratchFlowAsync("UNUSED = FlowTestCase");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no test ran", result.Output, StringComparison.Ordinal);
    }

    private protected override Task<ProcessResult> RunFlowAsync(string flow) =>
        PythonClients.RunPythonAsync(fixture.Python, PythonClients.PythonDirectory, Path.Combine("flows", flow), fixture.ClientEnvironment, FlowTimeout);

    private protected override string Describe(string flow) => $"python3 flows/{flow} ({fixture.ClientVersion})";

    private async Task<ProcessResult> RunScratchFlowAsync(string body)
    {
        var directory = Directory.CreateTempSubdirectory("backupkit-py-control-");
        try
        {
            var script = $"import sys\nsys.path.insert(0, r\"{PythonClients.PythonDirectory}\")\nfrom harness import *  # noqa\n\n{body}\n\nif __name__ == \"__main__\":\n    main()\n";
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "control.py"), script);
            var result = await PythonClients.RunPythonAsync(fixture.Python, directory.FullName, "control.py", fixture.ClientEnvironment, FlowTimeout);
            Output.WriteLine(result.Output);
            return result;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
