using BackupKit.Building;
using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Posture;

/// <summary>No valid posture may be rejected: a corpus of postures at and around every AWS limit must build.</summary>
public sealed class ValidPostureTests
{
    public static TheoryData<string> Cases => new(ValidCorpus.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Valid_posture_builds_without_errors(string caseName)
    {
        var posture = ValidCorpus.Build(caseName).Build();

        Assert.DoesNotContain(posture.Validate(), v => v.Severity == ViolationSeverity.Error);
    }

    [Fact]
    public void Quickstart_shape_from_the_brief_builds_and_keeps_every_value()
    {
        var posture = BackupPosture.Create()
            .AddVault("primary", v => v.EncryptWith(Arns.KmsKey).Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(365))))
            .AddPlan("prod", p => p
                .AddRule("daily", r => r
                    .Daily(at: new TimeOnly(5, 0))
                    .InVault("primary")
                    .StartWithin(TimeSpan.FromHours(1))
                    .CompleteWithin(TimeSpan.FromHours(8))
                    .MoveToColdStorageAfter(Days(30))
                    .DeleteAfter(Days(120))
                    .CopyTo(Arns.DrVault, c => c.DeleteAfter(Days(120))))
                .Select("prod-tagged", s => s.WhereTag("backup", "prod").Except(Arns.Table)))
            .Build();

        var vault = Assert.Single(posture.Vaults);
        Assert.Equal(Arns.KmsKey, vault.EncryptionKeyArn);
        Assert.Equal(VaultLockMode.Governance, vault.Lock!.Mode);
        Assert.Equal(Days(7), vault.Lock.MinRetention);
        var rule = Assert.Single(Assert.Single(posture.Plans).Rules);
        Assert.Equal("cron(0 5 ? * * *)", rule.Schedule!.CronExpression);
        Assert.Null(rule.Schedule.TimeZone);
        Assert.Equal(TimeSpan.FromHours(1), rule.StartWindow);
        Assert.Equal(Days(30), rule.Lifecycle!.MoveToColdStorageAfter);
        Assert.Equal(Days(120), rule.Lifecycle.DeleteAfter);
        var copy = Assert.Single(rule.CopyActions);
        Assert.Equal(Arns.DrVault, copy.DestinationVaultArn);
        Assert.Null(copy.Lifecycle!.MoveToColdStorageAfter);
        var selection = Assert.Single(posture.Plans[0].Selections);
        Assert.True(selection.IamRole.IsDefaultServiceRole);
        Assert.Equal(new TagCondition("backup", "prod"), Assert.Single(selection.ListOfTags));
        Assert.Equal(Arns.Table, Assert.Single(selection.NotResources));
    }

    [Fact]
    public void Unset_values_stay_unset_and_are_distinct_from_zero()
    {
        var posture = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")))
            .Build();

        var rule = posture.Plans[0].Rules[0];
        Assert.Null(rule.Schedule);
        Assert.Null(rule.StartWindow);
        Assert.Null(rule.CompletionWindow);
        Assert.Null(rule.Lifecycle);

        var coldAtZero = BackupPosture.Create()
            .AddVault("primary")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").MoveToColdStorageAfter(Days(0)).DeleteAfter(Days(90))))
            .Build();
        Assert.Equal(Days(0), coldAtZero.Plans[0].Rules[0].Lifecycle!.MoveToColdStorageAfter);
        Assert.NotEqual(posture, coldAtZero);
    }

    [Fact]
    public void Warnings_do_not_fail_the_build_but_are_reported_by_Validate()
    {
        var builder = BackupPosture.Create();
        for (var i = 0; i < 301; i++)
        {
            builder.AddVault($"vault-{i}", v => v.Lock(VaultLock.Governance()));
        }

        // Locked vaults, a retention and a copy: no recommendation (BK10xx) adds to the quota warning.
        var posture = builder.AddPlan("p", p => p.AddRule("r", r => r.InVault("vault-0").DeleteAfter(Days(35)).CopyTo(Arns.DrVault))).Build();

        var warning = Assert.Single(posture.Validate());
        Assert.Equal("BK6010", warning.RuleId);
        Assert.Equal(ViolationSeverity.Warning, warning.Severity);
    }
}

/// <summary>Named valid postures, several exactly at an AWS limit.</summary>
internal static class ValidCorpus
{
    private static readonly string[] s_restoreTestingResourceTypes = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"];

    private static readonly Dictionary<string, Func<BackupPostureBuilder>> s_cases = new()
    {
        ["minimal"] = () => WithRule(r => r.InVault("primary")),
        ["default vault managed elsewhere"] = () => BackupPosture.Create().AddPlan("p", p => p.AddRule("r", r => r.InExistingVault("Default"))),
        ["start window exactly 60 minutes"] = () => WithRule(r => r.InVault("primary").StartWithin(TimeSpan.FromMinutes(60))),
        ["windows at the 52,560,000-minute maximum"] = () => WithRule(r => r.InVault("primary")
            .StartWithin(TimeSpan.FromMinutes(52_560_000)).CompleteWithin(TimeSpan.FromMinutes(52_560_000))),
        ["completion equal to start window"] = () => WithRule(r => r.InVault("primary").StartWithin(TimeSpan.FromHours(2)).CompleteWithin(TimeSpan.FromHours(2))),
        ["completion window alone, 1 minute"] = () => WithRule(r => r.InVault("primary").CompleteWithin(TimeSpan.FromMinutes(1))),
        ["delete after 1 day"] = () => WithRule(r => r.InVault("primary").DeleteAfter(Days(1))),
        ["delete after 36,500 days"] = () => WithRule(r => r.InVault("primary").DeleteAfter(Days(36_500))),
        ["cold 0 and delete exactly 90 later"] = () => WithRule(r => r.InVault("primary").MoveToColdStorageAfter(Days(0)).DeleteAfter(Days(90))),
        ["cold 30 and delete exactly 120"] = () => WithRule(r => r.InVault("primary").MoveToColdStorageAfter(Days(30)).DeleteAfter(Days(120))),
        ["cold without delete keeps forever"] = () => WithRule(r => r.InVault("primary").MoveToColdStorageAfter(Days(36_500))),
        ["cold with archive opt-in"] = () => WithRule(r => r.InVault("primary").MoveToColdStorageAfter(Days(30)).DeleteAfter(Days(365)).OptInToArchive()),
        ["continuous 1 day"] = () => WithRule(r => r.InVault("primary").EnableContinuousBackup().DeleteAfter(Days(1))),
        ["continuous 35 days"] = () => WithRule(r => r.InVault("primary").EnableContinuousBackup().DeleteAfter(Days(35))),
        ["hourly"] = () => WithRule(r => r.InVault("primary").Hourly(minute: 59)),
        ["every 12 hours from 05:30"] = () => WithRule(r => r.InVault("primary").EveryHours(12, new TimeOnly(5, 30))),
        ["weekly in a time zone"] = () => WithRule(r => r.InVault("primary").Weekly(DayOfWeek.Sunday, new TimeOnly(23, 59)).InTimeZone("Europe/Paris")),
        ["monthly on the 31st"] = () => WithRule(r => r.InVault("primary").Monthly(31)),
        ["monthly on the last day"] = () => WithRule(r => r.InVault("primary").MonthlyOnLastDay()),
        ["time zone only (AWS default cron)"] = () => WithRule(r => r.InVault("primary").InTimeZone("America/New_York")),
        ["Etc/UTC and UTC time zones"] = () => BackupPosture.Create().AddVault("primary")
            .AddPlan("p", p => p.AddRule("a", r => r.InVault("primary").Daily().InTimeZone("Etc/UTC")).AddRule("b", r => r.InVault("primary").Daily().InTimeZone("UTC"))),
        ["custom cron: names, ranges, steps"] = () => WithRule(r => r.InVault("primary").Cron("cron(15 0/4 ? JAN-MAR,OCT MON-FRI 2026-2199)")),
        ["custom cron: nth weekday and last weekday"] = () => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p
            .AddRule("a", r => r.InVault("primary").Cron("cron(0 3 ? * 6#3 *)"))
            .AddRule("b", r => r.InVault("primary").Cron("cron(0 3 LW * ? *)"))
            .AddRule("c", r => r.InVault("primary").Cron("cron(0 3 15W * ? *)"))
            .AddRule("d", r => r.InVault("primary").Cron("cron(0 3 ? * 6L *)"))),
        ["ten rules"] = () => BackupPosture.Create().AddVault("primary").AddPlan("p", p =>
        {
            for (var i = 0; i < 10; i++)
            {
                p.AddRule($"rule-{i}", r => r.InVault("primary"));
            }
        }),
        ["five copy actions with lifecycles"] = () => WithRule(r =>
        {
            r.InVault("primary").DeleteAfter(Days(35));
            foreach (var region in new[] { "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2" })
            {
                r.CopyTo(Arns.VaultInRegion(region, "dr"), c => c.MoveToColdStorageAfter(Days(1)).DeleteAfter(Days(91)));
            }
        }),
        ["copy to GovCloud and China partitions"] = () => WithRule(r => r.InVault("primary")
            .CopyTo("arn:aws-us-gov:backup:us-gov-west-1:123456789012:backup-vault:dr")
            .CopyTo("arn:aws-cn:backup:cn-north-1:123456789012:backup-vault:dr")),
        ["ten recovery point tags"] = () => WithRule(r =>
        {
            r.InVault("primary");
            for (var i = 0; i < 10; i++)
            {
                r.TagRecoveryPoints($"k{i}", i == 0 ? string.Empty : new string('v', 256));
            }
        }),
        ["index S3 and EBS in separate rules"] = () => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p
            .AddRule("s3", r => r.InVault("primary").IndexFor(IndexResourceType.S3))
            .AddRule("ebs", r => r.InVault("primary").IndexFor(IndexResourceType.Ebs))),
        ["advanced settings"] = () => BackupPosture.Create().AddVault("primary")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")).WindowsVss().S3BackupOptions(backupAcls: false, backupObjectTags: true)),
        ["names at their length limits"] = () => BackupPosture.Create()
            .AddVault("ab")
            .AddVault(new string('v', 50))
            .AddPlan(new string('p', 50), p => p
                .AddRule(new string('r', 50), r => r.InVault("ab"))
                .AddRule("a", r => r.InVault(new string('v', 50)))
                .Select(new string('s', 50), s => s.Include(Arns.Table))),
        ["names with every allowed character"] = () => BackupPosture.Create()
            .AddVault("Prod_Vault-01")
            .AddPlan("prod.plan_v-1", p => p.AddRule("daily.rule_1-a", r => r.InVault("Prod_Vault-01")).Select("sel.ection_1-a", s => s.AllResources())),
        ["governance lock 1 to 36,500 days, retention at both bounds"] = () => BackupPosture.Create()
            .AddVault("locked", v => v.Lock(l => l.MinRetention(Days(1)).MaxRetention(Days(36_500))))
            .AddPlan("p", p => p
                .AddRule("short", r => r.InVault("locked").DeleteAfter(Days(1)))
                .AddRule("long", r => r.InVault("locked").DeleteAfter(Days(36_500)))),
        ["min equals max"] = () => BackupPosture.Create()
            .AddVault("locked", v => v.Lock(l => l.MinRetention(Days(35)).MaxRetention(Days(35))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("locked").DeleteAfter(Days(35)))),
        ["lock with only a minimum accepts keep-forever"] = () => BackupPosture.Create()
            .AddVault("locked", v => v.Lock(l => l.MinRetention(Days(7))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("locked"))),
        ["compliance lock 3 days"] = () => BackupPosture.Create()
            .AddVault("locked", v => v.Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Days(7))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("locked").DeleteAfter(Days(7)))),
        ["compliance lock 36,500 days"] = () => BackupPosture.Create()
            .AddVault("locked", v => v.Lock(VaultLock.Compliance(Days(36_500), ComplianceLock.IrreversibleAfterCoolingOff, maxRetention: Days(3650))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("locked").DeleteAfter(Days(3650)))),
        ["air-gapped vault 7 to 36,500 days as direct target and copy destination"] = () => BackupPosture.Create()
            .AddVault("primary")
            .AddVault("air-gapped", v => v.LogicallyAirGapped(Days(7), Days(36_500)))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").DeleteAfter(Days(7))
                .DirectToAirGappedVault(Arns.VaultInRegion("us-east-1", "air-gapped"))
                .CopyTo(Arns.VaultInRegion("us-east-1", "air-gapped"), c => c.DeleteAfter(Days(36_500))))),
        ["copy without lifecycle inherits an in-range retention"] = () => BackupPosture.Create()
            .AddVault("primary")
            .AddVault("dr", v => v.Lock(l => l.MinRetention(Days(30)).MaxRetention(Days(60))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").DeleteAfter(Days(45)).CopyTo(Arns.VaultInRegion("us-west-2", "dr")))),
        ["vault with everything"] = () => BackupPosture.Create()
            .AddVault("primary", v => v
                .EncryptWith(Arns.KmsKey)
                .DenyRecoveryPointDeletion("arn:aws:iam::123456789012:role/BackupAdmin")
                .NotifyTo(Arns.Topic, BackupVaultEvents.Failures)
                .NotifyTo("arn:aws:sns:eu-west-1:123456789012:alerts.fifo", BackupVaultEvents.BackupJobFailed, BackupVaultEvents.AccessPointExpired)
                .Tag("team", "platform")
                .Tag(new string('k', 128), new string('v', 256)))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")).Tag("cost-center", string.Empty)),
        ["selection limits: 500 plain ARNs, 30 wildcards, 30 tags, 30 conditions"] = () => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p
            .AddRule("r", r => r.InVault("primary"))
            .Select("arns", s => s.Include(Enumerable.Range(0, 500).Select(i => $"arn:aws:dynamodb:us-east-1:123456789012:table/t{i}").ToArray())
                .Include(Enumerable.Range(0, 30).Select(i => $"arn:aws:s3:::bucket-{i}-*").ToArray())
                .Except(Enumerable.Range(0, 30).Select(i => $"arn:aws:ec2:*:*:volume/vol-{i}*").ToArray()))
            .Select("tags", s =>
            {
                for (var i = 0; i < 30; i++)
                {
                    s.WhereTag($"k{i}", "v").RequireTagLike($"c{i}", "*");
                }
            })),
        ["selection patterns from the AWS docs"] = () => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p
            .AddRule("r", r => r.InVault("primary"))
            .Select("patterns", s => s
                .Include("arn:aws:ec2:*:*:volume/*", "arn:aws:rds:*:*:db:*", "arn:aws:s3:::*", "arn:aws:ec2:*", "arn:aws:fsx:*", "arn:aws:elasticfilesystem:*:*:file-system/*")
                .WithRole("arn:aws:iam::123456789012:role/custom/path/BackupRole")
                .RequireTag("env", "prod").ExcludeTag("backup", "false").ExcludeTagLike("tier", "scratch-*"))),
        ["100 selections, 10 using tags"] = () => BackupPosture.Create().AddVault("primary").AddPlan("p", p =>
        {
            p.AddRule("r", r => r.InVault("primary"));
            for (var i = 0; i < 100; i++)
            {
                p.Select($"s{i}", s => { if (i < 10) { s.WhereTag("backup", $"v{i}"); } else { s.Include($"arn:aws:dynamodb:us-east-1:123456789012:table/t{i}"); } });
            }
        }),
        ["restore testing at its limits"] = () => BackupPosture.Create().AddVault("primary")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")))
            .AddRestoreTestingPlan(new string('t', 50), t =>
            {
                t.Weekly(DayOfWeek.Sunday, new TimeOnly(1, 0)).InTimeZone("Europe/Paris").StartWithin(TimeSpan.FromHours(168))
                    .RandomRecoveryPoint().RecoveryPointTypes(RestoreTestingRecoveryPointType.Snapshot, RestoreTestingRecoveryPointType.Continuous)
                    .FromVaults(Enumerable.Range(0, 29).Select(i => Arns.VaultInRegion("us-east-1", $"vault-{i}")).ToArray())
                    .ExceptVaults("arn:aws:backup:*:*:backup-vault:scratch-*")
                    .WithinLast(Days(365));
                for (var i = 0; i < 50; i++)
                {
                    t.Tag($"k{i}", "v");
                }

                t.Test("explicit_arns", "DynamoDB", s => s.Resources(Enumerable.Range(0, 30).Select(i => $"arn:aws:dynamodb:us-east-1:123456789012:table/t{i}").ToArray())
                    .ValidateWithin(TimeSpan.Zero));
                t.Test("tagged", "RDS", s =>
                {
                    s.AllProtectedResources().ValidateWithin(TimeSpan.FromHours(168)).OverrideRestoreMetadata("DBSubnetGroupName", "restore-tests")
                        .WithRole("arn:aws:iam::123456789012:role/RestoreTester");
                    for (var i = 0; i < 15; i++)
                    {
                        s.WhereTag($"env {i}", "prod:eu/1").ExceptTag($"team_{i}", string.Empty);
                    }
                });
                for (var i = 0; i < 28; i++)
                {
                    t.Test($"s{i}", s_restoreTestingResourceTypes[i % s_restoreTestingResourceTypes.Length], s => s.AllProtectedResources());
                }
            }),
        ["restore testing minimal values"] = () => BackupPosture.Create().AddVault("primary")
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")))
            .AddRestoreTestingPlan("daily_restore", t => t.Daily().StartWithin(TimeSpan.FromHours(1)).FromAllVaults().WithinLast(Days(1))
                .Test("ebs", "EBS", s => s.AllProtectedResources())),
        ["every plan preset"] = () =>
        {
            var builder = BackupPosture.Create().AddVault("primary");
            foreach (var preset in BackupPlanPreset.All)
            {
                builder.AddPlan(preset.Name, p => p.ApplyPreset(preset, "primary").Select("all", s => s.AllResources().RequireTag("backup", "true")));
            }

            return builder;
        },
    };

    public static IEnumerable<string> Names => s_cases.Keys;

    public static BackupPostureBuilder Build(string name) => s_cases[name]();

    private static BackupPostureBuilder WithRule(Action<BackupRuleBuilder> rule) =>
        BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", rule));
}
