using BackupKit.Rules;

namespace BackupKit.Tests.Posture;

/// <summary>
/// The one cron parser (rules, audit intervals and the emulator's scheduler): next runs and the expressions the rules
/// refuse.
/// </summary>
public sealed class AwsCronTests
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
        var cron = AwsCron.TryParse(expression, out var error) ?? throw new FormatException(error);

        var runs = cron.NextRuns(Start, TimeZoneInfo.Utc).Take(2).ToArray();

        Assert.Equal([DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(second, System.Globalization.CultureInfo.InvariantCulture)], runs);
    }

    [Fact]
    public void Runs_are_read_in_the_rule_time_zone()
    {
        var cron = AwsCron.TryParse("cron(0 5 ? * * *)", out var error) ?? throw new FormatException(error);
        var paris = AwsFacts.FindTimeZone("Europe/Paris")!;

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
        Assert.NotEmpty(ScheduleRules.CheckCron(expression));
    }

    [Fact]
    public void A_local_time_skipped_by_daylight_saving_does_not_run()
    {
        // 02:30 does not exist in Paris on 29 March 2026 (clocks go from 02:00 to 03:00).
        var cron = AwsCron.TryParse("cron(30 2 ? * * *)", out var error) ?? throw new FormatException(error);
        var paris = AwsFacts.FindTimeZone("Europe/Paris")!;

        var runs = cron.NextRuns(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), paris).Take(2).ToArray();

        Assert.Equal([new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 30, 0, TimeSpan.Zero)], runs);
    }

    [Theory]
    [InlineData("Pacific Standard Time")]
    [InlineData("Mars/Olympus_Mons")]
    public void Time_zones_come_from_the_IANA_list_of_the_rules(string id)
    {
        Assert.Null(AwsFacts.FindTimeZone(id));
        Assert.NotEmpty(ScheduleRules.CheckTimeZone(id));
    }
}
