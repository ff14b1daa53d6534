using BackupKit.Analyzers.CodeFixes.Rules;
using BackupKit.Rules;
using VerifyCS = BackupKit.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<BackupKit.Analyzers.Rules.VaultWithoutLockAnalyzer>;
using VerifyFix = BackupKit.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    BackupKit.Analyzers.Rules.VaultWithoutLockAnalyzer,
    BackupKit.Analyzers.CodeFixes.Rules.AddVaultLockCodeFixProvider>;

namespace BackupKit.Analyzers.Tests.Rules;

public sealed class VaultWithoutLockAnalyzerTests
{
    [Fact]
    public Task VaultWithoutConfigurationOrLock_Reports() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .{|#0:AddVault|}("prod")
                    .{|#1:AddVault|}("logs", v => v.EncryptWith("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
                    .Build();
            }
            """,
            VerifyCS.Diagnostic(RuleIds.VaultWithoutLock).WithLocation(0).WithArguments("prod"),
            VerifyCS.Diagnostic(RuleIds.VaultWithoutLock).WithLocation(1).WithArguments("logs"));

    [Fact]
    public Task LockedOrAirGappedVault_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddVault("governed", v => v.Lock(VaultLock.Governance(Retention.Days(7))))
                    .AddVault("compliant", v => v.Lock(l => l.Compliance(Retention.Days(3), ComplianceLock.IrreversibleAfterCoolingOff)))
                    .AddVault("air-gapped", v => v.LogicallyAirGapped(Retention.Days(7), Retention.Days(365)))
                    .Build();
            }
            """);

    [Fact]
    public Task VaultConfiguredElsewhere_DoesNotReport() =>
        VerifyCS.VerifyAnalyzerAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                static void Harden(BackupVaultBuilder vault) => vault.Lock(VaultLock.Governance());

                BackupPosture M() => BackupPosture.Create()
                    .AddVault("prod", Harden)
                    .AddVault("logs", v => Harden(v))
                    .Build();
            }
            """);

    [Fact]
    public Task SameNamesWithoutBackupKit_DoesNotReport() =>
        VerifyCS.VerifyNoDiagnosticWithoutBackupKitAsync(/* lang=c#-test */ """
            using System;

            namespace Lookalike
            {
                class BackupVaultBuilder { }
                class BackupPostureBuilder { public BackupPostureBuilder AddVault(string name, Action<BackupVaultBuilder>? configure = null) => this; }

                class C
                {
                    void M(BackupPostureBuilder posture) => posture.AddVault("prod");
                }
            }
            """);

    [Fact]
    public Task VaultWithoutConfiguration_CodeFixAddsGovernanceLock() =>
        VerifyFix.VerifyCodeFixAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .{|#0:AddVault|}("prod")
                    .Build();
            }
            """, /* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddVault("prod", vault => vault.Lock(VaultLock.Governance()))
                    .Build();
            }
            """,
            AddVaultLockCodeFixProvider.EquivalenceKey,
            VerifyFix.Diagnostic(RuleIds.VaultWithoutLock).WithLocation(0).WithArguments("prod"));

    [Fact]
    public Task VaultWithConfiguration_CodeFixAppendsGovernanceLock() =>
        VerifyFix.VerifyCodeFixAsync(/* lang=c#-test */ """
            using BackupKit.Building;

            class C
            {
                BackupKit.Model.BackupPosture M() => BackupKit.Model.BackupPosture.Create()
                    .{|#0:AddVault|}("prod", v => v.Tag("team", "storage"))
                    .Build();
            }
            """, /* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupKit.Model.BackupPosture M() => BackupKit.Model.BackupPosture.Create()
                    .AddVault("prod", v => v.Tag("team", "storage").Lock(VaultLock.Governance()))
                    .Build();
            }
            """,
            AddVaultLockCodeFixProvider.EquivalenceKey,
            VerifyFix.Diagnostic(RuleIds.VaultWithoutLock).WithLocation(0).WithArguments("prod"));

    [Fact]
    public Task SeveralVaults_FixAllLocksEach() =>
        VerifyFix.VerifyCodeFixAsync(/* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .{|#0:AddVault|}("prod")
                    .{|#1:AddVault|}("logs", v =>
                    {
                        v.Tag("team", "storage");
                    })
                    .Build();
            }
            """, /* lang=c#-test */ """
            using BackupKit.Building;
            using BackupKit.Model;

            class C
            {
                BackupPosture M() => BackupPosture.Create()
                    .AddVault("prod", vault => vault.Lock(VaultLock.Governance()))
                    .AddVault("logs", v =>
                    {
                        v.Tag("team", "storage");
                        v.Lock(VaultLock.Governance());
                    })
                    .Build();
            }
            """,
            AddVaultLockCodeFixProvider.EquivalenceKey,
            VerifyFix.Diagnostic(RuleIds.VaultWithoutLock).WithLocation(0).WithArguments("prod"),
            VerifyFix.Diagnostic(RuleIds.VaultWithoutLock).WithLocation(1).WithArguments("logs"));
}
