using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Posture;

public sealed class ModelEqualityTests
{
    private static BackupPosture Build(string tagValue = "platform") => BackupPosture.Create()
        .AddVault("primary", v => v.EncryptWith(Arns.KmsKey).Tag("team", tagValue).Lock(l => l.MinRetention(Days(7))))
        .AddPlan("prod", p => p
            .ApplyPreset(Building.BackupPlanPreset.DailyMonthly1YearRetention, "primary")
            .Select("tagged", s => s.WhereTag("backup", "prod").RequireTagLike("env", "prod-*")))
        .Build();

    [Fact]
    public void Postures_built_the_same_way_are_equal_with_equal_hash_codes()
    {
        var first = Build();
        var second = Build();

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void A_difference_deep_in_a_collection_makes_postures_unequal()
    {
        Assert.NotEqual(Build("platform"), Build("payments"));

        var original = Build();
        var rule = original.Plans[0].Rules[0];
        var changedRule = rule with { Lifecycle = rule.Lifecycle! with { DeleteAfter = Days(36) } };
        var changed = original with { Plans = [original.Plans[0] with { Rules = [changedRule, original.Plans[0].Rules[1]] }] };

        Assert.NotEqual(original, changed);
        Assert.Equal(original, changed with { Plans = [changed.Plans[0] with { Rules = [rule, changed.Plans[0].Rules[1]] }] });
    }

    [Fact]
    public void Value_collections_compare_by_content_and_default_to_empty()
    {
        Assert.Equal(new ValueList<string>(["a", "b"]), new ValueList<string>(["a", "b"]));
        Assert.NotEqual(new ValueList<string>(["a", "b"]), new ValueList<string>(["b", "a"]));
        Assert.Equal(ValueList<string>.Empty, default);
        Assert.Empty(default(ValueList<string>));

        var map = new ValueMap<string>([new("b", "2"), new("a", "1")]);
        Assert.Equal(new ValueMap<string>([new("a", "1"), new("b", "2")]), map);
        Assert.Equal(["a", "b"], map.Keys);
        Assert.NotEqual(map, map.SetItem("a", "3"));
        Assert.Equal(ValueMap<string>.Empty, default);
        Assert.Equal(new ValueMap<string>([]).GetHashCode(), default(ValueMap<string>).GetHashCode());
    }

    [Fact]
    public void Retention_is_explicit_about_units_and_leaves_negatives_to_the_rules()
    {
        Assert.Equal(2555, Years(7).TotalDays);
        Assert.Equal(14, Weeks(2).TotalDays);
        Assert.True(Days(30) < Days(120));
        Assert.Equal("1 day", Days(1).ToString());
        Assert.Equal("35 days", Days(35).ToString());
        // A negative retention is not thrown here: the rule of the place it is used reports it at Build() (BK3001...).
        Assert.Equal(-14, Weeks(-2).TotalDays);
        var exception = Assert.Throws<BackupKit.Building.BackupPostureValidationException>(() => BackupKit.Model.BackupPosture.Create()
            .AddVault("v")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("v").DeleteAfter(Days(-1))))
            .Build());
        Assert.Contains(exception.Violations, v => v.RuleId == "BK3001" && v.Path == "plans[p].rules[r].lifecycle.deleteAfter");
    }

    [Fact]
    public void Default_service_role_resolves_per_account_and_partition()
    {
        var role = IamRoleReference.DefaultServiceRole;

        Assert.Equal("arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole", role.Resolve("123456789012"));
        Assert.Equal("arn:aws-us-gov:iam::210987654321:role/service-role/AWSBackupDefaultServiceRole", role.Resolve("210987654321", "aws-us-gov"));
        Assert.Equal(Arns.Role, IamRoleReference.FromArn(Arns.Role).Resolve("999999999999"));
        Assert.Equal(IamRoleReference.FromArn(Arns.Role), IamRoleReference.FromArn(Arns.Role));
    }
}
