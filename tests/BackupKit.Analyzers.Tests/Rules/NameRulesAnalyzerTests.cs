using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.NameRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class NameRulesAnalyzerTests
{
    [Fact]
    public Task InvalidConstantNamesAndTags_ReportTheRulesTableIds() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                const string Vault = "prod.vault";

                BackupPosture M() => BackupPosture.Create()
                    .AddVault({|#0:Vault|}, v => v.Tag({|#1:""|}, "x"))
                    .AddPlan({|#2:"daily plan"|}, p => p
                        .AddRule({|#3:"daily/1"|}, r => r.InVault("prod"))
                        .Select({|#4:"all resources"|}, s => s.WithDefaultServiceRole().AllResources()))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.VaultName).WithLocation(0).WithArguments("prod.vault"),
            VerifyCS.Diagnostic(RuleIds.TagLength).WithLocation(1).WithArguments("", "the key must be 1 to 128 characters"),
            VerifyCS.Diagnostic(RuleIds.PlanName).WithLocation(2).WithArguments("daily plan"),
            VerifyCS.Diagnostic(RuleIds.RuleName).WithLocation(3).WithArguments("daily/1"),
            VerifyCS.Diagnostic(RuleIds.SelectionName).WithLocation(4).WithArguments("all resources"));

    [Fact]
    public Task InvalidRestoreTestingNames_ReportBK1107AndBK1108() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPostureBuilder M(BackupPostureBuilder posture) => posture
                    .AddRestoreTestingPlan({|#0:"weekly-test"|}, t => t.Test({|#1:"rds-instances"|}, "RDS", s => { }))
                    .AddRestoreTestingPlan("weekly_test", t => t.Test("rds_instances", "RDS", s => { }));
            }
            """,
            VerifyCS.Diagnostic(RuleIds.RestoreTestingPlanName).WithLocation(0).WithArguments("weekly-test"),
            VerifyCS.Diagnostic(RuleIds.RestoreTestingSelectionName).WithLocation(1).WithArguments("rds-instances"));

    [Fact]
    public Task ValidOrNonConstantNames_DoNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(string environment) => BackupPosture.Create()
                    .AddVault("prod-vault_1", v => v.Tag("team", ""))
                    .AddVault(environment + ".vault")
                    .AddPlan("daily.plan", p => p
                        .AddRule("daily-1", r => r.InVault("prod-vault_1"))
                        .Select(environment, s => s.WithDefaultServiceRole().AllResources()))
                    .Build();
            }
            """);
}
