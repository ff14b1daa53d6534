using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.RestoreTestingRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class RestoreTestingRulesAnalyzerTests
{
    [Fact]
    public Task InvalidConstantRestoreTesting_ReportsTheRulesTableIds() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPostureBuilder M(BackupPostureBuilder posture) => posture
                    .AddRestoreTestingPlan("weekly_test", t => t
                        .StartWithin({|#0:TimeSpan.FromMinutes(90)|})
                        .Test("volumes", {|#1:"ebs"|}, s => s.AllProtectedResources().ValidateWithin({|#2:TimeSpan.FromDays(8)|})));
            }
            """,
            VerifyCS.Diagnostic(RuleIds.RestoreTestingStartWindow).WithLocation(0).WithArguments("1 hour 30 minutes"),
            VerifyCS.Diagnostic(RuleIds.RestoreTestingResourceType).WithLocation(1).WithArguments("ebs"),
            VerifyCS.Diagnostic(RuleIds.RestoreTestingValidationWindow).WithLocation(2).WithArguments("8 days"));

    [Fact]
    public Task ValidOrNonConstantRestoreTesting_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using System;
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPostureBuilder M(BackupPostureBuilder posture, string type, int hours) => posture
                    .AddRestoreTestingPlan("weekly_test", t => t
                        .StartWithin(TimeSpan.FromHours(24))
                        .Test("volumes", "EBS", s => s.AllProtectedResources().ValidateWithin(TimeSpan.FromHours(4)))
                        .Test("computed", type, s => s.AllProtectedResources().ValidateWithin(TimeSpan.FromHours(hours))));
            }
            """);
}
