using BackupKit.Building;
using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Posture;

public sealed class SchedulePresetTests
{
    private static BackupRule Rule(Action<BackupRuleBuilder> configure) =>
        BackupPosture.Create().AddVault("vault").AddPlan("p", p => p.AddRule("r", r => configure(r.InVault("vault")))).Build().Plans[0].Rules[0];

    [Theory]
    [InlineData("hourly", "cron(0 * ? * * *)")]
    [InlineData("hourly-at-45", "cron(45 * ? * * *)")]
    [InlineData("every-12h", "cron(30 5/12 ? * * *)")]
    [InlineData("daily-default", "cron(0 5 ? * * *)")]
    [InlineData("daily-2330", "cron(30 23 ? * * *)")]
    [InlineData("weekly-saturday", "cron(0 5 ? * SAT *)")]
    [InlineData("weekly-sunday-0100", "cron(0 1 ? * SUN *)")]
    [InlineData("monthly-first", "cron(0 5 1 * ? *)")]
    [InlineData("monthly-15th-0215", "cron(15 2 15 * ? *)")]
    [InlineData("monthly-last-day", "cron(0 5 L * ? *)")]
    public void Presets_render_AWS_cron(string preset, string expected)
    {
        Action<BackupRuleBuilder> configure = preset switch
        {
            "hourly" => r => r.Hourly(),
            "hourly-at-45" => r => r.Hourly(45),
            "every-12h" => r => r.EveryHours(12, new TimeOnly(5, 30)),
            "daily-default" => r => r.Daily(),
            "daily-2330" => r => r.Daily(at: new TimeOnly(23, 30)),
            "weekly-saturday" => r => r.Weekly(DayOfWeek.Saturday),
            "weekly-sunday-0100" => r => r.Weekly(DayOfWeek.Sunday, new TimeOnly(1, 0)),
            "monthly-first" => r => r.Monthly(),
            "monthly-15th-0215" => r => r.Monthly(15, new TimeOnly(2, 15)),
            "monthly-last-day" => r => r.MonthlyOnLastDay(),
            _ => throw new ArgumentOutOfRangeException(nameof(preset)),
        };

        Assert.Equal(expected, Rule(configure).Schedule!.CronExpression);
        Assert.Empty(Rules.ScheduleRules.CheckCron(expected));
    }

    [Fact]
    public void Time_zone_is_kept_beside_the_expression()
    {
        var schedule = Rule(r => r.Daily(new TimeOnly(2, 0)).InTimeZone("Europe/Paris")).Schedule!;

        Assert.Equal(new BackupSchedule { CronExpression = "cron(0 2 ? * * *)", TimeZone = "Europe/Paris" }, schedule);
    }

    [Fact]
    public void Preset_arguments_that_cannot_be_expressed_are_collected_into_the_one_exception()
    {
        var builder = BackupPosture.Create()
            .AddVault("vault")
            .AddPlan("p", p => p
                .AddRule("seconds", r => r.InVault("vault").Daily(new TimeOnly(5, 0, 30)).DeleteAfter(Days(35)))
                .AddRule("day-32", r => r.InVault("vault").Monthly(32).DeleteAfter(Days(35)))
                .AddRule("minute-60", r => r.InVault("vault").Hourly(60).DeleteAfter(Days(35)))
                .AddRule("from-7", r => r.InVault("vault").EveryHours(6, new TimeOnly(7, 0)).DeleteAfter(Days(35)))
                .AddRule("replaced", r => r.InVault("vault").Monthly(32).Cron("cron(0 5 1 * ? *)").DeleteAfter(Days(35))))
            .AddRestoreTestingPlan("rt", t => t.Weekly((DayOfWeek)7).FromAllVaults().Test("ebs", "EBS", s => s.AllProtectedResources()));

        var exception = Assert.Throws<BackupPostureValidationException>(builder.Build);

        // Each preset is one BK2007 finding at the argument's path, never also a cron finding for an expression the
        // preset could not render; a later schedule replaces an earlier preset's finding, as it replaces its expression.
        var errors = exception.Violations.Where(v => v.Severity == ViolationSeverity.Error).Select(v => (v.RuleId, v.Path)).ToList();
        Assert.Equal(
            [
                ("BK2007", "plans[p].rules[seconds].schedule.at"),
                ("BK2007", "plans[p].rules[day-32].schedule.dayOfMonth"),
                ("BK2007", "plans[p].rules[minute-60].schedule.minute"),
                ("BK2007", "plans[p].rules[from-7].schedule.startingAt"),
                ("BK2007", "restoreTestingPlans[rt].schedule.day"),
            ],
            errors);
        Assert.Contains(exception.Violations, v => v.Message == "Schedule first run 07:00 is out of range: every 6 hours starts before 06:00 each day" &&
                                                   v.Fix.Contains("EveryHours(6, new TimeOnly(1, 0))", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_presets_match_the_CDK_catalogue()
    {
        Assert.Equal(new Lifecycle { DeleteAfter = Days(35) }, Rule(r => r.ApplyPreset(BackupRulePreset.Daily)).Lifecycle);
        Assert.Equal("cron(0 5 ? * SAT *)", Rule(r => r.ApplyPreset(BackupRulePreset.Weekly)).Schedule!.CronExpression);
        Assert.Equal(new Lifecycle { DeleteAfter = Days(90) }, Rule(r => r.ApplyPreset(BackupRulePreset.Weekly)).Lifecycle);
        Assert.Equal(new Lifecycle { MoveToColdStorageAfter = Days(30), DeleteAfter = Days(365) }, Rule(r => r.ApplyPreset(BackupRulePreset.Monthly1Year)).Lifecycle);
        Assert.Equal(new Lifecycle { MoveToColdStorageAfter = Days(90), DeleteAfter = Days(1825) }, Rule(r => r.ApplyPreset(BackupRulePreset.Monthly5Year)).Lifecycle);
        Assert.Equal(new Lifecycle { MoveToColdStorageAfter = Days(90), DeleteAfter = Days(2555) }, Rule(r => r.ApplyPreset(BackupRulePreset.Monthly7Year)).Lifecycle);
        Assert.True(Rule(r => r.ApplyPreset(BackupRulePreset.HourlyWithContinuous35Day)).ContinuousBackup);
    }

    [Fact]
    public void Plan_presets_add_named_rules_and_document_their_audit_controls()
    {
        var plan = BackupPosture.Create().AddVault("vault")
            .AddPlan("p", p => p.ApplyPreset(BackupPlanPreset.DailyWeeklyMonthly7YearRetention, "vault"))
            .Build().Plans[0];

        Assert.Equal(["daily", "weekly", "monthly"], plan.Rules.Select(r => r.Name));
        Assert.All(plan.Rules, r => Assert.Equal("vault", r.TargetVaultName));
        Assert.Equal(Days(2555), plan.Rules[2].Lifecycle!.DeleteAfter);
        Assert.All(BackupPlanPreset.All, preset =>
            Assert.Contains(preset.SatisfiesAuditControls, c => c.ControlName == "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"));
        Assert.Equal(5, BackupPlanPreset.All.Count);
    }
}
