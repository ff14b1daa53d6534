using BackupKit.Analyzers.CodeFixes.Rules;
using BackupKit.Analyzers.Rules;
using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.RuleWithoutRetentionAnalyzer>;
using VerifyFix = BackupKit.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    BackupKit.Analyzers.Rules.RuleWithoutRetentionAnalyzer,
    BackupKit.Analyzers.CodeFixes.Rules.AddRetentionCodeFixProvider>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class RuleWithoutRetentionAnalyzerTests
{
    [Fact]
    public Task RuleWithoutDeleteAfter_Reports() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddVault("prod", v => v.Lock(VaultLock.Governance()))
                    .AddPlan("daily", p => p.{|#0:AddRule|}("daily", r => r.InVault("prod").Daily()))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.RuleWithoutRetention).WithLocation(0).WithArguments("daily"));

    // `plan?.AddRule(...)` names its method through a member binding, not a member access: the analyzers' cheap name
    // filter must still let it through (the diagnostic covers the bound call, as it always has for `?.`).
    [Fact]
    public Task RuleAddedThroughConditionalAccessWithoutDeleteAfter_Reports() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPlanBuilder? M(BackupPlanBuilder? plan) => plan?{|#0:.AddRule("daily", r => r.InVault("prod").Daily())|};
            }
            """,
            VerifyCS.Diagnostic(RuleIds.RuleWithoutRetention).WithLocation(0).WithArguments("daily"));

    [Fact]
    public Task RuleWithDeleteAfter_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p.AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35))))
                    .Build();
            }
            """);

    [Fact]
    public Task ExplicitKeepForeverOrPreset_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .AddRule("archive", r => r.InVault("prod").Monthly().KeepForever())
                        .AddRule("preset", r => r.ApplyPreset(BackupRulePreset.Daily).InVault("prod")))
                    .Build();
            }
            """);

    [Fact]
    public Task ConfigurationNotVisible_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                static void Configure(BackupRuleBuilder rule) => rule.InVault("prod");

                BackupPosture M(Action<BackupRuleBuilder> configure) => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .AddRule("method-group", Configure)
                        .AddRule("delegate", configure)
                        .AddRule("handed-over", r => Configure(r.Daily())))
                    .Build();
            }
            """);

    [Fact]
    public Task SameNamesWithoutBackupKit_DoesNotReport() =>
        VerifyCS.VerifyNoDiagnosticWithoutBackupKitAsync(/* lang=c#-test */ """
            using System;

            namespace Lookalike
            {
                class BackupRuleBuilder { public BackupRuleBuilder InVault(string name) => this; }
                class BackupPlanBuilder { public BackupPlanBuilder AddRule(string name, Action<BackupRuleBuilder> configure) => this; }

                class C
                {
                    void M(BackupPlanBuilder plan) => plan.AddRule("daily", r => r.InVault("prod"));
                }
            }
            """);

    [Fact]
    public Task ExpressionBody_CodeFixAppendsDeleteAfter() =>
        VerifyFix.VerifyCodeFixAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p.{|#0:AddRule|}("daily", r => r.InVault("prod").Daily()))
                    .Build();
            }
            """, /* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p.AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35))))
                    .Build();
            }
            """,
            AddRetentionCodeFixProvider.EquivalenceKey,
            VerifyFix.Diagnostic(RuleIds.RuleWithoutRetention).WithLocation(0).WithArguments("daily"));

    [Fact]
    public Task OneCallPerLineWithColdStorage_CodeFixKeepsLayoutAndTheNinetyDayGap() =>
        VerifyFix.VerifyCodeFixAsync(/* lang=c#-test */ """
            using BackupKit.Building;

            class C
            {
                BackupKit.Model.BackupPosture M() => BackupKit.Model.BackupPosture.Create()
                    .AddPlan("monthly", p => p.{|#0:AddRule|}("monthly", r => r
                        .InVault("prod")
                        .Monthly()
                        .MoveToColdStorageAfter(BackupKit.Model.Retention.Days(30))))
                    .Build();
            }
            """, /* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupKit.Model.BackupPosture M() => BackupKit.Model.BackupPosture.Create()
                    .AddPlan("monthly", p => p.AddRule("monthly", r => r
                        .InVault("prod")
                        .Monthly()
                        .MoveToColdStorageAfter(BackupKit.Model.Retention.Days(30))
                        .DeleteAfter(Retention.Days(120))))
                    .Build();
            }
            """,
            AddRetentionCodeFixProvider.EquivalenceKey,
            VerifyFix.Diagnostic(RuleIds.RuleWithoutRetention).WithLocation(0).WithArguments("monthly"));

    [Fact]
    public Task BlockBody_CodeFixAddsStatement() =>
        VerifyFix.VerifyCodeFixAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p.{|#0:AddRule|}("daily", r =>
                    {
                        r.InVault("prod");
                        r.Daily();
                    }))
                    .Build();
            }
            """, /* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p.AddRule("daily", r =>
                    {
                        r.InVault("prod");
                        r.Daily();
                        r.DeleteAfter(Retention.Days(35));
                    }))
                    .Build();
            }
            """,
            AddRetentionCodeFixProvider.EquivalenceKey,
            VerifyFix.Diagnostic(RuleIds.RuleWithoutRetention).WithLocation(0).WithArguments("daily"));
}
