using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.LifecycleRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class LifecycleRulesAnalyzerTests
{
    [Fact]
    public Task InvalidConstantLifecycles_ReportTheRulesTableIds() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .AddRule("gap", r => r.MoveToColdStorageAfter(Retention.Days(30)).DeleteAfter({|#0:Retention.Days(100)|}))
                        .AddRule("zero", r => r.DeleteAfter({|#1:Retention.Days(0)|}))
                        .AddRule("pitr-long", r => r.EnableContinuousBackup().DeleteAfter({|#2:Retention.Weeks(6)|}))
                        .AddRule("pitr-forever", r => r.{|#3:EnableContinuousBackup|}())
                        .AddRule("copy", r => r
                            .DeleteAfter(Retention.Days(35))
                            .CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr", c => c
                                .MoveToColdStorageAfter(Retention.Days(10))
                                .DeleteAfter({|#4:Retention.Days(20)|}))))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.ColdToDeleteGap).WithLocation(0).WithArguments("100 days", "30 days"),
            VerifyCS.Diagnostic(RuleIds.DeleteAfterRange).WithLocation(1).WithArguments("0 days"),
            VerifyCS.Diagnostic(RuleIds.ContinuousRetention).WithLocation(2).WithArguments("for 42 days"),
            VerifyCS.Diagnostic(RuleIds.ContinuousRetention).WithLocation(3).WithArguments("forever"),
            VerifyCS.Diagnostic(RuleIds.ColdToDeleteGap).WithLocation(4).WithArguments("20 days", "10 days"));

    [Fact]
    public Task ValidReplacedOrUnknownLifecycles_DoNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(int days, bool archive) => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .AddRule("monthly", r => r.MoveToColdStorageAfter(Retention.Days(30)).DeleteAfter(Retention.Days(120)))
                        .AddRule("seven-years", r => r.MoveToColdStorageAfter(Retention.Days(90)).DeleteAfter(Retention.Years(7)))
                        .AddRule("replaced", r => r.DeleteAfter(Retention.Days(0)).DeleteAfter(Retention.Days(35)))
                        .AddRule("kept", r => r.MoveToColdStorageAfter(Retention.Days(30)).KeepForever())
                        .AddRule("pitr", r => r.EnableContinuousBackup().DeleteAfter(Retention.Days(35)))
                        .AddRule("unknown", r => r.MoveToColdStorageAfter(Retention.Days(30)).DeleteAfter(Retention.Days(days)))
                        .AddRule("preset", r => r.ApplyPreset(BackupRulePreset.Daily).MoveToColdStorageAfter(Retention.Days(30)))
                        .AddRule("conditional", r =>
                        {
                            r.MoveToColdStorageAfter(Retention.Days(30));
                            if (archive)
                            {
                                r.DeleteAfter(Retention.Days(100));
                            }
                        }))
                    .Build();
            }
            """);
}
