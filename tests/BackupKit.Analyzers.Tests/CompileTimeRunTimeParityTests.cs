extern alias runtime;

using BackupKit.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using RuntimePosture = runtime::BackupKit.Model.BackupPosture;
using RuntimeRuleIds = runtime::BackupKit.Rules.RuleIds;
using RuntimeValidationException = runtime::BackupKit.Building.BackupPostureValidationException;

namespace BackupKit.Analyzers.Tests;

/// <summary>
/// Compile time and run time never disagree: one posture source is analyzed, then compiled and run, and the
/// analyzers' errors and recommendations (BK1001-BK1003) are exactly the violations <c>Build()</c> throws or
/// <c>Validate()</c> returns (same ids, same messages).
/// </summary>
public sealed class CompileTimeRunTimeParityTests
{
    internal const string Source = /* lang=c#-test */ """
        using System;
        using BackupKit.Building;
        using BackupKit.Model;

        public static class Declaration
        {
            public static BackupPosture Declare() => BackupPosture.Create()
                .AddVault("prod", v => v.Lock(l => l.Compliance(Retention.Days(1), ComplianceLock.IrreversibleAfterCoolingOff)))
                .AddVault("prod.archive", v => v.Lock(VaultLock.Governance(Retention.Days(30), Retention.Days(7))))
                .AddVault("prod", v => v.Lock(VaultLock.Governance()))
                .AddVault("bounded", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(7)).MaxRetention(Retention.Days(30))))
                .AddVault("unlocked")
                .AddVault("isolated", v => v.LogicallyAirGapped(Retention.Days(7), Retention.Days(365)))
                .AddPlan("daily plan", p => p
                    .AddRule("daily", r => r
                        .InVault("prod")
                        .Cron("cron(0 5 * * * *)")
                        .InTimeZone("Pacific Standard Time")
                        .StartWithin(TimeSpan.FromMinutes(30))
                        .MoveToColdStorageAfter(Retention.Days(30))
                        .DeleteAfter(Retention.Days(100)))
                    .AddRule("pitr", r => r.InVault("prod").EnableContinuousBackup().DeleteAfter(Retention.Days(60)))
                    .AddRule("windows", r => r
                        .InVault("missing")
                        .StartWithin(TimeSpan.FromHours(2))
                        .CompleteWithin(TimeSpan.FromHours(1))
                        .DeleteAfter(Retention.Days(35)))
                    .AddRule("daily", r => r.InVault("prod").DeleteAfter(Retention.Days(35)))
                    .AddRule("too-long", r => r.InVault("bounded").DeleteAfter(Retention.Days(60)))
                    .AddRule("too-short", r => r.InVault("bounded").DeleteAfter(Retention.Days(3)))
                    .AddRule("forever", r => r.InVault("bounded").KeepForever())
                    .AddRule("fits", r => r.InVault("bounded").DeleteAfter(Retention.Days(14)))
                    .AddRule("unbounded", r => r.InVault("unlocked").Daily())
                    .Select("all", s => s.WithRole("AWSBackupDefaultServiceRole").AllResources()))
                .AddPlan("replicated", p => p
                    .AddRule("copied", r => r.InVault("unlocked").DeleteAfter(Retention.Days(35)).CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr")))
                .AddRestoreTestingPlan("weekly-test", t => t
                    .Weekly(DayOfWeek.Saturday)
                    .FromAllVaults()
                    .StartWithin(TimeSpan.FromMinutes(90))
                    .Test("volumes", "ebs", s => s.AllProtectedResources().WithRole("restore-role").ValidateWithin(TimeSpan.FromDays(8))))
                .Build();
        }
        """;

    // A posture AWS accepts, so Build() succeeds and only the recommendations are left for Validate().
    internal const string AcceptedSource = /* lang=c#-test */ """
        using System;
        using BackupKit.Building;
        using BackupKit.Model;

        public static class Declaration
        {
            public static BackupPosture Declare() => BackupPosture.Create()
                .AddVault("prod", v => v.Lock(VaultLock.Governance()))
                .AddVault("logs")
                .AddVault("staging", v => v.Tag("env", "staging"))
                .AddVault("isolated", v => v.LogicallyAirGapped(Retention.Days(7), Retention.Days(365)))
                .AddPlan("daily", p => p
                    .AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Retention.Days(35)))
                    .AddRule("monthly", r => r.InVault("prod").Monthly())
                    .AddRule("archive", r => r.InVault("prod").Monthly().KeepForever())
                    .AddRule("preset", r => r.ApplyPreset(BackupRulePreset.Weekly).InVault("prod")))
                .AddPlan("replicated", p => p
                    .AddRule("copied", r => r.InVault("logs").DeleteAfter(Retention.Days(35)).CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr"))
                    .AddRule("local", r => r.InVault("logs").Weekly(DayOfWeek.Sunday).DeleteAfter(Retention.Days(90))))
                .AddPlan("standard", p => p.ApplyPreset(BackupPlanPreset.Daily35DayRetention, "logs"))
                .Build();
        }
        """;

    private static readonly string[] s_recommendations =
        [RuntimeRuleIds.RuleWithoutRetention, RuntimeRuleIds.PlanWithoutCrossRegionCopy, RuntimeRuleIds.VaultWithoutLock];

    [Fact]
    public async Task AnalyzerErrorsAndRecommendations_AreTheViolationsBuildThrows()
    {
        var compileTime = await AnalyzeAsync(Source);

        var exception = Assert.Throws<RuntimeValidationException>(() => ParityRunner.RunDeclaration(Source));
        var runTime = exception.Violations
            .Select(v => $"{v.RuleId}: {v.Message}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(compileTime.Count >= 20, "The sample should exercise many rules:\n" + string.Join('\n', compileTime));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.RuleWithoutRetention + ": Backup rule 'unbounded'", StringComparison.Ordinal));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.PlanWithoutCrossRegionCopy + ": Backup plan 'daily plan'", StringComparison.Ordinal));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.VaultWithoutLock + ": Backup vault 'unlocked'", StringComparison.Ordinal));
        Assert.Equal(runTime, compileTime);
    }

    [Fact]
    public async Task AnalyzerRecommendations_AreTheWarningsValidateReturns()
    {
        var compileTime = await AnalyzeAsync(AcceptedSource);

        var posture = Assert.IsType<RuntimePosture>(ParityRunner.RunDeclaration(AcceptedSource));
        var runTime = posture.Validate()
            .Select(v => $"{v.RuleId}: {v.Message}")
            .Order(StringComparer.Ordinal)
            .ToList();

        // BK1001 for 'monthly' only, BK1002 for 'daily' and 'standard', BK1003 for 'logs' and 'staging'.
        Assert.Equal(5, compileTime.Count);
        Assert.Equal(runTime, compileTime);
    }

    // The analyzers' errors and recommendations, as "id: message"; the other warnings (quotas) are run time only.
    internal static async Task<List<string>> AnalyzeAsync(string source)
    {
        var diagnostics = await WorkspaceAnalyzerRunner.RunAsync(AnalyzerCatalog.Registered, source);
        return diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || s_recommendations.Contains(d.Id))
            .Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // Shared with the other parity tests (the audit frameworks'); the runner lives in ParityRunner.
    internal static object? RunDeclaration(string source) => ParityRunner.RunDeclaration(source);
}
