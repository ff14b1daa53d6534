using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.PostureRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class PostureRulesAnalyzerTests
{
    [Fact]
    public Task DuplicateNamesAndUnknownVault_ReportTheRulesTableIds() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddVault("prod")
                    .AddVault({|#0:"prod"|})
                    .AddVault("prod")
                    .AddPlan("daily", p => p
                        .AddRule("daily", r => r.InVault({|#1:"missing"|}))
                        .AddRule({|#2:"daily"|}, r => r.InExistingVault("Default")))
                    .AddPlan({|#3:"daily"|}, p => p.AddRule("weekly", r => r.InVault("prod")))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.DuplicateName).WithLocation(0).WithArguments("Backup vault", "prod", 3, "an account and Region"),
            VerifyCS.Diagnostic(RuleIds.UnknownTargetVault).WithLocation(1).WithArguments("missing"),
            VerifyCS.Diagnostic(RuleIds.DuplicateName).WithLocation(2).WithArguments("Backup rule", "daily", 2, "plan 'daily'"),
            VerifyCS.Diagnostic(RuleIds.DuplicateName).WithLocation(3).WithArguments("Backup plan", "daily", 2, "an account and Region"));

    [Fact]
    public Task PartialPosture_DoesNotGuessAboutVaults() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture FromBase(BackupPostureBuilder shared) => shared
                    .AddPlan("daily", p => p.AddRule("daily", r => r.InVault("declared-in-shared")))
                    .Build();

                BackupPosture Computed(string vault) => BackupPosture.Create()
                    .AddVault(vault)
                    .AddPlan("daily", p => p.AddRule("daily", r => r.InVault("computed")))
                    .Build();

                BackupPosture Valid() => BackupPosture.Create()
                    .AddVault("prod")
                    .AddPlan("daily", p => p
                        .AddRule("daily", r => r.InVault("prod"))
                        .AddRule("weekly", r => r.InVault("missing").InVault("prod")))
                    .Build();
            }
            """);

    [Fact]
    public Task RetentionOutsideTheVaultLock_ReportsBK7001() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(int days) => BackupPosture.Create()
                    .AddVault("bounded", v => v.Lock(VaultLock.Governance(Retention.Days(7), Retention.Days(30))))
                    .AddVault("air-gapped", v => v.LogicallyAirGapped(Retention.Days(7), Retention.Days(365)))
                    .AddPlan("daily", p => p
                        .AddRule("too-long", r => r.InVault("bounded").DeleteAfter({|#0:Retention.Days(60)|}))
                        .{|#1:AddRule|}("forever", r => r.InVault("air-gapped"))
                        .AddRule("fits", r => r.InVault("bounded").DeleteAfter(Retention.Days(30)))
                        .AddRule("unknown", r => r.InVault("bounded").DeleteAfter(Retention.Days(days))))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.RuleRetentionOutsideVaultLock).WithLocation(0).WithArguments("for 60 days", "bounded", "from 7 days to 30 days"),
            VerifyCS.Diagnostic(RuleIds.RuleRetentionOutsideVaultLock).WithLocation(1).WithArguments("forever", "air-gapped", "from 7 days to 365 days"));
}
