using BackupKit.Local.Operations;

namespace BackupKit.Local.Tests.Internals;

public sealed class CronExpressionTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero); // a Monday

    [Theory]
    [InlineData("cron(0 5 ? * * *)", "2026-03-03T05:00:00Z", "2026-03-04T05:00:00Z")]
    [InlineData("cron(0 */12 ? * * *)", "2026-03-02T12:00:00Z", "2026-03-03T00:00:00Z")]
    [InlineData("cron(15 3 ? * SUN *)", "2026-03-08T03:15:00Z", "2026-03-15T03:15:00Z")]
    [InlineData("cron(0 1 1 * ? *)", "2026-04-01T01:00:00Z", "2026-05-01T01:00:00Z")]
    [InlineData("cron(0 1 L * ? *)", "2026-03-31T01:00:00Z", "2026-04-30T01:00:00Z")]
    [InlineData("cron(0 1 ? * 2#1 *)", "2026-04-06T01:00:00Z", "2026-05-04T01:00:00Z")]
    [InlineData("cron(0 1 ? * 6L *)", "2026-03-27T01:00:00Z", "2026-04-24T01:00:00Z")]
    [InlineData("cron(0 1 15W * ? *)", "2026-03-16T01:00:00Z", "2026-04-15T01:00:00Z")]
    [InlineData("cron(0 0 ? JAN-FEB MON 2027)", "2027-01-04T00:00:00Z", "2027-01-11T00:00:00Z")]
    public void Next_runs_follow_the_EventBridge_syntax(string expression, string first, string second)
    {
        var cron = CronExpression.Parse(expression, message => new FormatException(message));

        var runs = cron.NextRuns(Start, TimeZoneInfo.Utc).Take(2).ToArray();

        Assert.Equal([DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(second, System.Globalization.CultureInfo.InvariantCulture)], runs);
    }

    [Fact]
    public void Runs_are_read_in_the_rule_time_zone()
    {
        var cron = CronExpression.Parse("cron(0 5 ? * * *)", message => new FormatException(message));
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        var run = cron.NextRuns(Start, paris).First();

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 4, 0, 0, TimeSpan.Zero), run);
    }

    [Theory]
    [InlineData("cron(0 5 * * * *)")]
    [InlineData("cron(0 5 ? * ? *)")]
    [InlineData("cron(0,30 5 ? * * *)")]
    [InlineData("cron(0 5 32 * ? *)")]
    [InlineData("cron(0 5 ? * MOO *)")]
    [InlineData("cron(0 5 ? * * 1969)")]
    [InlineData("cron(0 5 ? * * * *)")]
    [InlineData("rate(12 hours)")]
    [InlineData("0 5 ? * * *")]
    public void Invalid_expressions_are_refused(string expression)
    {
        Assert.Throws<FormatException>(() => CronExpression.Parse(expression, message => new FormatException(message)));
    }
}
