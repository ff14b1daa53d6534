using BackupKit.Conformance.Infrastructure;
using Xunit.Abstractions;

namespace BackupKit.Conformance.Flows;

/// <summary>
/// Runs each <c>js/flows/*.test.mjs</c> file, written with the official AWS SDK for JavaScript v3 from AWS's
/// documentation, against BackupKit.Local. One test case per file; a failing flow fails with node's output.
/// </summary>
public sealed class JsFlowTests(EmulatorFixture fixture, ITestOutputHelper output) : FlowTestBase(output), IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(3);

    protected override string FlowDirectory => Path.Combine(JsProject.Directory, "flows");

    protected override string FlowPattern => "*.test.mjs";

    protected override int MinimumFlowCount => 8;

    public static TheoryData<string> FlowFiles() => FlowData(Path.Combine(JsProject.Directory, "flows"), "*.test.mjs");

    [Theory]
    [MemberData(nameof(FlowFiles))]
    public Task Flow_passes_against_the_emulator(string flow) => RunFlowAndAssertAsync(flow);

    private protected override Task<ProcessResult> RunFlowAsync(string flow) =>
        JsProject.RunNodeAsync(["--test", "--test-reporter=spec", Path.Combine("flows", flow)], fixture.ClientEnvironment, FlowTimeout);

    private protected override string Describe(string flow) => $"node --test flows/{flow}";
}
