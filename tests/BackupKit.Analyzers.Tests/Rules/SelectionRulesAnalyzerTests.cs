using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.SelectionRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class SelectionRulesAnalyzerTests
{
    [Fact]
    public Task RoleNameInsteadOfArnForBackupOrRestoreTesting_ReportsBK5001() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("daily", p => p.Select("all", s => s.WithRole({|#0:"AWSBackupDefaultServiceRole"|}).AllResources()))
                    .AddRestoreTestingPlan("weekly_test", t => t.Test("volumes", "EBS", s => s.AllProtectedResources().WithRole({|#1:"restore-role"|})))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.IamRoleArn).WithLocation(0).WithArguments("AWSBackupDefaultServiceRole"),
            VerifyCS.Diagnostic(RuleIds.IamRoleArn).WithLocation(1).WithArguments("restore-role"));

    [Fact]
    public Task InvalidResourcePatterns_ReportBK5003PerEntry() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(string computed) => BackupPosture.Create()
                    .AddPlan("daily", p => p.Select("tables", s => s
                        .WithDefaultServiceRole()
                        .Include("arn:aws:dynamodb:us-east-1:123456789012:table/orders", {|#0:"orders"|}, computed)
                        .Except({|#1:"table/*"|})))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.ResourceArnPattern).WithLocation(0)
                .WithArguments("orders", "it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>) or '*'"),
            VerifyCS.Diagnostic(RuleIds.ResourceArnPattern).WithLocation(1)
                .WithArguments("table/*", "it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>) or '*'"));

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
                        .Select("configured", s => s.WithRole(role).AllResources())
                        .Select("patterns", s => s.WithDefaultServiceRole().Include("arn:aws:ec2:*:*:volume/*", "arn:aws:s3:::logs-*").Except("arn:aws:ec2:us-east-1:123456789012:volume/vol-1")))
                    .Build();
            }
            """);
}
