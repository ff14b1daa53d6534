using System.Buffers;
using System.Text.Json;
using BackupKit.Local.Protocol;
using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Wire;
using static BackupKit.Model.Retention;
using M = BackupKit.Model;
using W = BackupKit.Wire;

namespace BackupKit.Tests.Mapping;

public sealed class PostureMappingTests
{
    private const string DrVault = "arn:aws:backup:us-west-2:111122223333:backup-vault:dr";
    private const string OtherVault = "arn:aws:backup:eu-west-1:444455556666:backup-vault:offsite";
    private const string Role = "arn:aws:iam::111122223333:role/BackupRole";

    internal static BackupPosture RichPosture() => BackupPosture.Create()
        .AddVault("primary", v => v
            .EncryptWith("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            .Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(3650)))
            .NotifyTo("arn:aws:sns:us-east-1:111122223333:alerts", BackupVaultEvents.BackupJobFailed, BackupVaultEvents.CopyJobFailed)
            .Tag("team", "platform"))
        .AddVault("vault-compliance", v => v
            .Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Days(30)).MaxRetention(Days(3650))))
        .AddPlan("rich", p => p
            .AddRule("hourly-pitr", r => r
                .Hourly(minute: 15)
                .InVault("primary")
                .StartWithin(TimeSpan.FromHours(1))
                .CompleteWithin(TimeSpan.FromHours(2))
                .EnableContinuousBackup()
                .DeleteAfter(Days(35)))
            .AddRule("daily", r => r
                .Daily(at: new TimeOnly(3, 30))
                .InTimeZone("Europe/Paris")
                .InVault("primary")
                .DeleteAfter(Days(35))
                .TagRecoveryPoints("tier", "daily")
                .TagRecoveryPoints("owner", "platform")
                .IndexFor("EBS")
                .CopyTo(DrVault, c => c.DeleteAfter(Days(35)))
                .CopyTo(OtherVault))
            .AddRule("monthly", r => r
                .Monthly(1)
                .InVault("vault-compliance")
                .MoveToColdStorageAfter(Days(30))
                .DeleteAfter(Days(365))
                .OptInToArchive()
                .CopyTo(DrVault, c => c.MoveToColdStorageAfter(Days(60)).DeleteAfter(Days(400)).OptInToArchive()))
            .WindowsVss()
            .S3BackupOptions(backupAcls: false, backupObjectTags: true)
            .Select("by-arn", s => s
                .WithRole(Role)
                .Include("arn:aws:dynamodb:us-east-1:111122223333:table/orders", "arn:aws:ec2:*:*:volume/*")
                .Except("arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0"))
            .Select("by-tags", s => s
                .WhereTag("backup", "daily")
                .WhereTag("backup", "all")
                .Except("arn:aws:rds:us-east-1:111122223333:db:scratch"))
            .Select("by-conditions", s => s
                .AllResources()
                .RequireTag("env", "prod")
                .RequireTagLike("app", "shop-*")
                .ExcludeTag("backup", "none")
                .ExcludeTagLike("name", "*-tmp"))
            .Tag("cost-center", "42"))
        .Build();

    [Fact]
    public void A_rich_plan_round_trips_through_the_create_request()
    {
        var plan = RichPosture().FindPlan("rich")!;

        var request = PostureMapping.ToCreateBackupPlanInput(plan, "token-1");
        var back = PostureMapping.ToModel(request.BackupPlan!, request.BackupPlanTags, plan.Selections);

        Assert.Equal(plan, back);
        Assert.Equal("token-1", request.CreatorRequestId);
        Assert.Equal("42", request.BackupPlanTags!["cost-center"]);
    }

    [Fact]
    public void A_rich_plan_round_trips_through_the_wire_json_as_get_backup_plan_output()
    {
        var plan = RichPosture().FindPlan("rich")!;
        var document = PostureMapping.ToBackupPlanInput(plan);

        // What AWS returns: the same members, on the output shape, after a trip through JSON.
        var json = Serialize(w => WireJson.WriteBackupPlanInput(w, document));
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var read = ServerJson.ReadBackupPlanInput(ref reader);
        var output = new GetBackupPlanOutput
        {
            BackupPlanId = "id",
            BackupPlan = new W.BackupPlan
            {
                BackupPlanName = read.BackupPlanName,
                AdvancedBackupSettings = read.AdvancedBackupSettings,
                Rules = [.. read.Rules!.Select(r => new W.BackupRule
                {
                    RuleName = r.RuleName,
                    RuleId = Guid.NewGuid().ToString(),
                    TargetBackupVaultName = r.TargetBackupVaultName,
                    ScheduleExpression = r.ScheduleExpression,
                    ScheduleExpressionTimezone = r.ScheduleExpressionTimezone,
                    StartWindowMinutes = r.StartWindowMinutes,
                    CompletionWindowMinutes = r.CompletionWindowMinutes,
                    Lifecycle = r.Lifecycle,
                    RecoveryPointTags = r.RecoveryPointTags,
                    CopyActions = r.CopyActions,
                    EnableContinuousBackup = r.EnableContinuousBackup,
                    IndexActions = r.IndexActions,
                })],
            },
        };

        var back = PostureMapping.ToModel(output, plan.Tags.ToDictionary(t => t.Key, t => t.Value), plan.Selections);

        Assert.Equal(plan, back);
    }

    [Fact]
    public void Unset_members_are_not_sent_and_never_as_zero()
    {
        var rule = new M.BackupRule { Name = "r", TargetVaultName = "v", Lifecycle = new M.Lifecycle { DeleteAfter = Days(35) } };

        var wire = PostureMapping.ToBackupRuleInput(rule);

        Assert.Null(wire.ScheduleExpression);
        Assert.Null(wire.ScheduleExpressionTimezone);
        Assert.Null(wire.StartWindowMinutes);
        Assert.Null(wire.CompletionWindowMinutes);
        Assert.Null(wire.Lifecycle!.MoveToColdStorageAfterDays);
        Assert.Equal(35, wire.Lifecycle.DeleteAfterDays);
        Assert.Null(wire.EnableContinuousBackup);
        Assert.Null(wire.CopyActions);
        Assert.Null(wire.RecoveryPointTags);
    }

    [Fact]
    public void Windows_map_to_whole_minutes()
    {
        var rule = RichPosture().FindPlan("rich")!.Rules.Single(r => r.Name == "hourly-pitr");

        var wire = PostureMapping.ToBackupRuleInput(rule);

        Assert.Equal(60, wire.StartWindowMinutes);
        Assert.Equal(120, wire.CompletionWindowMinutes);
        Assert.True(wire.EnableContinuousBackup);
    }

    [Theory]
    [InlineData("by-arn")]
    [InlineData("by-tags")]
    [InlineData("by-conditions")]
    public void Selections_round_trip_through_the_create_request(string name)
    {
        var selection = RichPosture().FindPlan("rich")!.Selections.Single(s => s.Name == name);

        var request = PostureMapping.ToCreateBackupSelectionInput(selection, "plan-id", "111122223333", creatorRequestId: "t");
        var back = PostureMapping.ToModel(new GetBackupSelectionOutput { SelectionId = "s", BackupSelection = request.BackupSelection });

        Assert.Equal(selection, back);
        Assert.Equal("plan-id", request.BackupPlanId);
    }

    [Fact]
    public void Condition_keys_carry_the_resource_tag_prefix_on_the_wire_but_list_of_tags_keys_do_not()
    {
        var plan = RichPosture().FindPlan("rich")!;

        var conditions = PostureMapping.ToWire(plan.Selections.Single(s => s.Name == "by-conditions"), Role).Conditions!;
        var tags = PostureMapping.ToWire(plan.Selections.Single(s => s.Name == "by-tags"), Role).ListOfTags!;

        Assert.Equal("aws:ResourceTag/env", Assert.Single(conditions.StringEquals!).ConditionKey);
        Assert.Equal("aws:ResourceTag/app", Assert.Single(conditions.StringLike!).ConditionKey);
        Assert.Equal("aws:ResourceTag/backup", Assert.Single(conditions.StringNotEquals!).ConditionKey);
        Assert.Equal("aws:ResourceTag/name", Assert.Single(conditions.StringNotLike!).ConditionKey);
        Assert.All(tags, t => Assert.Equal("backup", t.ConditionKey));
        Assert.All(tags, t => Assert.Equal(ConditionType.STRINGEQUALS, t.ConditionType));
    }

    [Fact]
    public void The_default_service_role_resolves_per_account_and_reads_back_as_the_default()
    {
        var selection = new M.BackupSelection { Name = "s", Resources = ["*"] };

        var request = PostureMapping.ToCreateBackupSelectionInput(selection, "p", "123456789012", "aws-us-gov");

        Assert.Equal("arn:aws-us-gov:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole", request.BackupSelection!.IamRoleArn);
        Assert.True(PostureMapping.ToModel(request.BackupSelection).IamRole.IsDefaultServiceRole);
    }

    [Fact]
    public void Locks_round_trip_in_both_modes_and_the_mode_is_carried_by_changeable_for_days()
    {
        var posture = RichPosture();
        var governance = posture.FindVault("primary")!.Lock!;
        var compliance = posture.FindVault("vault-compliance")!.Lock!;

        var governanceInput = PostureMapping.ToPutLockInput("primary", governance);
        var complianceInput = PostureMapping.ToPutLockInput("vault-compliance", compliance);

        Assert.Null(governanceInput.ChangeableForDays);
        Assert.Equal(3, complianceInput.ChangeableForDays);
        Assert.Equal(governance, PostureMapping.ToModel(governanceInput));
        Assert.Equal(compliance, PostureMapping.ToModel(complianceInput));
        Assert.Equal(VaultLockMode.Compliance, PostureMapping.ToModel(complianceInput).Mode);
    }

    [Fact]
    public void Notifications_round_trip()
    {
        var notifications = RichPosture().FindVault("primary")!.Notifications!;

        var input = PostureMapping.ToPutNotificationsInput("primary", notifications);

        Assert.Equal(notifications, PostureMapping.ToModel(input));
        Assert.Equal(new[] { BackupVaultEvent.BACKUP_JOB_FAILED, BackupVaultEvent.COPY_JOB_FAILED }, input.BackupVaultEvents);
    }

    [Fact]
    public void A_described_vault_reads_back_as_declared()
    {
        var vault = RichPosture().FindVault("primary")!;
        var create = PostureMapping.ToCreateBackupVaultInput(vault, "t");
        var describe = new DescribeBackupVaultOutput
        {
            BackupVaultName = create.BackupVaultName,
            BackupVaultArn = "arn:aws:backup:us-east-1:111122223333:backup-vault:primary",
            VaultType = VaultType.BACKUP_VAULT,
            EncryptionKeyArn = create.EncryptionKeyArn,
            EncryptionKeyType = EncryptionKeyType.CUSTOMER_MANAGED_KMS_KEY,
            Locked = true,
            MinRetentionDays = 7,
            MaxRetentionDays = 3650,
        };

        var back = PostureMapping.ToModel(describe, null, vault.Notifications, create.BackupVaultTags, DateTimeOffset.UnixEpoch);

        Assert.Equal(vault, back);
    }

    [Fact]
    public void A_described_compliance_lock_reads_its_remaining_cooling_off_period()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var describe = new DescribeBackupVaultOutput
        {
            BackupVaultName = "v",
            VaultType = VaultType.BACKUP_VAULT,
            EncryptionKeyArn = "arn:aws:kms:us-east-1:111122223333:key/aws-managed",
            EncryptionKeyType = EncryptionKeyType.AWS_OWNED_KMS_KEY,
            Locked = true,
            MinRetentionDays = 30,
            LockDate = now.AddDays(2.5),
        };

        var vault = PostureMapping.ToModel(describe, null, null, null, now);

        Assert.Null(vault.EncryptionKeyArn);
        Assert.Equal(VaultLockMode.Compliance, vault.Lock!.Mode);
        Assert.Equal(Days(3), vault.Lock.ChangeableFor);
        Assert.Equal(Days(30), vault.Lock.MinRetention);
        Assert.Null(vault.Lock.MaxRetention);
    }

    [Fact]
    public void Aws_filled_defaults_compare_equal_to_an_unset_declaration()
    {
        var declared = new M.BackupRule { Name = "r", TargetVaultName = "v", Lifecycle = new M.Lifecycle { DeleteAfter = Days(35) } };
        var live = PostureMapping.ToModel(new BackupRuleInput
        {
            RuleName = "r",
            TargetBackupVaultName = "v",
            ScheduleExpression = "cron(0 5 ? * * *)",
            ScheduleExpressionTimezone = "Etc/UTC",
            StartWindowMinutes = 480,
            CompletionWindowMinutes = 10080,
            Lifecycle = new W.Lifecycle { DeleteAfterDays = 35 },
            EnableContinuousBackup = false,
        });

        Assert.NotEqual(declared, live);
        Assert.Equal(PostureNormalizer.Normalize(declared), PostureNormalizer.Normalize(live));
    }

    [Fact]
    public void Selections_compare_equal_whatever_the_order_of_their_lists()
    {
        var declared = new M.BackupSelection
        {
            Name = "s",
            Resources = ["arn:aws:s3:::b", "arn:aws:s3:::a"],
            Conditions = new SelectionConditions { StringEquals = [new TagCondition("b", "2"), new TagCondition("a", "1")] },
        };
        var live = declared with
        {
            IamRole = IamRoleReference.FromArn("arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"),
            Resources = ["arn:aws:s3:::a", "arn:aws:s3:::b"],
            Conditions = new SelectionConditions { StringEquals = [new TagCondition("a", "1"), new TagCondition("b", "2")] },
        };

        Assert.Equal(PostureNormalizer.Normalize(declared, "111122223333", "aws"), PostureNormalizer.Normalize(live, "111122223333", "aws"));
        Assert.NotEqual(
            PostureNormalizer.Normalize(declared, "111122223333", "aws"),
            PostureNormalizer.Normalize(live with { NotResources = ["arn:aws:s3:::a"] }, "111122223333", "aws"));
    }

    [Fact]
    public void Policies_compare_by_json_content_not_by_formatting()
    {
        const string declared = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"backup:DeleteRecoveryPoint","Principal":"*","Resource":"*"}]}""";
        const string live = """
            {
              "Statement": [ { "Resource": "*", "Principal": "*", "Action": "backup:DeleteRecoveryPoint", "Effect": "Deny" } ],
              "Version": "2012-10-17"
            }
            """;

        Assert.Equal(PostureNormalizer.NormalizePolicy(declared), PostureNormalizer.NormalizePolicy(live));
        Assert.NotEqual(PostureNormalizer.NormalizePolicy(declared), PostureNormalizer.NormalizePolicy(live.Replace("Deny", "Allow", StringComparison.Ordinal)));
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
