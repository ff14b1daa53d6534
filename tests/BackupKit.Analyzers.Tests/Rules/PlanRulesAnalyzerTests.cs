using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.PlanRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class PlanRulesAnalyzerTests
{
    [Fact]
    public Task InvalidPlansVisibleInSource_ReportTheRulesTableIds() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                const string Dr = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr";

                BackupPosture M() => BackupPosture.Create()
                    .{|#0:AddPlan|}("empty", p => p.Tag("team", "storage"))
                    .AddPlan("many-copies", p => p
                        .{|#1:AddRule|}("daily", r => r
                            .CopyTo(Dr).CopyTo(Dr).CopyTo(Dr).CopyTo(Dr).CopyTo(Dr).CopyTo(Dr)
                            .CopyTo({|#2:"dr-vault"|})
                            .DirectToAirGappedVault({|#3:"air-gapped"|})))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.RuleCount).WithLocation(0).WithArguments(0),
            VerifyCS.Diagnostic(RuleIds.CopyActionCount).WithLocation(1).WithArguments(7),
            VerifyCS.Diagnostic(RuleIds.CopyDestinationArn).WithLocation(2).WithArguments("dr-vault"),
            VerifyCS.Diagnostic(RuleIds.AirGappedTargetArn).WithLocation(3).WithArguments("air-gapped"));

    [Fact]
    public Task ValidOrUncountablePlans_DoNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(string[] regions) => BackupPosture.Create()
                    .AddPlan("daily", p => p.AddRule("daily", r => r.CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr")))
                    .AddPlan("preset", p => p.ApplyPreset(BackupPlanPreset.Daily35DayRetention, "prod"))
                    .AddPlan("looped", p =>
                    {
                        foreach (var region in regions)
                        {
                            p.AddRule("to-" + region, r => r.CopyTo($"arn:aws:backup:{region}:123456789012:backup-vault:dr"));
                        }
                    })
                    .Build();
            }
            """);
}
