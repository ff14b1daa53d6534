using System.Text.Json;
using BackupKit.Building;
using BackupKit.Export;
using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Export;

public sealed class OrganizationsPolicyExportTests
{
    private const string Home = "111122223333";
    private const string Central = "999988887777";

    private static BackupPosture CopyingPosture(string drVaultArn) => BackupPosture.Create()
        .AddVault("primary")
        .AddVault("dr")
        .AddPlan("prod", p => p
            .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)).CopyTo(drVaultArn))
            .Select("tagged", s => s.WhereTag("backup", "prod")))
        .Build();

    private static JsonElement Rule(string policy) =>
        JsonDocument.Parse(policy).RootElement.GetProperty("plans").GetProperty("prod").GetProperty("rules").GetProperty("daily");

    private static string CopyTarget(JsonElement rule) =>
        rule.GetProperty("copy_actions").EnumerateObject().Single().Value.GetProperty("target_backup_vault_arn").GetProperty("@@assign").GetString()!;

    [Fact]
    public void A_copy_into_a_vault_the_posture_declares_targets_each_member_accounts_own_vault()
    {
        var rule = Rule(PostureExport.ToOrganizationsBackupPolicy(CopyingPosture($"arn:aws:backup:us-west-2:{Home}:backup-vault:dr"), ["us-east-1"]));

        Assert.Equal("arn:aws:backup:us-west-2:$account:backup-vault:dr", CopyTarget(rule));
        Assert.Equal("arn:aws:backup:us-west-2:$account:backup-vault:dr", rule.GetProperty("copy_actions").EnumerateObject().Single().Name);
    }

    [Fact]
    public void A_copy_into_a_central_account_keeps_its_literal_account()
    {
        var posture = CopyingPosture($"arn:aws:backup:us-west-2:{Central}:backup-vault:central");

        Assert.Equal($"arn:aws:backup:us-west-2:{Central}:backup-vault:central", CopyTarget(Rule(PostureExport.ToOrganizationsBackupPolicy(posture, ["us-east-1"]))));
        Assert.Equal(
            $"arn:aws:backup:us-west-2:{Central}:backup-vault:central",
            CopyTarget(Rule(PostureExport.ToOrganizationsBackupPolicy(posture, new OrganizationsPolicyOptions { Regions = ["us-east-1"], PostureAccountId = Home }))));
    }

    [Fact]
    public void The_posture_account_when_given_decides_which_arns_become_placeholders()
    {
        // A same-named vault in the central account is not the member's own once the posture's account is known.
        var posture = CopyingPosture($"arn:aws:backup:us-west-2:{Central}:backup-vault:dr");
        var options = new OrganizationsPolicyOptions { Regions = ["us-east-1"], PostureAccountId = Home };

        Assert.Equal($"arn:aws:backup:us-west-2:{Central}:backup-vault:dr", CopyTarget(Rule(PostureExport.ToOrganizationsBackupPolicy(posture, options))));
        Assert.Equal(
            "arn:aws:backup:us-west-2:$account:backup-vault:dr",
            CopyTarget(Rule(PostureExport.ToOrganizationsBackupPolicy(CopyingPosture($"arn:aws:backup:us-west-2:{Home}:backup-vault:dr"), options))));
    }

    [Fact]
    public void A_role_in_the_posture_account_becomes_the_member_accounts_role()
    {
        var posture = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)))
                .Select("tagged", s => s.WhereTag("backup", "prod").WithRole($"arn:aws:iam::{Home}:role/backup-role")))
            .Build();

        using var policy = JsonDocument.Parse(PostureExport.ToOrganizationsBackupPolicy(posture, new OrganizationsPolicyOptions { Regions = ["us-east-1"], PostureAccountId = Home }));
        var selection = policy.RootElement.GetProperty("plans").GetProperty("prod").GetProperty("selections").GetProperty("tags").GetProperty("tagged");

        Assert.Equal("arn:aws:iam::$account:role/backup-role", selection.GetProperty("iam_role_arn").GetProperty("@@assign").GetString());
    }

    [Fact]
    public void A_plan_with_only_tag_selections_uses_the_tags_form_alone()
    {
        using var policy = JsonDocument.Parse(PostureExport.ToOrganizationsBackupPolicy(CopyingPosture($"arn:aws:backup:us-west-2:{Home}:backup-vault:dr"), ["us-east-1"]));
        var selections = policy.RootElement.GetProperty("plans").GetProperty("prod").GetProperty("selections");

        Assert.Equal(["tags"], selections.EnumerateObject().Select(p => p.Name));
        Assert.Equal("prod", selections.GetProperty("tags").GetProperty("tagged").GetProperty("tag_value").GetProperty("@@assign")[0].GetString());
    }

    private static BackupPosture Large(int plans, int tagLength) => BackupPosture.Create()
        .AddVault("primary")
        .AddPlans(plans, tagLength);

    private static bool IsRefused(BackupPosture posture, OrganizationsPolicyOptions options)
    {
        try
        {
            PostureExport.ToOrganizationsBackupPolicy(posture, options);
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    [Fact]
    public void A_policy_over_the_organizations_size_limit_is_refused_with_its_length_and_what_to_do()
    {
        var posture = Large(plans: 6, tagLength: 200);

        var error = Assert.Throws<InvalidOperationException>(() => PostureExport.ToOrganizationsBackupPolicy(posture, new OrganizationsPolicyOptions { Regions = ["us-east-1"], Indented = false }));

        Assert.Contains("at most 10000", error.Message, StringComparison.Ordinal);
        Assert.Contains("split the plans", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_policy_within_the_limit_only_without_indentation_says_so()
    {
        var indented = new OrganizationsPolicyOptions { Regions = ["us-east-1"] };

        // The smallest posture of this family whose indented policy is too long: its compact form still fits.
        var posture = Enumerable.Range(1, 64).Select(n => Large(plans: 2, tagLength: n * 4)).First(p => IsRefused(p, indented));
        var error = Assert.Throws<InvalidOperationException>(() => PostureExport.ToOrganizationsBackupPolicy(posture, indented));
        var compact = PostureExport.ToOrganizationsBackupPolicy(posture, indented with { Indented = false });

        Assert.Contains("Indented = false", error.Message, StringComparison.Ordinal);
        Assert.True(compact.Length <= OrganizationsPolicyOptions.MaxPolicyLength);
        Assert.DoesNotContain('\n', compact);
    }

    [Fact]
    public void The_member_account_template_creates_the_vaults_and_the_default_role_the_policy_needs()
    {
        var posture = BackupPosture.Create()
            .AddVault("primary", v => v.Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(400))))
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)))
                .Select("tagged", s => s.WhereTag("backup", "prod")))
            .Build();

        using var template = JsonDocument.Parse(PostureExport.ToMemberAccountTemplate(posture));
        var resources = template.RootElement.GetProperty("Resources");

        var vault = resources.GetProperty("VaultPrimary");
        Assert.Equal("AWS::Backup::BackupVault", vault.GetProperty("Type").GetString());
        Assert.Equal(7, vault.GetProperty("Properties").GetProperty("LockConfiguration").GetProperty("MinRetentionDays").GetInt32());
        var role = resources.GetProperty("BackupServiceRole");
        Assert.Equal("AWS::IAM::Role", role.GetProperty("Type").GetString());
        Assert.Equal("CreateBackupServiceRole", role.GetProperty("Condition").GetString());
        Assert.Equal("AWSBackupDefaultServiceRole", role.GetProperty("Properties").GetProperty("RoleName").GetString());
        Assert.Equal("/service-role/", role.GetProperty("Properties").GetProperty("Path").GetString());
        Assert.Equal("true", template.RootElement.GetProperty("Parameters").GetProperty("CreateBackupServiceRole").GetProperty("Default").GetString());
        Assert.DoesNotContain(resources.EnumerateObject(), r => r.Value.GetProperty("Type").GetString() == "AWS::Backup::BackupPlan");
    }

    [Fact]
    public void The_member_account_template_has_no_role_when_every_selection_names_its_own()
    {
        var posture = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)))
                .Select("tagged", s => s.WhereTag("backup", "prod").WithRole($"arn:aws:iam::{Home}:role/backup-role")))
            .Build();

        using var template = JsonDocument.Parse(PostureExport.ToMemberAccountTemplate(posture));

        Assert.False(template.RootElement.TryGetProperty("Parameters", out _));
        Assert.False(template.RootElement.GetProperty("Resources").TryGetProperty("BackupServiceRole", out _));
    }

    [Fact]
    public void An_air_gapped_target_uses_the_region_and_account_placeholders_and_its_vault_is_in_the_member_template()
    {
        var posture = BackupPosture.Create()
            .AddVault("primary")
            .AddVault("airgap", v => v.LogicallyAirGapped(Days(7), Days(400)))
            .AddPlan("prod", p => p
                .AddRule("daily", r => r.Daily().InVault("primary").DeleteAfter(Days(35)).DirectToAirGappedVault($"arn:aws:backup:us-east-1:{Home}:backup-vault:airgap"))
                .Select("tagged", s => s.WhereTag("backup", "prod")))
            .Build();

        var rule = Rule(PostureExport.ToOrganizationsBackupPolicy(posture, ["us-east-1"]));
        using var template = JsonDocument.Parse(PostureExport.ToMemberAccountTemplate(posture));
        var vault = template.RootElement.GetProperty("Resources").GetProperty("VaultAirgap");

        Assert.Equal("arn:aws:backup:$region:$account:backup-vault:airgap", rule.GetProperty("target_logically_air_gapped_backup_vault_arn").GetProperty("@@assign").GetString());
        Assert.Equal("AWS::Backup::LogicallyAirGappedBackupVault", vault.GetProperty("Type").GetString());
        Assert.Equal(400, vault.GetProperty("Properties").GetProperty("MaxRetentionDays").GetInt32());
    }
}

internal static class LargePostures
{
    /// <summary>Plans of ten rules each whose recovery point tags make the policy as long as the test needs.</summary>
    public static BackupPosture AddPlans(this BackupPostureBuilder builder, int plans, int tagLength)
    {
        for (var p = 0; p < plans; p++)
        {
            builder.AddPlan($"plan-{p}", plan =>
            {
                for (var i = 0; i < 10; i++)
                {
                    var n = i;
                    plan.AddRule($"rule-{n}", r => r.Daily().InVault("primary").DeleteAfter(Days(35 + n)).TagRecoveryPoints("owner", new string('x', tagLength)));
                }

                plan.Select("tagged", s => s.WhereTag("backup", "prod"));
            });
        }

        return builder.Build();
    }
}
