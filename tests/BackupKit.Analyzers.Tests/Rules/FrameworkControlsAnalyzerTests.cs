using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.FrameworkControlsAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class FrameworkControlsAnalyzerTests
{
    private const string PlanControl = "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK";
    private const string PointControl = "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK";

    [Fact]
    public Task A_rule_keeping_fewer_days_than_a_declared_framework_requires_is_BK9101_on_its_retention() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddVault("prod")
                    .AddPlan("daily", p => p
                        .AddRule("short", r => r.Daily().InVault("prod").DeleteAfter({|#0:Retention.Days(7)|}))
                        .AddRule("long", r => r.Daily().InVault("prod").DeleteAfter(Retention.Days(35)))
                        .AddRule("forever", r => r.Daily().InVault("prod").KeepForever()))
                    .AddFramework("prod_audit", f => f
                        .Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromDays(1), Retention.Days(35)))
                        .Require(AuditControl.RecoveryPointMinimumRetention(Retention.Weeks(2)))
                        .Require(AuditControl.RecoveryPointEncrypted()))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.PlanFailsFrameworkControl).WithLocation(0)
                .WithArguments("daily", PlanControl, "prod_audit", "rule 'short' keeps recovery points 7 days; the control requires at least 35 days"),
            VerifyCS.Diagnostic(RuleIds.PlanFailsFrameworkControl).WithLocation(0)
                .WithArguments("daily", PointControl, "prod_audit", "rule 'short' creates recovery points kept 7 days; the control requires at least 14 days"));

    [Fact]
    public Task Copies_kept_shorter_than_the_minimum_retention_are_BK9101_on_their_retention_or_the_rules() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                const string Dr = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr";

                BackupPosture M() => BackupPosture.Create()
                    .AddVault("prod")
                    .AddPlan("p", p => p
                        .AddRule("own", r => r.Daily().InVault("prod").DeleteAfter(Retention.Days(35)).CopyTo(Dr, c => c.DeleteAfter({|#0:Retention.Days(10)|})))
                        .AddRule("inherited", r => r.Daily().InVault("prod").DeleteAfter({|#1:Retention.Days(20)|}).CopyTo(Dr))
                        .AddRule("long", r => r.Daily().InVault("prod").DeleteAfter({|#2:Retention.Days(20)|}).CopyTo(Dr, c => c.DeleteAfter(Retention.Days(365)))))
                    .AddFramework("f", f => f.Require(AuditControl.RecoveryPointMinimumRetention(Retention.Days(30))))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.PlanFailsFrameworkControl).WithLocation(0)
                .WithArguments("p", PointControl, "f", "rule 'own' keeps its copies in arn:aws:backup:us-west-2:123456789012:backup-vault:dr 10 days; the control requires at least 30 days"),
            VerifyCS.Diagnostic(RuleIds.PlanFailsFrameworkControl).WithLocation(1)
                .WithArguments("p", PointControl, "f", "rule 'inherited' creates recovery points kept 20 days; the control requires at least 30 days"),
            VerifyCS.Diagnostic(RuleIds.PlanFailsFrameworkControl).WithLocation(1)
                .WithArguments("p", PointControl, "f", "rule 'inherited' keeps its copies in arn:aws:backup:us-west-2:123456789012:backup-vault:dr 20 days; the control requires at least 30 days"),
            VerifyCS.Diagnostic(RuleIds.PlanFailsFrameworkControl).WithLocation(2)
                .WithArguments("p", PointControl, "f", "rule 'long' creates recovery points kept 20 days; the control requires at least 30 days"));

    [Fact]
    public Task Default_parameters_require_35_days_and_hourly_frequencies_are_read() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddVault("prod")
                    .AddFramework("defaults", f => f.Require(AuditControl.BackupPlanMinFrequencyAndMinRetention()))
                    .AddFramework("hourly", f => f.Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromHours(12), Retention.Days(30))))
                    .AddPlan("daily", p => p.AddRule("month", r => r.Hourly().InVault("prod").DeleteAfter({|#0:Retention.Days(31)|})))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.PlanFailsFrameworkControl).WithLocation(0)
                .WithArguments("daily", PlanControl, "defaults", "rule 'month' keeps recovery points 31 days; the control requires at least 35 days"));

    [Fact]
    public Task Unknown_values_scoped_controls_and_postures_without_frameworks_are_left_to_Validate() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture Computed(int days, AuditControl control) => BackupPosture.Create()
                    .AddVault("prod")
                    .AddPlan("daily", p => p.AddRule("r", r => r.InVault("prod").DeleteAfter(Retention.Days(days))))
                    .AddPlan("weekly", p => p.AddRule("r", r => r.InVault("prod").DeleteAfter(Retention.Days(7))))
                    .AddFramework("computed", f => f.Require(control).Require(AuditControl.RecoveryPointMinimumRetention(Retention.Days(days))))
                    .AddFramework("scoped", f => f.Require(AuditControl.RecoveryPointMinimumRetention(Retention.Days(35)).ForResourceTypes("RDS")))
                    .AddFramework("invalid", f => f.Require(AuditControl.BackupPlanMinFrequencyAndMinRetention({|#0:TimeSpan.FromDays(40)|}, Retention.Days(35))))
                    .Build();

                BackupPosture NoFramework() => BackupPosture.Create()
                    .AddVault("prod")
                    .AddPlan("weekly", p => p.AddRule("r", r => r.InVault("prod").DeleteAfter(Retention.Days(7))))
                    .Build();
            }
            """,
            // The invalid frequency is its own finding (BK9005), never a BK9101 judged against a value AWS refuses.
            VerifyCS.Diagnostic(RuleIds.ControlParameter).WithLocation(0)
                .WithArguments("requiredFrequencyValue", "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", "40 days is not a whole number from 1 to 31 days"));
}
