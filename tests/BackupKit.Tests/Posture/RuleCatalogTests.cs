using System.Text.RegularExpressions;
using BackupKit.Rules;

namespace BackupKit.Tests.Posture;

public sealed partial class RuleCatalogTests
{
    [Fact]
    public void Rule_ids_are_unique_well_formed_and_linked_to_their_page()
    {
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Id).Distinct().Count());
        Assert.All(RuleCatalog.All, rule =>
        {
            Assert.Matches(RuleIdPattern(), rule.Id);
            Assert.Equal($"https://github.com/backupkit/backupkit/blob/main/docs/rules/{rule.Id}.md", rule.HelpLink);
            Assert.Same(rule, RuleCatalog.Find(rule.Id));
            Assert.False(string.IsNullOrWhiteSpace(rule.Title));
            Assert.False(string.IsNullOrWhiteSpace(rule.AwsConstraint));
        });
    }

    [Fact]
    public void Rule_ids_constants_match_the_catalog()
    {
        var constants = typeof(RuleIds).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order().ToArray();

        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Order().ToArray(), constants);
    }

    [Fact]
    public void Every_rule_has_a_documentation_page_and_a_row_in_the_coverage_table()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "rules");
        var readme = File.ReadAllText(Path.Combine(docs, "README.md"));

        Assert.All(RuleCatalog.All, rule =>
        {
            var page = Path.Combine(docs, rule.Id + ".md");
            Assert.True(File.Exists(page), $"Missing {page}");
            Assert.StartsWith($"# {rule.Id}: {rule.Title}", File.ReadAllText(page), StringComparison.Ordinal);
            Assert.Contains($"[{rule.Id}]({rule.Id}.md)", readme, StringComparison.Ordinal);
        });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackupKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("BackupKit.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^BK[1-9][0-9]{3}$")]
    private static partial Regex RuleIdPattern();
}
