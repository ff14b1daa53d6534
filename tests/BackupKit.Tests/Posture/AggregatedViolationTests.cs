using BackupKit.Building;
using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Posture;

public sealed class AggregatedViolationTests
{
    [Fact]
    public void One_exception_lists_every_violation_with_path_value_rule_and_fix()
    {
        var builder = BackupPosture.Create()
            .AddVault("bad.name", v => v.EncryptWith("alias/backup").Lock(l => l.MinRetention(Days(30)).MaxRetention(Days(7))))
            .AddPlan("prod", p => p
                .AddRule("daily", r => r
                    .InVault("missing")
                    .Cron("cron(0/15 * ? * * *)")
                    .StartWithin(TimeSpan.FromMinutes(30))
                    .MoveToColdStorageAfter(Days(30))
                    .DeleteAfter(Days(60))
                    .CopyTo("dr-vault"))
                .Select("everything", s => s.RequireTag("backup", "true")));

        var exception = Assert.Throws<BackupPostureValidationException>(builder.Build);

        var found = exception.Violations.Select(v => (v.RuleId, v.Path)).ToHashSet();
        (string, string)[] expected =
        [
            ("BK1101", "vaults[bad.name].name"),
            ("BK6001", "vaults[bad.name].encryptionKeyArn"),
            ("BK6006", "vaults[bad.name].lock"),
            ("BK4008", "plans[prod].rules[daily].targetVault"),
            ("BK2002", "plans[prod].rules[daily].schedule.cronExpression"),
            ("BK2004", "plans[prod].rules[daily].startWindow"),
            ("BK3003", "plans[prod].rules[daily].lifecycle.deleteAfter"),
            ("BK4003", "plans[prod].rules[daily].copyActions[0].destinationVaultArn"),
            ("BK5002", "plans[prod].selections[everything]"),
        ];
        Assert.Equal(expected.ToHashSet(), found);

        var lifecycle = exception.Violations.Single(v => v.RuleId == "BK3003");
        Assert.Equal("60 days", lifecycle.Value);
        Assert.Contains("120 days", lifecycle.Fix, StringComparison.Ordinal);
        foreach (var violation in exception.Violations)
        {
            Assert.Contains(violation.ToString(), exception.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith("The backup posture breaks 9 AWS Backup rules", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_are_listed_alongside_errors_but_do_not_count_as_errors()
    {
        var builder = BackupPosture.Create();
        for (var i = 0; i < 301; i++)
        {
            builder.AddVault($"v{i}", v => v.Lock(VaultLock.Governance()));
        }

        builder.AddPlan("p", p => p.AddRule("r", r => r.InVault("v0").DeleteAfter(Days(0)).CopyTo(Arns.DrVault)));

        var exception = Assert.Throws<BackupPostureValidationException>(builder.Build);

        Assert.Equal(["BK3001", "BK6010"], exception.Violations.Select(v => v.RuleId));
        Assert.StartsWith("The backup posture breaks 1 AWS Backup rule ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(warning) vaults: BK6010", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_on_a_hand_made_model_uses_the_same_rules()
    {
        var posture = new BackupPosture
        {
            Plans =
            [
                new BackupPlan
                {
                    Name = "p",
                    Rules =
                    [
                        new BackupRule
                        {
                            Name = "r",
                            TargetVaultName = "Default",
                            TargetVaultIsExternal = true,
                            Lifecycle = new Lifecycle { DeleteAfter = Days(0) },
                            CopyActions = [new CopyAction { DestinationVaultArn = Arns.DrVault }],
                        },
                    ],
                },
            ],
        };

        var violation = Assert.Single(posture.Validate());

        Assert.Equal("BK3001", violation.RuleId);
        Assert.Equal("plans[p].rules[r].lifecycle.deleteAfter", violation.Path);
    }
}
