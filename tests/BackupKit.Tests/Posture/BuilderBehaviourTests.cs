using System.Text.Json;
using BackupKit.Building;
using BackupKit.Model;
using BackupKit.Rules;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Posture;

public sealed class BuilderBehaviourTests
{
    [Fact]
    public void A_built_builder_refuses_further_changes()
    {
        var builder = BackupPosture.Create().AddVault("vault").AddPlan("p", p => p.AddRule("r", r => r.InVault("vault")));
        builder.Build();

        Assert.Throws<InvalidOperationException>(() => builder.AddVault("w"));
        Assert.Throws<InvalidOperationException>(builder.Build);
    }

    [Fact]
    public void A_sub_builder_used_after_its_callback_fails_loudly()
    {
        BackupRuleBuilder? captured = null;
        BackupPosture.Create().AddVault("vault").AddPlan("p", p => p.AddRule("r", r => captured = r.InVault("vault")));

        var exception = Assert.Throws<InvalidOperationException>(() => captured!.DeleteAfter(Days(1)));
        Assert.Contains("BackupRuleBuilder", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deletion_protection_policy_denies_delete_and_lifecycle_changes_except_named_principals()
    {
        const string Admin = "arn:aws:iam::123456789012:role/BackupAdmin";
        var vault = BackupPosture.Create().AddVault("vault", v => v.DenyRecoveryPointDeletion(Admin))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("vault"))).Build().Vaults[0];

        using var policy = JsonDocument.Parse(vault.AccessPolicy!);
        var statement = policy.RootElement.GetProperty("Statement")[0];
        Assert.Equal("Deny", statement.GetProperty("Effect").GetString());
        Assert.Equal("*", statement.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal(["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(Admin, statement.GetProperty("Condition").GetProperty("ArnNotLike").GetProperty("aws:PrincipalArn")[0].GetString());
    }

    [Fact]
    public void Deletion_protection_without_principals_denies_everyone_and_reports_non_IAM_principals_with_every_other_finding()
    {
        using var policy = JsonDocument.Parse(VaultAccessPolicies.DenyRecoveryPointDeletion());
        Assert.False(policy.RootElement.GetProperty("Statement")[0].TryGetProperty("Condition", out _));

        // A principal that is not an IAM ARN is a BK6011 finding collected with the others (here an alias as KMS key),
        // for the builder's own policy and for a hand-written one alike.
        var exception = Assert.Throws<BackupPostureValidationException>(() => BackupPosture.Create()
            .AddVault("vault", v => v.DenyRecoveryPointDeletion("BackupAdmin", "arn:aws:iam::123456789012:role/Ok").EncryptWith("alias/backup"))
            .AddVault("handwritten", v => v.WithAccessPolicy(
                """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"backup:DeleteRecoveryPoint","Resource":"*","Condition":{"ArnNotEquals":{"AWS:PrincipalArn":["role/Admin"]}}}}"""))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("vault").DeleteAfter(Days(35))))
            .Build());
        var principals = exception.Violations.Where(v => v.RuleId == RuleIds.DeletionExceptionPrincipal).ToList();
        Assert.Equal(2, principals.Count);
        Assert.Contains(principals, v => v.Value == "BackupAdmin" && v.Path.StartsWith("vaults[vault]", StringComparison.Ordinal));
        Assert.Contains(principals, v => v.Value == "role/Admin" && v.Path.StartsWith("vaults[handwritten]", StringComparison.Ordinal));
        Assert.Contains("arn:aws:iam::123456789012:role/BackupAdmin", principals[0].Fix, StringComparison.Ordinal);
        Assert.Contains(exception.Violations, v => v.RuleId == RuleIds.KmsKeyArn);
    }

    [Fact]
    public void Selection_builder_maps_each_verb_to_its_AWS_list()
    {
        var selection = BackupPosture.Create().AddVault("vault")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("vault")).Select("s", s => s
                .Include(Arns.Table).WhereTag("backup", "daily")
                .RequireTag("env", "prod").RequireTagLike("app", "shop-*")
                .ExcludeTag("backup", "false").ExcludeTagLike("tier", "tmp-*")
                .Except("arn:aws:dynamodb:us-east-1:123456789012:table/scratch")
                .WithRole(Arns.Role)))
            .Build().Plans[0].Selections[0];

        Assert.Equal([Arns.Table], selection.Resources);
        Assert.Equal([new TagCondition("backup", "daily")], selection.ListOfTags);
        Assert.Equal([new TagCondition("env", "prod")], selection.Conditions.StringEquals);
        Assert.Equal([new TagCondition("app", "shop-*")], selection.Conditions.StringLike);
        Assert.Equal([new TagCondition("backup", "false")], selection.Conditions.StringNotEquals);
        Assert.Equal([new TagCondition("tier", "tmp-*")], selection.Conditions.StringNotLike);
        Assert.Equal(4, selection.Conditions.Count);
        Assert.Equal(Arns.Role, selection.IamRole.Arn);
    }

    [Fact]
    public void Copy_action_without_configuration_inherits_the_rule_lifecycle()
    {
        var rule = BackupPosture.Create().AddVault("vault")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("vault").DeleteAfter(Days(35)).CopyTo(Arns.DrVault)))
            .Build().Plans[0].Rules[0];

        Assert.Null(rule.CopyActions[0].Lifecycle);
    }
}
