using BackupKit.Rules;

namespace BackupKit.Tests.Posture;

/// <summary>The pure rule functions the analyzers share, called on primitive inputs.</summary>
public sealed class RuleFunctionTests
{
    [Theory]
    [InlineData("cron(0 5 ? * * *)")]
    [InlineData("cron(0 12 * * ? *)")]
    [InlineData("cron(0 0 1 JAN,JUL ? *)")]
    [InlineData("cron(10 4 ? * SAT-SUN *)")]
    [InlineData("cron(10 4 ? * FRI-MON *)")]
    [InlineData("cron(0 8 ? * 2#1 *)")]
    [InlineData("cron(0 8 L * ? *)")]
    [InlineData("cron(0 8 ? * L *)")]
    [InlineData("cron(0 0-23/2 ? * * 1970)")]
    [InlineData("cron(59 23 31 12 ? 2199)")]
    [InlineData("cron(0 5 ? * mon-fri *)")]
    public void Valid_cron_expressions_pass(string expression) => Assert.Empty(ScheduleRules.CheckCron(expression));

    [Theory]
    [InlineData("0 5 ? * * *", "BK2001")]
    [InlineData("rate(12 hours)", "BK2001")]
    [InlineData("cron(0 5 ? * * * *)", "BK2001")]
    [InlineData("cron(0 5 ? * ? *)", "BK2001")]
    [InlineData("cron(60 5 ? * * *)", "BK2001")]
    [InlineData("cron(0 5 32 * ? *)", "BK2001")]
    [InlineData("cron(0 5 ? 13 * *)", "BK2001")]
    [InlineData("cron(0 5 ? * 8 *)", "BK2001")]
    [InlineData("cron(0 5 ? * 2#6 *)", "BK2001")]
    [InlineData("cron(0 5 ? * 2#1,3#2 *)", "BK2001")]
    [InlineData("cron(0 5 1,? * * *)", "BK2001")]
    [InlineData("cron(0 5 10-2 * ? *)", "BK2001")]
    [InlineData("cron(0 ? 1 * ? *)", "BK2001")]
    [InlineData("cron(0 5 ? * * 1969)", "BK2001")]
    [InlineData("cron(0/0 5 ? * * *)", "BK2001")]
    [InlineData("cron(* 5 ? * * *)", "BK2002")]
    [InlineData("cron(0-1 5 ? * * *)", "BK2002")]
    public void Invalid_cron_expressions_fail_with_their_rule(string expression, string ruleId)
    {
        var violation = Assert.Single(ScheduleRules.CheckCron(expression));

        Assert.Equal(ruleId, violation.RuleId);
        Assert.Equal(expression, violation.Value);
    }

    [Fact]
    public void Cron_frequency_reports_the_runs_per_hour()
    {
        var violation = Assert.Single(ScheduleRules.CheckCron("cron(0/20 * ? * * *)"));

        Assert.Equal(3, violation.Arguments[1]);
        Assert.Contains("3 times per hour", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Etc/UTC", true)]
    [InlineData("America/Los_Angeles", true)]
    [InlineData("Asia/Kolkata", true)]
    [InlineData("US/Pacific", true)]
    [InlineData("europe/paris", false)]
    [InlineData("Pacific Standard Time", false)]
    [InlineData("", false)]
    public void Time_zones_are_IANA_ids(string timeZone, bool known) =>
        Assert.Equal(known, ScheduleRules.CheckTimeZone(timeZone).Count == 0);

    [Fact]
    public void Restore_testing_names_allow_only_letters_digits_and_underscores()
    {
        Assert.Empty(NameRules.CheckRestoreTestingPlanName("weekly_restore_1"));
        Assert.Equal("BK1107", Assert.Single(NameRules.CheckRestoreTestingPlanName("weekly-restore")).RuleId);
        Assert.Empty(NameRules.CheckRestoreTestingSelectionName(new string('s', 50)));
        Assert.Equal("BK1108", Assert.Single(NameRules.CheckRestoreTestingSelectionName(new string('s', 51))).RuleId);
    }

    [Fact]
    public void The_cold_storage_gap_fix_only_suggests_moving_earlier_when_that_can_work()
    {
        var roomToMove = Assert.Single(LifecycleRules.CheckLifecycle(60, 120));
        Assert.Contains("Delete after at least 150 days", roomToMove.Fix, StringComparison.Ordinal);
        Assert.Contains("no later than day 30", roomToMove.Fix, StringComparison.Ordinal);

        var noRoom = Assert.Single(LifecycleRules.CheckLifecycle(30, 30));
        Assert.DoesNotContain("no later than day", noRoom.Fix, StringComparison.Ordinal);
        Assert.Contains("drop the cold storage transition", noRoom.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Lifecycle_checks_take_nullable_days_where_null_means_never()
    {
        Assert.Empty(LifecycleRules.CheckLifecycle(null, null));
        Assert.Empty(LifecycleRules.CheckLifecycle(5, null));
        // A delete-after AWS refuses outright is one finding, not also a cold storage gap (nor a continuous one below).
        Assert.Equal(["BK3001"], LifecycleRules.CheckLifecycle(0, 0).Select(v => v.RuleId));
        Assert.Equal(["BK3003"], LifecycleRules.CheckLifecycle(0, 89).Select(v => v.RuleId));
        Assert.Empty(LifecycleRules.CheckContinuousBackup(true, null, -1));
        Assert.Empty(RetentionRules.CheckRuleRetention(-1, "locked", 7, 30));
        Assert.Empty(LifecycleRules.CheckContinuousBackup(false, 30, null));
        Assert.Equal(["BK3004", "BK3005"], LifecycleRules.CheckContinuousBackup(true, 1, null).Select(v => v.RuleId));
    }

    [Fact]
    public void Schedule_preset_arguments_are_BK2007_with_the_range_in_the_message()
    {
        Assert.Empty(ScheduleRules.CheckHourlyMinute(59));
        Assert.Equal("Schedule minute -1 is out of range: minutes are 0 to 59", Assert.Single(ScheduleRules.CheckHourlyMinute(-1)).Message);
        Assert.Empty(ScheduleRules.CheckEveryHours(12, 11, 59));
        Assert.Equal("schedule.startingAt", Assert.Single(ScheduleRules.CheckEveryHours(12, 12, 0)).Member);
        Assert.Equal("schedule.hours", Assert.Single(ScheduleRules.CheckEveryHours(0, 0, 0)).Member);
        Assert.Empty(ScheduleRules.CheckDayOfMonth(31));
        Assert.Single(ScheduleRules.CheckDayOfMonth(32));
        Assert.Empty(ScheduleRules.CheckDayOfWeek(6));
        Assert.Single(ScheduleRules.CheckDayOfWeek(7));
        Assert.Empty(ScheduleRules.CheckTimeOfDay(new TimeSpan(23, 59, 0)));
        Assert.Equal("Schedule time 05:00:00.5 is out of range: AWS schedules have minute precision",
            Assert.Single(ScheduleRules.CheckTimeOfDay(new TimeSpan(0, 5, 0, 0, 500))).Message);
        Assert.All(ScheduleRules.CheckDayOfMonth(0), v => Assert.Equal(RuleIds.SchedulePresetArgument, v.RuleId));
    }

    [Fact]
    public void Retention_inside_a_lock_range_passes_at_both_bounds()
    {
        Assert.Empty(RetentionRules.CheckRuleRetention(7, "v", 7, 30));
        Assert.Empty(RetentionRules.CheckRuleRetention(30, "v", 7, 30));
        Assert.Empty(RetentionRules.CheckRuleRetention(null, "v", 7, null));
        Assert.Single(RetentionRules.CheckRuleRetention(31, "v", 7, 30));
        Assert.Single(RetentionRules.CheckCopyRetention(6, "v", 7, 30));
    }

    [Fact]
    public void Violation_arguments_reproduce_the_message_for_analyzers()
    {
        var violation = Assert.Single(VaultRules.CheckVaultLock(30, 7, null));

        Assert.Equal(violation.Message, violation.Rule.FormatMessage([.. violation.Arguments]));
    }
}
