using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.SelectionRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class SelectionRulesAnalyzerTests
{
    [Fact]
    public Task RoleNameInsteadOfArn_ReportsBK5001() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p.Select("all", s => s.WithRole({|#0:"AWSBackupDefaultServiceRole"|}).AllResources()))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(DiagnosticDescriptors.ForRule(RuleIds.IamRoleArn)).WithLocation(0).WithArguments("AWSBackupDefaultServiceRole"));

    [Fact]
    public Task RoleArnOrNonConstant_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(string role) => BackupPosture.Create()
                    .AddPlan("daily", p => p
                        .Select("all", s => s.WithRole("arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole").AllResources())
                        .Select("configured", s => s.WithRole(role).AllResources()))
                    .Build();
            }
            """);
}
