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
}
