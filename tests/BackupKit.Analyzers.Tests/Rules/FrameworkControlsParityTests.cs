extern alias runtime;

using RuntimeValidationException = runtime::BackupKit.Building.BackupPostureValidationException;

namespace BackupKit.Analyzers.Tests.Rules;

/// <summary>BK9101 at compile time is exactly what <c>Build()</c> throws for the same posture (same ids, same messages).</summary>
public sealed class FrameworkControlsParityTests
{
    internal const string Source = /* lang=c#-test */ """
        using System;
        using BackupKit.Building;
        using BackupKit.Model;

        public static class Declaration
        {
            public static BackupPosture Declare() => BackupPosture.Create()
                .AddVault("prod", v => v.Lock(VaultLock.Governance()))
                .AddPlan("prod", p => p
                    .AddRule("daily", r => r.Daily().InVault("prod").DeleteAfter(Retention.Days(7))
                        .CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr"))
                    .AddRule("archive", r => r.Daily().InVault("prod").DeleteAfter(Retention.Days(60))
                        .CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr", c => c.DeleteAfter(Retention.Days(10))))
                    .AddRule("weekly", r => r.Weekly(DayOfWeek.Sunday).InVault("prod").DeleteAfter(Retention.Days(20)))
                    .AddRule("monthly", r => r.Monthly(1).InVault("prod").DeleteAfter(Retention.Days(365))))
                .AddFramework("prod_audit", f => f
                    .Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromDays(1), Retention.Days(35)))
                    .Require(AuditControl.RecoveryPointMinimumRetention(Retention.Days(14))))
                .Build();
        }
        """;

    [Fact]
    public async Task Compile_time_BK9101_is_what_Build_throws()
    {
        var compileTime = await CompileTimeRunTimeParityTests.AnalyzeAsync(Source);

        var exception = Assert.Throws<RuntimeValidationException>(() => CompileTimeRunTimeParityTests.RunDeclaration(Source));
        var runTime = exception.Violations.Select(v => $"{v.RuleId}: {v.Message}").Order(StringComparer.Ordinal).ToList();

        // 'daily' fails both retention controls and so do its copies (kept as long as the rule); 'archive' copies for
        // 10 days; 'weekly' fails the 35-day control; 'monthly' passes both.
        Assert.Equal(5, compileTime.Count);
        Assert.All(compileTime, d => Assert.StartsWith("BK9101: Backup plan 'prod' fails control", d, StringComparison.Ordinal));
        Assert.Equal(runTime, compileTime);
    }
}
