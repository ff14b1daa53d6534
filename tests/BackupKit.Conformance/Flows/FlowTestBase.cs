using BackupKit.Conformance.Infrastructure;
using Xunit.Abstractions;

namespace BackupKit.Conformance.Flows;

/// <summary>
/// What every official-client flow suite shares: one test case per flow file of a folder, run by that client against
/// BackupKit.Local and judged by its exit code, and a guard that the folder's files are found at all. A suite names its
/// folder, file pattern and runner; its theory is a one-line call to <see cref="RunFlowAndAssertAsync"/>.
/// </summary>
public abstract class FlowTestBase(ITestOutputHelper output)
{
    /// <summary>Gets the output of the running test.</summary>
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>Gets the folder that holds the flow files.</summary>
    protected abstract string FlowDirectory { get; }

    /// <summary>Gets the search pattern of a flow file in <see cref="FlowDirectory"/>.</summary>
    protected abstract string FlowPattern { get; }

    /// <summary>Gets how many flow files the suite has at least (guards against silently running nothing).</summary>
    protected abstract int MinimumFlowCount { get; }

    /// <summary>Gets the client's version line written before each flow's output, or <see langword="null"/>.</summary>
    protected virtual string? ClientVersion => null;

    /// <summary>The flow files of <paramref name="directory"/>, by name, in ordinal order.</summary>
    protected static IEnumerable<string> FlowFileNames(string directory, string pattern) =>
        Directory.EnumerateFiles(directory, pattern)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    /// <summary>One theory case per flow file.</summary>
    protected static TheoryData<string> FlowData(string directory, string pattern) => new(FlowFileNames(directory, pattern));

    [Fact]
    public void Every_flow_file_is_discovered()
    {
        // Guards the suite's theory against silently running nothing (wrong folder, renamed files).
        Assert.True(
            FlowFileNames(FlowDirectory, FlowPattern).Count() >= MinimumFlowCount,
            $"expected the flow files in {Path.GetFileName(Path.GetDirectoryName(FlowDirectory))}/{Path.GetFileName(FlowDirectory)}");
    }

    /// <summary>Runs one flow file with the suite's client.</summary>
    private protected abstract Task<ProcessResult> RunFlowAsync(string flow);

    /// <summary>How a failure names the flow, for example <c>node --test flows/x.test.mjs</c>.</summary>
    private protected abstract string Describe(string flow);

    /// <summary>Runs <paramref name="flow"/> and fails with the client's output when it does not exit with 0.</summary>
    protected async Task RunFlowAndAssertAsync(string flow)
    {
        var result = await RunFlowAsync(flow);
        if (ClientVersion is { } version)
        {
            Output.WriteLine(version);
        }

        Output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, $"{Describe(flow)} exited with {result.ExitCode}:\n{result.Output}");
    }
}
