using BackupKit.Analyzers.Rules;
using BackupKit.Analyzers.Tests.Verifiers;
using BackupKit.Rules;
using Microsoft.CodeAnalysis;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.PlanWithoutCrossRegionCopyAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class PlanWithoutCrossRegionCopyAnalyzerTests
{
    private const string PlanWithoutCopy = /* lang=c#-test */ """
        using BackupKit.Building;
        using BackupKit.Model;

        class C
        {
            BackupPosture M() => BackupPosture.Create()
                .{|#0:AddPlan|}("daily", p => p
                    .AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35)))
                    .AddRule("weekly", r => r.InVault("prod").Weekly(System.DayOfWeek.Saturday).DeleteAfter(Retention.Days(90))))
                .Build();
        }
        """;

    [Fact]
    public Task PlanWithoutCopyAction_Reports() =>
        VerifyCS.VerifyAnalyzerAsync(
            PlanWithoutCopy,
            VerifyCS.Diagnostic(RuleIds.PlanWithoutCrossRegionCopy).WithLocation(0).WithArguments("daily"));

    [Fact]
    public Task PlanPresetWithoutCopyAction_Reports() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .{|#0:AddPlan|}("standard", p => p.ApplyPreset(BackupPlanPreset.Daily35DayRetention, "prod"))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.PlanWithoutCrossRegionCopy).WithLocation(0).WithArguments("standard"));

    [Fact]
    public Task OneRuleCopiesToAnotherRegion_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35)))
                        .AddRule("weekly", r => r
                            .InVault("prod")
                            .Weekly(System.DayOfWeek.Saturday)
                            .DeleteAfter(Retention.Days(90))
                            .CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr", c => c.DeleteAfter(Retention.Days(90)))))
                    .Build();
            }
            """);

    [Fact]
    public Task RuleConfiguredElsewhere_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(Action<BackupRuleBuilder> configure) => BackupPosture.Create()
                    .AddPlan("daily", p => p.AddRule("daily", configure))
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
                class BackupPostureBuilder { public BackupPostureBuilder AddPlan(string name, Action<BackupPlanBuilder> configure) => this; }

                class C
                {
                    void M(BackupPostureBuilder posture) => posture.AddPlan("daily", p => p.AddRule("daily", r => r.InVault("prod")));
                }
            }
            """);

    // Through a workspace project with a real .editorconfig, as the compiler and the IDE apply it (the testing
    // library pins the descriptor's own severity, which hides a raised one).
    [Theory]
    [InlineData(null, DiagnosticSeverity.Warning)]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("none", null)]
    public async Task SeverityInEditorConfig_IsApplied(string? configured, DiagnosticSeverity? expected)
    {
        var editorConfig = configured is null ? "root = true\n" : $"root = true\n\n[*.cs]\ndotnet_diagnostic.BK1002.severity = {configured}\n";
        var diagnostics = await WorkspaceAnalyzerRunner.RunAsync(new PlanWithoutCrossRegionCopyAnalyzer(), PlanWithoutCopy.Replace("{|#0:AddPlan|}", "AddPlan"), editorConfig);

        var bk9002 = diagnostics.Where(d => d.Id == RuleIds.PlanWithoutCrossRegionCopy).ToList();
        if (expected is null)
        {
            Assert.Empty(bk9002);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(bk9002).Severity);
        }
    }
}
