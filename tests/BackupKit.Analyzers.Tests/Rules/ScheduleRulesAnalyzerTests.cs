using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.ScheduleRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class ScheduleRulesAnalyzerTests
{
    [Fact]
    public Task InvalidConstantSchedules_ReportTheRulesTableIds() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .AddRule("both-days", r => r.Cron({|#0:"cron(0 5 * * * *)"|}))
                        .AddRule("rate", r => r.Cron({|#1:"rate(1 hour)"|}))
                        .AddRule("quarter-hourly", r => r.Cron({|#2:"cron(0/15 * ? * * *)"|}))
                        .AddRule("windows-zone", r => r.InTimeZone({|#3:"Pacific Standard Time"|}))
                        .AddRule("short-start", r => r.StartWithin({|#4:TimeSpan.FromMinutes(30)|}))
                        .AddRule("seconds", r => r.CompleteWithin({|#5:TimeSpan.FromSeconds(90)|})))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.CronSyntax).WithLocation(0)
                .WithArguments("cron(0 5 * * * *)", "exactly one of day-of-month and day-of-week must be '?' (e.g. 'cron(0 5 ? * * *)' or 'cron(0 5 1 * ? *)')"),
            VerifyCS.Diagnostic(RuleIds.CronSyntax).WithLocation(1)
                .WithArguments("rate(1 hour)", "rate() expressions are not accepted by AWS Backup; write a cron() expression"),
            VerifyCS.Diagnostic(RuleIds.CronFrequency).WithLocation(2).WithArguments("cron(0/15 * ? * * *)", 4),
            VerifyCS.Diagnostic(RuleIds.TimeZone).WithLocation(3).WithArguments("Pacific Standard Time"),
            VerifyCS.Diagnostic(RuleIds.StartWindow).WithLocation(4).WithArguments("30 minutes"),
            VerifyCS.Diagnostic(RuleIds.WholeMinutes).WithLocation(5).WithArguments("Completion window", "1 minute 30 seconds"));

    [Fact]
    public Task CompletionShorterThanStart_ReportsBK2005() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p.AddRule("daily", r => r
                        .StartWithin(TimeSpan.FromHours(2))
                        .CompleteWithin({|#0:TimeSpan.FromHours(1)|})))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.CompletionWindow).WithLocation(0)
                .WithArguments("1 hour", "it is shorter than the start window of 2 hours, so a job that starts late is cancelled before it can run"));

    [Fact]
    public Task RestoreTestingSchedule_IsCheckedWithoutTheHourlyLimit() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPostureBuilder M(BackupPostureBuilder posture) => posture
                    .AddRestoreTestingPlan("weekly_test", t => t.Cron({|#0:"cron(0 5 * * * *)"|}).InTimeZone({|#1:"CET Standard"|}))
                    .AddRestoreTestingPlan("often_test", t => t.Cron("cron(0/15 * ? * * *)"));
            }
            """,
            VerifyCS.Diagnostic(RuleIds.CronSyntax).WithLocation(0)
                .WithArguments("cron(0 5 * * * *)", "exactly one of day-of-month and day-of-week must be '?' (e.g. 'cron(0 5 ? * * *)' or 'cron(0 5 1 * ? *)')"),
            VerifyCS.Diagnostic(RuleIds.TimeZone).WithLocation(1).WithArguments("CET Standard"));

    [Fact]
    public Task ValidOrNonConstantSchedules_DoNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(string cron, int minutes) => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .AddRule("daily", r => r
                            .Cron("cron(0 5 ? * MON-FRI *)")
                            .InTimeZone("Europe/Paris")
                            .StartWithin(TimeSpan.FromHours(1))
                            .CompleteWithin(TimeSpan.FromDays(2)))
                        .AddRule("configured", r => r.Cron(cron).StartWithin(TimeSpan.FromMinutes(minutes))))
                    .Build();
            }
            """);

    [Fact]
    public Task PresetArgumentsOutOfRange_ReportBK2007OnTheArgument() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                const int Minute = 60;

                static int Day() => 32;

                BackupPosture M(int day) => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .AddRule("hourly", r => r.Hourly({|#0:Minute|}))
                        .AddRule("every", r => r.EveryHours({|#1:24|}, new TimeOnly(0, 0)))
                        .AddRule("from-7", r => r.EveryHours(5, {|#2:new TimeOnly(7, 0)|}))
                        .AddRule("monthly", r => r.Monthly({|#3:Day()|}))
                        .AddRule("weekly", r => r.Weekly({|#4:(DayOfWeek)9|}))
                        .AddRule("seconds", r => r.MonthlyOnLastDay({|#5:new TimeOnly(5, 0, 30)|}))
                        .AddRule("valid", r => r.EveryHours(12, new TimeOnly(5, 0)).Monthly(31).Weekly(DayOfWeek.Saturday).Hourly(59))
                        .AddRule("unknown", r => r.Monthly(day)))
                    .AddRestoreTestingPlan("test", t => t.Monthly({|#6:0|}).FromAllVaults())
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.SchedulePresetArgument).WithLocation(0).WithArguments("minute", "60", "minutes are 0 to 59"),
            VerifyCS.Diagnostic(RuleIds.SchedulePresetArgument).WithLocation(1).WithArguments("interval", "24 hours", "every 1 to 23 hours"),
            VerifyCS.Diagnostic(RuleIds.SchedulePresetArgument).WithLocation(2).WithArguments("first run", "07:00", "every 5 hours starts before 05:00 each day"),
            VerifyCS.Diagnostic(RuleIds.SchedulePresetArgument).WithLocation(3).WithArguments("day of month", "32", "days 1 to 31 (MonthlyOnLastDay for month ends)"),
            VerifyCS.Diagnostic(RuleIds.SchedulePresetArgument).WithLocation(4).WithArguments("day of week", "9", "a DayOfWeek such as DayOfWeek.Saturday"),
            VerifyCS.Diagnostic(RuleIds.SchedulePresetArgument).WithLocation(5).WithArguments("time", "05:00:30", "AWS schedules have minute precision"),
            VerifyCS.Diagnostic(RuleIds.SchedulePresetArgument).WithLocation(6).WithArguments("day of month", "0", "days 1 to 31 (MonthlyOnLastDay for month ends)"));
}
