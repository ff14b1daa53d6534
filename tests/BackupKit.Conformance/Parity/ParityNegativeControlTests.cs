using BackupKit.Wire;

namespace BackupKit.Conformance.Parity;

/// <summary>
/// Negative controls for the parity pipeline: if a member were lost between the JS request and our client's request
/// (in ReadInput or in the client), the comparison must report it. The typed input is altered after binding, standing
/// in for such a loss, and the real pipeline (route, bind, send, compare) must fail with a precise difference.
/// </summary>
[Collection(JsCaptureCollection.Name)]
public sealed class ParityNegativeControlTests(JsCaptureFixture js)
{
    [Fact]
    public async Task A_body_member_lost_on_our_side_is_reported()
    {
        var differences = await CompareAfterAsync("CreateBackupPlan-full", input =>
        {
            var plan = (CreateBackupPlanInput)input;
            plan.BackupPlan!.Rules![0].Lifecycle = null;
            plan.BackupPlan.AdvancedBackupSettings!.RemoveAt(1);
        });
        Assert.Contains(differences, d => d.StartsWith("body $.BackupPlan.Rules[0].Lifecycle: JS sends", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("body $.BackupPlan.AdvancedBackupSettings: JS has 2 items, ours 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_member_lost_or_changed_on_our_side_is_reported()
    {
        var differences = await CompareAfterAsync("ListBackupJobs-every-filter", input =>
        {
            var list = (ListBackupJobsInput)input;
            list.ByCreatedAfter = null;
            list.ByCompleteBefore = list.ByCompleteBefore!.Value.AddSeconds(1);
        });
        var query = Assert.Single(differences);
        var (jsOnly, oursOnly) = (query[..query.IndexOf("; only ours", StringComparison.Ordinal)], query[query.IndexOf("; only ours", StringComparison.Ordinal)..]);
        Assert.Contains("createdAfter=2024-01-31T12:00:00Z", jsOnly, StringComparison.Ordinal);
        Assert.Contains("completeBefore=2024-02-02T00:00:00Z", jsOnly, StringComparison.Ordinal);
        Assert.Equal("; only ours sends [completeBefore=2024-02-02T00:00:01Z]", oursOnly);
    }

    [Fact]
    public async Task A_path_label_changed_on_our_side_is_reported()
    {
        var differences = await CompareAfterAsync("DescribeRecoveryPoint-snapshot-arn", input =>
            ((DescribeRecoveryPointInput)input).RecoveryPointArn = "arn:aws:ec2:us-east-1::snapshot/snap-other");
        Assert.StartsWith("path:", Assert.Single(differences), StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> CompareAfterAsync(string caseName, Action<object> alter)
    {
        var jsRequest = Assert.Single(js.RequestsFor(caseName));
        var (binding, labels) = Assert.Single(RouteMatcher.Match(jsRequest));
        var input = OurClient.ReadInput(binding, jsRequest, labels);
        alter(input);
        await using var capture = new CaptureServer();
        await OurClient.SendAsync(binding, input, capture.BaseAddress);
        return RequestComparer.Compare(jsRequest, Assert.Single(capture.All)).Differences;
    }
}
