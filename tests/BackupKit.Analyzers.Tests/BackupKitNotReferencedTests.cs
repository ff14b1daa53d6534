using BackupKit.Analyzers.Tests.Verifiers;

namespace BackupKit.Analyzers.Tests;

/// <summary>
/// The analyzers match BackupKit's types, never method names: look-alike builders in another namespace, with every
/// value the rules would reject, produce nothing, whether BackupKit is referenced or not.
/// </summary>
public sealed class BackupKitNotReferencedTests
{
    internal const string LookalikeSource = /* lang=c#-test */ """
        using System;

        namespace Lookalike
        {
            public readonly struct Retention { public static Retention Days(long days) => default; }
            public sealed class VaultLock { public static VaultLock Governance(Retention? minRetention = null, Retention? maxRetention = null) => new(); }
            public sealed class VaultLockBuilder
            {
                public VaultLockBuilder Compliance(Retention changeableFor, object acknowledge) => this;
                public VaultLockBuilder MinRetention(Retention minRetention) => this;
            }
            public sealed class BackupVaultBuilder
            {
                public BackupVaultBuilder Lock(Action<VaultLockBuilder> configure) => this;
                public BackupVaultBuilder Lock(VaultLock vaultLock) => this;
                public BackupVaultBuilder EncryptWith(string kmsKeyArn) => this;
                public BackupVaultBuilder LogicallyAirGapped(Retention minRetention, Retention maxRetention) => this;
                public BackupVaultBuilder Tag(string key, string value) => this;
            }
            public sealed class CopyActionBuilder { public CopyActionBuilder DeleteAfter(Retention age) => this; }
            public sealed class BackupRuleBuilder
            {
                public BackupRuleBuilder InVault(string vaultName) => this;
                public BackupRuleBuilder Cron(string expression) => this;
                public BackupRuleBuilder InTimeZone(string ianaTimeZoneId) => this;
                public BackupRuleBuilder StartWithin(TimeSpan window) => this;
                public BackupRuleBuilder MoveToColdStorageAfter(Retention age) => this;
                public BackupRuleBuilder DeleteAfter(Retention age) => this;
                public BackupRuleBuilder EnableContinuousBackup() => this;
                public BackupRuleBuilder CopyTo(string destinationVaultArn, Action<CopyActionBuilder>? configure = null) => this;
            }
            public sealed class BackupSelectionBuilder { public BackupSelectionBuilder WithRole(string roleArn) => this; }
            public sealed class BackupPlanBuilder
            {
                public BackupPlanBuilder AddRule(string name, Action<BackupRuleBuilder> configure) => this;
                public BackupPlanBuilder Select(string name, Action<BackupSelectionBuilder> configure) => this;
            }
            public sealed class BackupPostureBuilder
            {
                public BackupPostureBuilder AddVault(string name, Action<BackupVaultBuilder>? configure = null) => this;
                public BackupPostureBuilder AddPlan(string name, Action<BackupPlanBuilder> configure) => this;
            }

            public static class Usage
            {
                public static BackupPostureBuilder Declare(BackupPostureBuilder posture) => posture
                    .AddVault("bad.vault")
                    .AddVault("locked", v => v
                        .Lock(l => l.Compliance(Retention.Days(1), new object()).MinRetention(Retention.Days(0)))
                        .Lock(VaultLock.Governance(Retention.Days(30), Retention.Days(7)))
                        .EncryptWith("alias/x")
                        .LogicallyAirGapped(Retention.Days(1), Retention.Days(2))
                        .Tag("", ""))
                    .AddPlan("bad plan", p => p
                        .AddRule("bad/rule", r => r
                            .InVault("v")
                            .Cron("rate(1 hour)")
                            .InTimeZone("Pacific Standard Time")
                            .StartWithin(TimeSpan.FromMinutes(1))
                            .MoveToColdStorageAfter(Retention.Days(30))
                            .DeleteAfter(Retention.Days(31))
                            .EnableContinuousBackup()
                            .CopyTo("not-an-arn", c => c.DeleteAfter(Retention.Days(0))))
                        .Select("bad selection", s => s.WithRole("role")));
            }
        }
        """;

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.Names), MemberType = typeof(AnalyzerCatalog))]
    public async Task LookalikeBuildersWithoutBackupKit_DoNotReport(string analyzer)
    {
        var diagnostics = await WorkspaceAnalyzerRunner.RunAsync([AnalyzerCatalog.Get(analyzer)], LookalikeSource, referenceBackupKit: false);

        Assert.Empty(diagnostics);
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.Names), MemberType = typeof(AnalyzerCatalog))]
    public async Task LookalikeBuildersNextToBackupKit_DoNotReport(string analyzer)
    {
        var diagnostics = await WorkspaceAnalyzerRunner.RunAsync([AnalyzerCatalog.Get(analyzer)], LookalikeSource, referenceBackupKit: true);

        Assert.Empty(diagnostics);
    }
}
