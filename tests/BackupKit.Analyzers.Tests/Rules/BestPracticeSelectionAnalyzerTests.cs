using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.BestPracticeSelectionAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class BestPracticeSelectionAnalyzerTests
{
    [Fact]
    public Task SelectionOnlyByConstantArns_ReportsBK1006() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                const string Orders = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";

                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("prod", p => p
                        .AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35)))
                        .{|#0:Select|}("tables", s => s.Include(Orders, "arn:aws:dynamodb:us-east-1:123456789012:table/customers").Except(Orders)))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.SelectionOnlyByArn).WithLocation(0).WithArguments("tables", "prod", 2));

    [Theory]
    [InlineData("s => s.Include(\"arn:aws:dynamodb:us-east-1:123456789012:table/orders\").WhereTag(\"backup\", \"prod\")")]
    [InlineData("s => s.Include(\"arn:aws:dynamodb:us-east-1:123456789012:table/orders-*\")")]
    [InlineData("s => s.AllResources().RequireTag(\"env\", \"prod\")")]
    [InlineData("s => s.WhereTag(\"backup\", \"prod\")")]
    [InlineData("s => s.Include(Arns())")]
    public Task SelectionByTagOrWildcard_OrUnknownArns_DoesNotReportBK1006(string lambda) =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ $$"""
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                static string[] Arns() => new[] { "arn:aws:dynamodb:us-east-1:123456789012:table/orders" };

                BackupPosture M() => BackupPosture.Create()
                    .AddPlan("prod", p => p
                        .AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35)))
                        .Select("tables", {{lambda}}))
                    .Build();
            }
            """);

    [Theory]
    [InlineData("ts => ts.AllProtectedResources()")]
    [InlineData("ts => ts.AllProtectedResources().ValidateWithin(System.TimeSpan.FromHours(0))")]
    [InlineData("ts => ts.AllProtectedResources().ValidateWithin(new System.TimeSpan(0, 0, 0))")]
    public Task RestoreTestWithoutValidationWindow_ReportsBK1008(string lambda) =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ $$"""
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddRestoreTestingPlan("weekly_restore", t => t
                        .Weekly(System.DayOfWeek.Sunday).LatestRecoveryPoint().FromAllVaults()
                        .{|#0:Test|}("tables", "DynamoDB", {{lambda}}))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.RestoreTestingWithoutValidationWindow).WithLocation(0).WithArguments("tables", "weekly_restore"));

    [Theory]
    [InlineData("ts => ts.AllProtectedResources().ValidateWithin(System.TimeSpan.FromHours(4))")]
    [InlineData("ts => ts.AllProtectedResources().ValidateWithin(Window())")]
    public Task RestoreTestWithAWindow_OrAnUnknownOne_DoesNotReportBK1008(string lambda) =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ $$"""
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                static System.TimeSpan Window() => System.TimeSpan.FromHours(System.DateTime.Now.Hour + 1);

                BackupPosture M() => BackupPosture.Create()
                    .AddRestoreTestingPlan("weekly_restore", t => t
                        .Weekly(System.DayOfWeek.Sunday).LatestRecoveryPoint().FromAllVaults()
                        .Test("tables", "DynamoDB", {{lambda}}))
                    .Build();
            }
            """);
}
