using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.VaultRulesAnalyzer>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class VaultRulesAnalyzerTests
{
    [Fact]
    public Task InvalidConstantVaultSettings_ReportTheRulesTableIds() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddVault("short-cooling-off", v => v.Lock(l => l.Compliance({|#0:Retention.Days(1)|}, ComplianceLock.IrreversibleAfterCoolingOff)))
                    .AddVault("inverted", v => v.{|#1:Lock|}(VaultLock.Governance(Retention.Days(30), Retention.Days(7))))
                    .AddVault("zero-min", v => v.Lock(l => l.Governance().MinRetention({|#2:Retention.Days(0)|})))
                    .AddVault("alias-key", v => v.EncryptWith({|#3:"alias/backup"|}))
                    .AddVault("short-air-gap", v => v.LogicallyAirGapped({|#4:Retention.Days(3)|}, Retention.Days(365)))
                    .AddVault("air-gap-and-lock", v => v.LogicallyAirGapped(Retention.Days(7), Retention.Days(365)).{|#5:Lock|}(VaultLock.Governance()))
                    .AddVault("bad-topic", v => v.NotifyTo({|#6:"my-topic"|}, BackupVaultEvents.BackupJobCompleted))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.LockChangeableFor).WithLocation(0).WithArguments("1 day"),
            VerifyCS.Diagnostic(RuleIds.LockRange).WithLocation(1).WithArguments("30 days", "7 days"),
            VerifyCS.Diagnostic(RuleIds.LockMinRetention).WithLocation(2).WithArguments("0 days"),
            VerifyCS.Diagnostic(RuleIds.KmsKeyArn).WithLocation(3)
                .WithArguments("alias/backup", "aliases are not accepted, AWS Backup needs the key ARN"),
            VerifyCS.Diagnostic(RuleIds.AirGappedRetention).WithLocation(4)
                .WithArguments("the minimum retention of 3 days is outside 7 to 36,500 days"),
            VerifyCS.Diagnostic(RuleIds.AirGappedWithLock).WithLocation(5).WithArguments("air-gap-and-lock"),
            VerifyCS.Diagnostic(RuleIds.SnsTopicArn).WithLocation(6).WithArguments("my-topic"));

    [Fact]
    public Task DeletionProtectionExceptingANonArn_IsReportedOnBothForms() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                const string Admin = "arn:aws:iam::123456789012:role/BackupAdmin";

                BackupPosture M() => BackupPosture.Create()
                    .AddVault("builder", v => v.DenyRecoveryPointDeletion(Admin, {|#0:"BreakGlass"|}))
                    .AddVault("static", v => v.WithAccessPolicy(VaultAccessPolicies.DenyRecoveryPointDeletion({|#1:"role/Admin"|})))
                    .AddVault("fine", v => v.DenyRecoveryPointDeletion(Admin))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.DeletionExceptionPrincipal).WithLocation(0).WithArguments("BreakGlass"),
            VerifyCS.Diagnostic(RuleIds.DeletionExceptionPrincipal).WithLocation(1).WithArguments("role/Admin"));

    [Fact]
    public Task ValidOrNonConstantVaultSettings_DoNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M(int coolingOff, string key) => BackupPosture.Create()
                    .AddVault("compliant", v => v.Lock(l => l.Compliance(Retention.Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Retention.Days(7)).MaxRetention(Retention.Years(10))))
                    .AddVault("governed", v => v.Lock(VaultLock.Governance(Retention.Days(7), Retention.Days(30))))
                    .AddVault("configured", v => v.Lock(l => l.Compliance(Retention.Days(coolingOff), ComplianceLock.IrreversibleAfterCoolingOff)).EncryptWith(key))
                    .AddVault("keyed", v => v.EncryptWith("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
                    .AddVault("air-gapped", v => v.LogicallyAirGapped(Retention.Days(7), Retention.Days(365)))
                    .AddVault("notified", v => v.NotifyTo("arn:aws:sns:us-east-1:123456789012:backup-events", BackupVaultEvents.BackupJobCompleted))
                    .Build();
            }
            """);
}
