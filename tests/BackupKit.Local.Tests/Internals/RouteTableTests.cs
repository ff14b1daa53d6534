using BackupKit.Local.Routing;

namespace BackupKit.Local.Tests.Internals;

public sealed class RouteTableTests
{
    private static readonly RouteTable<string> Table = new(
    [
        ("GET", "/backup/plans/", "ListBackupPlans"),
        ("GET", "/backup/plans/{backupPlanId}/", "GetBackupPlan"),
        ("GET", "/backup/plans/{backupPlanId}/versions/", "ListBackupPlanVersions"),
        ("GET", "/backup/template/plans", "ListBackupPlanTemplates"),
        ("PUT", "/backup-vaults/{backupVaultName}/mpaApprovalTeam", "Associate"),
        ("POST", "/backup-vaults/{backupVaultName}/mpaApprovalTeam?delete", "Disassociate"),
        ("GET", "/files/{key+}", "Greedy"),
    ]);

    [Theory]
    [InlineData("GET", "/backup/plans", "ListBackupPlans")]
    [InlineData("GET", "/backup/plans/", "ListBackupPlans")]
    [InlineData("GET", "/backup/plans/abc", "GetBackupPlan")]
    [InlineData("GET", "/backup/plans/abc/versions", "ListBackupPlanVersions")]
    [InlineData("get", "/backup/template/plans/", "ListBackupPlanTemplates")]
    public void Matches_with_or_without_trailing_slash(string method, string path, string expected)
    {
        Assert.True(Table.TryMatch(method, path, _ => false, out var match));
        Assert.Equal(expected, match.Target);
    }

    [Fact]
    public void Literal_segments_win_over_labels()
    {
        var table = new RouteTable<string>([("GET", "/jobs/{id}", "Describe"), ("GET", "/jobs/summaries", "Summaries")]);

        Assert.True(table.TryMatch("GET", "/jobs/summaries", _ => false, out var literal));
        Assert.True(table.TryMatch("GET", "/jobs/job-1", _ => false, out var label));

        Assert.Equal("Summaries", literal.Target);
        Assert.Equal("Describe", label.Target);
    }

    [Fact]
    public void Labels_are_percent_decoded()
    {
        Assert.True(Table.TryMatch("GET", "/backup/plans/arn%3Aaws%3Abackup%3Aus-east-1%3A1%3Abackup-plan%2Fx/", _ => false, out var match));

        Assert.Equal(["backupPlanId"], match.LabelNames);
        Assert.Equal("arn:aws:backup:us-east-1:1:backup-plan/x", match.LabelValues[0]);
    }

    [Fact]
    public void Literal_query_key_is_required_for_its_route()
    {
        Assert.True(Table.TryMatch("POST", "/backup-vaults/v/mpaApprovalTeam", key => key == "delete", out var match));
        Assert.Equal("Disassociate", match.Target);
        Assert.False(Table.TryMatch("POST", "/backup-vaults/v/mpaApprovalTeam", _ => false, out _));
    }

    [Fact]
    public void Greedy_label_takes_the_rest_of_the_path()
    {
        Assert.True(Table.TryMatch("GET", "/files/a/b/c", _ => false, out var match));

        Assert.Equal("a/b/c", match.LabelValues[0]);
    }

    [Theory]
    [InlineData("GET", "/backup/plans/a/b")]
    [InlineData("DELETE", "/backup/plans/")]
    [InlineData("GET", "/backup/plans//versions")]
    [InlineData("GET", "/")]
    public void Unknown_paths_do_not_match(string method, string path)
    {
        Assert.False(Table.TryMatch(method, path, _ => false, out _));
    }

    [Fact]
    public void Indistinguishable_routes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RouteTable<string>([("GET", "/a/{x}", "one"), ("GET", "/a/{y}/", "two")]));
    }
}
