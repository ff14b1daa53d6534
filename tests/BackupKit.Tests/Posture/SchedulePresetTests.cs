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
    public void Preset_arguments_that_cannot_be_expressed_fail_at_the_call()
    {
        var rule = BackupPosture.Create().AddVault("vault");
        Assert.Throws<ArgumentException>(() => rule.AddPlan("p", p => p.AddRule("r", r => r.Daily(new TimeOnly(5, 0, 30)))));
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.AddPlan("p", p => p.AddRule("r", r => r.Monthly(32))));
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.AddPlan("p", p => p.AddRule("r", r => r.Hourly(60))));
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.AddPlan("p", p => p.AddRule("r", r => r.EveryHours(6, new TimeOnly(7, 0)))));
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
