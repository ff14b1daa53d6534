using BackupKit.Samples.Quickstart;

namespace BackupKit.Tests.Reconcile;

public sealed class QuickstartTests
{
    [Fact]
    public async Task The_quickstart_succeeds_and_its_second_apply_changes_nothing()
    {
        using var output = new StringWriter();

        var exitCode = await QuickstartDemo.RunAsync(output);

        var text = output.ToString();
        Assert.Equal(0, exitCode);
        var secondApply = text[text.IndexOf("apply again", StringComparison.Ordinal)..];
        Assert.StartsWith("Applied: no changes; nothing was written to AWS", secondApply[(secondApply.IndexOf('\n') + 1)..], StringComparison.Ordinal);
        Assert.Contains("No drift: AWS matches the posture.", text, StringComparison.Ordinal);
        Assert.Contains("rules[daily].lifecycle: declared delete after 35 days, live delete after 7 days", text, StringComparison.Ordinal);
        Assert.Contains("Applied: 1 updated (5 unchanged)", text, StringComparison.Ordinal);
        Assert.Contains("+   framework quickstart_audit", text, StringComparison.Ordinal);
        Assert.Contains("offline and live verdicts agree: compliant", text, StringComparison.Ordinal);
        var auditLines = text.Split('\n').Where(l => l.StartsWith("  BACKUP_", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, auditLines.Count);
        Assert.All(auditLines, l => Assert.Matches(@"offline Compliant\s+live Compliant\s*$", l));
        Assert.Contains("BK3003", text, StringComparison.Ordinal);
        Assert.Contains("+   selection quickstart-plan/tagged-prod", text, StringComparison.Ordinal);
    }
}
