using BackupKit.Building;
using BackupKit.Model;
using BackupKit.Rules;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Posture;

/// <summary>
/// The recommendations of the rules table (BK1001 to BK1003): warnings that <c>Validate()</c> returns with the same ids
/// and messages the analyzers report, and that never make <c>Build()</c> fail.
/// </summary>
public sealed class RecommendationTests
{
    // The posture of the analyzers' parity test (tests/BackupKit.Analyzers.Tests/CompileTimeRunTimeParityTests.cs,
    // AcceptedSource), where the analyzers report exactly the five findings asserted below.
    private static BackupPosture SamplePosture() => BackupPosture.Create()
        .AddVault("prod", v => v.Lock(VaultLock.Governance()))
        .AddVault("logs")
        .AddVault("staging", v => v.Tag("env", "staging"))
        .AddVault("isolated", v => v.LogicallyAirGapped(Days(7), Days(365)))
        .AddPlan("daily", p => p
            .AddRule("daily", r => r.InVault("prod").Daily().DeleteAfter(Days(35)))
            .AddRule("monthly", r => r.InVault("prod").Monthly())
            .AddRule("archive", r => r.InVault("prod").Monthly().KeepForever())
            .AddRule("preset", r => r.ApplyPreset(BackupRulePreset.Weekly).InVault("prod")))
        .AddPlan("replicated", p => p
            .AddRule("copied", r => r.InVault("logs").DeleteAfter(Days(35)).CopyTo("arn:aws:backup:us-west-2:123456789012:backup-vault:dr"))
            .AddRule("local", r => r.InVault("logs").Weekly(DayOfWeek.Sunday).DeleteAfter(Days(90))))
        .AddPlan("standard", p => p.ApplyPreset(BackupPlanPreset.Daily35DayRetention, "logs"))
        .Build();

    [Fact]
    public void Validate_reports_the_recommendations_the_analyzers_report_as_warnings_with_paths()
    {
        var findings = SamplePosture().Validate();

        (string RuleId, string Path, string Message)[] expected =
        [
            ("BK1003", "vaults[logs].lock", "Backup vault 'logs' has no Vault Lock, so anyone with delete permissions can remove its recovery points; add a governance-mode or compliance-mode Vault Lock"),
            ("BK1003", "vaults[staging].lock", "Backup vault 'staging' has no Vault Lock, so anyone with delete permissions can remove its recovery points; add a governance-mode or compliance-mode Vault Lock"),
            ("BK1002", "plans[daily]", "Backup plan 'daily' keeps every recovery point in one Region, so a regional outage takes the backups with it; add a copy action to a vault in another Region"),
            ("BK1001", "plans[daily].rules[monthly].lifecycle.deleteAfter", "Backup rule 'monthly' never deletes its recovery points, so storage grows without bound; set a retention such as DeleteAfter(Retention.Days(35))"),
            ("BK1002", "plans[standard]", "Backup plan 'standard' keeps every recovery point in one Region, so a regional outage takes the backups with it; add a copy action to a vault in another Region"),
        ];
        Assert.Equal(expected, findings.Select(f => (f.RuleId, f.Path, f.Message)));
        Assert.All(findings, f =>
        {
            Assert.Equal(ViolationSeverity.Warning, f.Severity);
            Assert.Null(f.Value);
            Assert.False(string.IsNullOrWhiteSpace(f.Fix));
            Assert.Equal($"https://github.com/backupkit/backupkit/blob/main/docs/rules/{f.RuleId}.md", f.HelpLink);
        });
    }

    [Fact]
    public void A_posture_that_follows_every_recommendation_has_no_findings()
    {
        var posture = BackupPosture.Create()
            .AddVault("prod", v => v.Lock(l => l.Compliance(Days(7), ComplianceLock.IrreversibleAfterCoolingOff)))
            .AddVault("isolated", v => v.LogicallyAirGapped(Days(7), Days(365)))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("prod").DeleteAfter(Days(35)).CopyTo(Arns.DrVault)))
            .Build();

        Assert.Empty(posture.Validate());
    }

    [Fact]
    public void Recommendations_are_listed_as_warnings_when_an_error_fails_the_build()
    {
        var builder = BackupPosture.Create()
            .AddVault("prod")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("prod").DeleteAfter(Days(0))));

        var exception = Assert.Throws<BackupPostureValidationException>(builder.Build);

        Assert.Equal(["BK3001", "BK1003", "BK1002"], exception.Violations.Select(v => v.RuleId));
        Assert.StartsWith("The backup posture breaks 1 AWS Backup rule ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(warning) plans[p]: BK1002", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(warning) vaults[prod].lock: BK1003", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepForever_is_a_decision_and_a_later_DeleteAfter_replaces_it()
    {
        var posture = BackupPosture.Create()
            .AddVault("prod", v => v.Lock(VaultLock.Governance()))
            .AddPlan("p", p => p
                .AddRule("kept", r => r.InVault("prod").DeleteAfter(Days(35)).KeepForever().CopyTo(Arns.DrVault))
                .AddRule("replaced", r => r.InVault("prod").KeepForever().DeleteAfter(Days(35))))
            .Build();

        Assert.Empty(posture.Validate());
        Assert.True(posture.Plans[0].Rules[0].KeepsForeverDeliberately);
        Assert.Null(posture.Plans[0].Rules[0].Lifecycle);
        Assert.False(posture.Plans[0].Rules[1].KeepsForeverDeliberately);
        Assert.Equal(Days(35), posture.Plans[0].Rules[1].Lifecycle!.DeleteAfter);
    }

    [Fact]
    public void A_model_without_a_delete_after_is_reported_unless_it_says_keeping_forever_is_deliberate()
    {
        // A model read from an account cannot tell a forgotten retention from a deliberate one: it is reported.
        var rule = new BackupRule
        {
            Name = "r",
            TargetVaultName = "Default",
            TargetVaultIsExternal = true,
            CopyActions = [new CopyAction { DestinationVaultArn = Arns.DrVault }],
        };
        BackupPosture WithRule(BackupRule r) => new() { Plans = [new BackupPlan { Name = "p", Rules = [r] }] };

        var finding = Assert.Single(WithRule(rule).Validate());
        Assert.Equal(RuleIds.RuleWithoutRetention, finding.RuleId);
        Assert.Equal("plans[p].rules[r].lifecycle.deleteAfter", finding.Path);

        Assert.Empty(WithRule(rule with { KeepsForeverDeliberately = true }).Validate());
    }

    [Fact]
    public void Rule_functions_on_primitives()
    {
        Assert.Empty(RecommendationRules.CheckRuleRetention("r", hasDeleteAfter: true, keepsForeverDeliberately: false));
        Assert.Empty(RecommendationRules.CheckRuleRetention("r", hasDeleteAfter: false, keepsForeverDeliberately: true));
        var retention = Assert.Single(RecommendationRules.CheckRuleRetention("r", hasDeleteAfter: false, keepsForeverDeliberately: false));
        Assert.Equal(("BK1001", "lifecycle.deleteAfter"), (retention.RuleId, retention.Member));
        Assert.Equal("r", Assert.Single(retention.Arguments));

        Assert.Empty(RecommendationRules.CheckCrossRegionCopy("p", 1));
        var copy = Assert.Single(RecommendationRules.CheckCrossRegionCopy("p", 0));
        Assert.Equal(("BK1002", string.Empty), (copy.RuleId, copy.Member));

        Assert.Empty(RecommendationRules.CheckVaultLocked("v", hasLock: true, isLogicallyAirGapped: false));
        Assert.Empty(RecommendationRules.CheckVaultLocked("v", hasLock: false, isLogicallyAirGapped: true));
        var vaultLock = Assert.Single(RecommendationRules.CheckVaultLocked("v", hasLock: false, isLogicallyAirGapped: false));
        Assert.Equal(("BK1003", "lock"), (vaultLock.RuleId, vaultLock.Member));
    }
}
