extern alias runtime;

using BackupKit.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using RuntimeRuleIds = runtime::BackupKit.Rules.RuleIds;
using RuntimeValidationException = runtime::BackupKit.Building.BackupPostureValidationException;

namespace BackupKit.Analyzers.Tests;

/// <summary>
/// The argument checks that used to throw <see cref="ArgumentOutOfRangeException"/> from the builders (schedule
/// presets, negative retentions), the rules that used to be run time only (BK5002, BK7002, BK8002), constants that
/// reach the builders through <c>new TimeSpan(...)</c> and helper methods, and the suppressed cascades: the analyzers
/// report exactly what <c>Build()</c> collects into its one exception (same ids, same messages, one finding per mistake).
/// </summary>
public sealed class FormerEagerChecksParityTests
{
    internal const string Source = /* lang=c#-test */ """
        using System;
        using BackupKit.Building;
        using BackupKit.Model;

        public static class Declaration
        {
            private const int Retain = 35;
            private const string DrVault = "arn:aws:backup:us-east-1:123456789012:backup-vault:dr";

            private static int LastDay() => 32;

            private static Retention Keep(int days) => Retention.Days(days);

            private static TimeSpan HalfHour()
            {
                return new TimeSpan(0, 30, 0);
            }

            public static BackupPosture Declare() => BackupPosture.Create()
                .AddVault("prod", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(7)).MaxRetention(Retention.Days(3650))))
                .AddVault("inverted", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(60)).MaxRetention(Retention.Days(30))))
                .AddVault("dr", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(30))))
                .AddVault("guarded", v => v.DenyRecoveryPointDeletion("BackupAdmin"))
                .AddPlan("eager", p => p
                    .AddRule("hourly", r => r.InVault("prod").Hourly(60).DeleteAfter(Retention.Days(Retain)))
                    .AddRule("every-5", r => r.InVault("prod").EveryHours(5, new TimeOnly(7, 0)).DeleteAfter(Retention.Days(35)))
                    .AddRule("every-24", r => r.InVault("prod").EveryHours(24, new TimeOnly(0, 0)).DeleteAfter(Retention.Days(35)))
                    .AddRule("monthly", r => r.InVault("prod").Monthly(32).DeleteAfter(Retention.Days(35)))
                    .AddRule("monthly-helper", r => r.InVault("prod").Monthly(LastDay()).DeleteAfter(Retention.Days(35)))
                    .AddRule("weekly", r => r.InVault("prod").Weekly((DayOfWeek)9).DeleteAfter(Retention.Days(35)))
                    .AddRule("seconds", r => r.InVault("prod").Daily(new TimeOnly(5, 0, 30)).DeleteAfter(Retention.Days(35)))
                    .AddRule("negative", r => r.InVault("prod").DeleteAfter(Retention.Days(-1)))
                    .AddRule("cold-negative", r => r.InVault("prod").MoveToColdStorageAfter(Retention.Weeks(-2)).DeleteAfter(Retention.Days(100)))
                    .AddRule("keep-helper", r => r.InVault("prod").DeleteAfter(Keep(40000)))
                    .AddRule("window", r => r.InVault("prod").StartWithin(HalfHour()).DeleteAfter(Retention.Days(35)))
                    .AddRule("window-ctor", r => r.InVault("prod").StartWithin(new TimeSpan(2, 0, 0)).CompleteWithin(new TimeSpan(0, 90, 0)).DeleteAfter(Retention.Days(35)))
                    .AddRule("inverted", r => r.InVault("inverted").DeleteAfter(Retention.Days(45)))
                    .AddRule("copied", r => r.InVault("prod").DeleteAfter(Retention.Days(7)).CopyTo(DrVault))
                    .Select("conditions-only", s => s.RequireTag("backup", "true")))
                .AddPlan("copies", p => p
                    .AddRule("own-lifecycle", r => r.InVault("prod").DeleteAfter(Retention.Days(35)).CopyTo(DrVault, c => c.DeleteAfter(Retention.Days(10))))
                    .AddRule("fits", r => r.InVault("prod").DeleteAfter(Retention.Days(35)).CopyTo(DrVault, c => c.DeleteAfter(Keep(30)))))
                .AddRestoreTestingPlan("monthly_test", t => t
                    .Monthly(0)
                    .FromAllVaults()
                    .WithinLast(Retention.Days(400))
                    .Test("volumes", "EBS", s => s.AllProtectedResources().ValidateWithin(TimeSpan.FromHours(4))))
                .AddFramework("audit", f => f
                    .Require(AuditControl.LastRecoveryPointCreated(TimeSpan.FromMinutes(90)))
                    .Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(new TimeSpan(-1, 0, 0))))
                .Build();
        }
        """;

    [Fact]
    public async Task FormerEagerChecks_AreReportedAtCompileTimeWithTheIdsBuildCollects()
    {
        var compileTime = await AnalyzeAsync(Source);

        var exception = Assert.Throws<RuntimeValidationException>(() => ParityRunner.RunDeclaration(Source));
        var runTime = exception.Violations
            .Where(v => v.Severity == runtime::BackupKit.Building.ViolationSeverity.Error)
            .Select(v => $"{v.RuleId}: {v.Message}")
            .Order(StringComparer.Ordinal)
            .ToList();

        // Each former eager check, by id and message.
        Assert.Contains($"{RuntimeRuleIds.SchedulePresetArgument}: Schedule minute 60 is out of range: minutes are 0 to 59", compileTime);
        Assert.Contains($"{RuntimeRuleIds.SchedulePresetArgument}: Schedule first run 07:00 is out of range: every 5 hours starts before 05:00 each day", compileTime);
        Assert.Contains($"{RuntimeRuleIds.SchedulePresetArgument}: Schedule interval 24 hours is out of range: every 1 to 23 hours", compileTime);
        Assert.Equal(2, compileTime.Count(d => d == $"{RuntimeRuleIds.SchedulePresetArgument}: Schedule day of month 32 is out of range: days 1 to 31 (MonthlyOnLastDay for month ends)"));
        Assert.Contains($"{RuntimeRuleIds.SchedulePresetArgument}: Schedule day of month 0 is out of range: days 1 to 31 (MonthlyOnLastDay for month ends)", compileTime);
        Assert.Contains($"{RuntimeRuleIds.SchedulePresetArgument}: Schedule day of week 9 is out of range: a DayOfWeek such as DayOfWeek.Saturday", compileTime);
        Assert.Contains($"{RuntimeRuleIds.SchedulePresetArgument}: Schedule time 05:00:30 is out of range: AWS schedules have minute precision", compileTime);
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.DeleteAfterRange + ": Delete-after of -1 days", StringComparison.Ordinal));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.ColdStorageRange + ": Move-to-cold-storage after -14 days", StringComparison.Ordinal));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.DeleteAfterRange + ": Delete-after of 40,000 days", StringComparison.Ordinal));

        // Constants through new TimeSpan(...) and helper methods, in the unit a person thinks in.
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.StartWindow + ": Start window of 30 minutes", StringComparison.Ordinal));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.CompletionWindow + ": ", StringComparison.Ordinal) && d.Contains("1 hour 30 minutes", StringComparison.Ordinal));

        // The audit intervals and the deletion-protection principals.
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.ControlParameter + ": ", StringComparison.Ordinal) && d.Contains("1.5 hours is not a whole number from 1 to 744 hours", StringComparison.Ordinal));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.ControlParameter + ": ", StringComparison.Ordinal) && d.Contains("-1 hours is not a whole number from 1 to 24 hours", StringComparison.Ordinal));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.DeletionExceptionPrincipal + ": 'BackupAdmin'", StringComparison.Ordinal));

        // The rules that were run time only.
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.EmptySelection + ": ", StringComparison.Ordinal));
        Assert.Contains(compileTime, d => d.StartsWith(RuntimeRuleIds.RestoreTestingSelectionWindow + ": Restore testing selection window of 400 days", StringComparison.Ordinal));
        Assert.Equal(2, compileTime.Count(d => d.StartsWith(RuntimeRuleIds.CopyRetentionOutsideVaultLock + ": ", StringComparison.Ordinal)));

        // One finding per mistake: the inverted lock is BK6006 only, the negative retentions are not also BK7001 or BK3003.
        Assert.Single(compileTime, d => d.StartsWith(RuntimeRuleIds.LockRange + ": ", StringComparison.Ordinal));
        Assert.DoesNotContain(compileTime, d => d.StartsWith(RuntimeRuleIds.RuleRetentionOutsideVaultLock + ": ", StringComparison.Ordinal));
        Assert.DoesNotContain(compileTime, d => d.StartsWith(RuntimeRuleIds.ColdToDeleteGap + ": ", StringComparison.Ordinal));

        Assert.Equal(runTime, compileTime);
    }

    // The analyzers' errors, as "id: message".
    private static async Task<List<string>> AnalyzeAsync(string source)
    {
        var diagnostics = await WorkspaceAnalyzerRunner.RunAsync(AnalyzerCatalog.Registered, source);
        return diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
