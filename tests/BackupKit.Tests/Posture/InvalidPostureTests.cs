using BackupKit.Building;
using BackupKit.Model;
using static BackupKit.Model.Retention;

namespace BackupKit.Tests.Posture;

/// <summary>Every invalid posture is rejected with the expected rule id at the expected path.</summary>
public sealed class InvalidPostureTests
{
    public static TheoryData<string> Cases => new(InvalidCorpus.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_posture_is_rejected_with_rule_id_and_path(string caseName)
    {
        var (build, ruleId, path) = InvalidCorpus.Get(caseName);

        var exception = Assert.Throws<BackupPostureValidationException>(() => build().Build());

        Assert.Contains(exception.Violations, v => v.RuleId == ruleId && v.Path == path);
        var violation = exception.Violations.First(v => v.RuleId == ruleId && v.Path == path);
        Assert.False(string.IsNullOrWhiteSpace(violation.Fix));
        Assert.Equal($"https://github.com/backupkit/backupkit/blob/main/docs/rules/{ruleId}.md", violation.HelpLink);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_covers_every_error_rule_of_the_catalog()
    {
        var covered = InvalidCorpus.Names.Select(n => InvalidCorpus.Get(n).RuleId).ToHashSet();
        var errorRules = Rules.RuleCatalog.All
            .Where(r => r.DefaultSeverity == Rules.RuleSeverity.Error)
            .Select(r => r.Id);

        Assert.Empty(errorRules.Except(covered));
    }
}

internal static class InvalidCorpus
{
    private const string Rule = "plans[p].rules[r]";

    private static readonly Dictionary<string, (Func<BackupPostureBuilder> Build, string RuleId, string Path)> s_cases = new()
    {
        ["vault name with a dot"] = (() => Posture("my.vault", r => r.InExistingVault("Default")), "BK1101", "vaults[my.vault].name"),
        ["vault name of one character"] = (() => Posture("v", r => r.InExistingVault("Default")), "BK1101", "vaults[v].name"),
        ["vault name of 51 characters"] = (() => Posture(new string('v', 51), r => r.InExistingVault("Default")), "BK1101", $"vaults[{new string('v', 51)}].name"),
        ["rule targets a vault ARN instead of a name"] = (() => WithRule(r => r.InExistingVault(Arns.DrVault)), "BK1101", Rule + ".targetVault"),
        ["plan name with a space"] = (() => BackupPosture.Create().AddPlan("my plan", p => p.AddRule("r", r => r.InExistingVault("Default"))), "BK1102", "plans[my plan].name"),
        ["plan name of 51 characters"] = (() => BackupPosture.Create().AddPlan(new string('p', 51), p => p.AddRule("r", r => r.InExistingVault("Default"))), "BK1102", $"plans[{new string('p', 51)}].name"),
        ["rule name with a slash"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("daily/rule", r => r.InVault("primary"))), "BK1103", "plans[p].rules[daily/rule].name"),
        ["empty rule name"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule(string.Empty, r => r.InVault("primary"))), "BK1103", "plans[p].rules[].name"),
        ["selection name with a colon"] = (() => WithSelection("a:b", s => s.AllResources()), "BK1104", "plans[p].selections[a:b].name"),
        ["duplicate vault"] = (() => BackupPosture.Create().AddVault("primary").AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary"))), "BK1105", "vaults[primary]"),
        ["duplicate rule"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")).AddRule("r", r => r.InVault("primary"))), "BK1105", Rule),
        ["duplicate selection"] = (() => WithSelection("s", s => s.AllResources()).AddPlan("q", p => p.AddRule("r", r => r.InVault("primary")).Select("x", s => s.AllResources()).Select("x", s => s.AllResources())), "BK1105", "plans[q].selections[x]"),
        ["duplicate plan"] = (() => WithRule(r => r.InVault("primary")).AddPlan("p", p => p.AddRule("r", r => r.InVault("primary"))), "BK1105", "plans[p]"),
        ["vault tag key of 129 characters"] = (() => BackupPosture.Create().AddVault("primary", v => v.Tag(new string('k', 129), "v")).AddPlan("p", p => p.AddRule("r", r => r.InVault("primary"))), "BK1106", $"vaults[primary].tags[{new string('k', 129)}]"),
        ["plan tag value of 257 characters"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")).Tag("k", new string('v', 257))), "BK1106", "plans[p].tags[k]"),
        ["rate expression"] = (() => WithRule(r => r.InVault("primary").Cron("rate(1 day)")), "BK2001", Rule + ".schedule.cronExpression"),
        ["five-field cron"] = (() => WithRule(r => r.InVault("primary").Cron("cron(0 5 * * ?)")), "BK2001", Rule + ".schedule.cronExpression"),
        ["cron with both day fields set"] = (() => WithRule(r => r.InVault("primary").Cron("cron(0 5 * * * *)")), "BK2001", Rule + ".schedule.cronExpression"),
        ["cron with hour 24"] = (() => WithRule(r => r.InVault("primary").Cron("cron(0 24 ? * * *)")), "BK2001", Rule + ".schedule.cronExpression"),
        ["cron with day-of-week 0"] = (() => WithRule(r => r.InVault("primary").Cron("cron(0 5 ? * 0 *)")), "BK2001", Rule + ".schedule.cronExpression"),
        ["cron with year 2200"] = (() => WithRule(r => r.InVault("primary").Cron("cron(0 5 ? * * 2200)")), "BK2001", Rule + ".schedule.cronExpression"),
        ["every 30 minutes"] = (() => WithRule(r => r.InVault("primary").Cron("cron(0/30 * ? * * *)")), "BK2002", Rule + ".schedule.cronExpression"),
        ["two minutes listed"] = (() => WithRule(r => r.InVault("primary").Cron("cron(5,35 8 ? * * *)")), "BK2002", Rule + ".schedule.cronExpression"),
        ["Windows time zone id"] = (() => WithRule(r => r.InVault("primary").Daily().InTimeZone("Pacific Standard Time")), "BK2003", Rule + ".schedule.timeZone"),
        ["start window of 59 minutes"] = (() => WithRule(r => r.InVault("primary").StartWithin(TimeSpan.FromMinutes(59))), "BK2004", Rule + ".startWindow"),
        ["start window above 100 years"] = (() => WithRule(r => r.InVault("primary").StartWithin(TimeSpan.FromMinutes(52_560_001))), "BK2004", Rule + ".startWindow"),
        ["completion window shorter than start window"] = (() => WithRule(r => r.InVault("primary").StartWithin(TimeSpan.FromHours(8)).CompleteWithin(TimeSpan.FromHours(2))), "BK2005", Rule + ".completionWindow"),
        ["completion window above 100 years"] = (() => WithRule(r => r.InVault("primary").CompleteWithin(TimeSpan.FromMinutes(52_560_001))), "BK2005", Rule + ".completionWindow"),
        ["zero completion window"] = (() => WithRule(r => r.InVault("primary").CompleteWithin(TimeSpan.Zero)), "BK2005", Rule + ".completionWindow"),
        ["start window with seconds"] = (() => WithRule(r => r.InVault("primary").StartWithin(TimeSpan.FromSeconds(3_630))), "BK2006", Rule + ".startWindow"),
        ["hourly at minute 60"] = (() => WithRule(r => r.InVault("primary").Hourly(60)), "BK2007", Rule + ".schedule.minute"),
        ["every 24 hours"] = (() => WithRule(r => r.InVault("primary").EveryHours(24, new TimeOnly(0, 0))), "BK2007", Rule + ".schedule.hours"),
        ["every 5 hours from 07:00"] = (() => WithRule(r => r.InVault("primary").EveryHours(5, new TimeOnly(7, 0))), "BK2007", Rule + ".schedule.startingAt"),
        ["monthly on day 32"] = (() => WithRule(r => r.InVault("primary").Monthly(32)), "BK2007", Rule + ".schedule.dayOfMonth"),
        ["weekly on day 9"] = (() => WithRule(r => r.InVault("primary").Weekly((DayOfWeek)9)), "BK2007", Rule + ".schedule.day"),
        ["daily at 05:00:30"] = (() => WithRule(r => r.InVault("primary").Daily(new TimeOnly(5, 0, 30))), "BK2007", Rule + ".schedule.at"),
        ["restore testing monthly on day 0"] = (() => Restore(t => t.Monthly(0).FromAllVaults()), "BK2007", "restoreTestingPlans[rt].schedule.dayOfMonth"),
        ["delete after -1 days"] = (() => WithRule(r => r.InVault("primary").DeleteAfter(Days(-1))), "BK3001", Rule + ".lifecycle.deleteAfter"),
        ["cold storage after -2 weeks"] = (() => WithRule(r => r.InVault("primary").MoveToColdStorageAfter(Weeks(-2))), "BK3002", Rule + ".lifecycle.moveToColdStorageAfter"),
        ["delete after 0 days"] = (() => WithRule(r => r.InVault("primary").DeleteAfter(Days(0))), "BK3001", Rule + ".lifecycle.deleteAfter"),
        ["delete after 36,501 days"] = (() => WithRule(r => r.InVault("primary").DeleteAfter(Days(36_501))), "BK3001", Rule + ".lifecycle.deleteAfter"),
        ["copy delete after 36,501 days"] = (() => WithRule(r => r.InVault("primary").CopyTo(Arns.DrVault, c => c.DeleteAfter(Days(36_501)))), "BK3001", Rule + ".copyActions[0].lifecycle.deleteAfter"),
        ["cold after 36,501 days"] = (() => WithRule(r => r.InVault("primary").MoveToColdStorageAfter(Days(36_501))), "BK3002", Rule + ".lifecycle.moveToColdStorageAfter"),
        ["delete 89 days after cold"] = (() => WithRule(r => r.InVault("primary").MoveToColdStorageAfter(Days(30)).DeleteAfter(Days(119))), "BK3003", Rule + ".lifecycle.deleteAfter"),
        ["cold 0 and delete 89"] = (() => WithRule(r => r.InVault("primary").MoveToColdStorageAfter(Days(0)).DeleteAfter(Days(89))), "BK3003", Rule + ".lifecycle.deleteAfter"),
        ["copy action breaks the 90-day rule"] = (() => WithRule(r => r.InVault("primary").CopyTo(Arns.DrVault, c => c.MoveToColdStorageAfter(Days(30)).DeleteAfter(Days(60)))), "BK3003", Rule + ".copyActions[0].lifecycle.deleteAfter"),
        ["continuous for 36 days"] = (() => WithRule(r => r.InVault("primary").EnableContinuousBackup().DeleteAfter(Days(36))), "BK3004", Rule + ".lifecycle.deleteAfter"),
        ["continuous kept forever"] = (() => WithRule(r => r.InVault("primary").EnableContinuousBackup()), "BK3004", Rule + ".lifecycle.deleteAfter"),
        ["continuous with cold storage"] = (() => WithRule(r => r.InVault("primary").EnableContinuousBackup().MoveToColdStorageAfter(Days(1)).DeleteAfter(Days(35))), "BK3005", Rule + ".lifecycle.moveToColdStorageAfter"),
        ["plan without rules"] = (() => BackupPosture.Create().AddPlan("p", _ => { }), "BK4001", "plans[p].rules"),
        ["eleven rules"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p =>
        {
            for (var i = 0; i < 11; i++)
            {
                p.AddRule($"r{i}", r => r.InVault("primary"));
            }
        }), "BK4001", "plans[p].rules"),
        ["six copy actions"] = (() => WithRule(r =>
        {
            r.InVault("primary");
            for (var i = 0; i < 6; i++)
            {
                r.CopyTo(Arns.VaultInRegion("us-west-2", $"dr{i}"));
            }
        }), "BK4002", Rule + ".copyActions"),
        ["copy destination given as a name"] = (() => WithRule(r => r.InVault("primary").CopyTo("dr-vault")), "BK4003", Rule + ".copyActions[0].destinationVaultArn"),
        ["copy destination is a KMS ARN"] = (() => WithRule(r => r.InVault("primary").CopyTo(Arns.KmsKey)), "BK4003", Rule + ".copyActions[0].destinationVaultArn"),
        ["eleven recovery point tags"] = (() => WithRule(r =>
        {
            r.InVault("primary");
            for (var i = 0; i < 11; i++)
            {
                r.TagRecoveryPoints($"k{i}", "v");
            }
        }), "BK4004", Rule + ".recoveryPointTags"),
        ["two index actions"] = (() => WithRule(r => r.InVault("primary").IndexFor(IndexResourceType.S3).IndexFor(IndexResourceType.Ebs)), "BK4005", Rule + ".indexActions"),
        ["index of RDS"] = (() => WithRule(r => r.InVault("primary").IndexFor("RDS")), "BK4005", Rule + ".indexActions[0]"),
        ["advanced setting for RDS"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")).AdvancedOption("RDS", "X", "enabled")), "BK4006", "plans[p].advancedBackupSettings[RDS].resourceType"),
        ["unknown EC2 option"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")).AdvancedOption("EC2", "WindowsVss", "enabled")), "BK4006", "plans[p].advancedBackupSettings[EC2].options[WindowsVss]"),
        ["VSS value true"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")).AdvancedOption("EC2", "WindowsVSS", "true")), "BK4006", "plans[p].advancedBackupSettings[EC2].options[WindowsVSS]"),
        ["air-gapped target is not an ARN"] = (() => WithRule(r => r.InVault("primary").DirectToAirGappedVault("air-gapped")), "BK4007", Rule + ".targetLogicallyAirGappedVaultArn"),
        ["target vault not declared"] = (() => WithRule(r => r.InVault("missing")), "BK4008", Rule + ".targetVault"),
        ["no target vault"] = (() => WithRule(r => r.Daily()), "BK4008", Rule + ".targetVault"),
        ["selection role is not a role ARN"] = (() => WithSelection("s", s => s.AllResources().WithRole("arn:aws:iam::123456789012:user/alice")), "BK5001", "plans[p].selections[s].iamRole"),
        ["selection role is a role name"] = (() => WithSelection("s", s => s.AllResources().WithRole("AWSBackupDefaultServiceRole")), "BK5001", "plans[p].selections[s].iamRole"),
        ["selection by conditions alone"] = (() => WithSelection("s", s => s.RequireTag("backup", "true")), "BK5002", "plans[p].selections[s]"),
        ["resource is not an ARN"] = (() => WithSelection("s", s => s.Include("orders-table")), "BK5003", "plans[p].selections[s].resources[0]"),
        ["leading wildcard in resource name"] = (() => WithSelection("s", s => s.Include("arn:aws:s3:::*-logs")), "BK5003", "plans[p].selections[s].resources[0]"),
        ["partial wildcard in region"] = (() => WithSelection("s", s => s.Include(Arns.Table).Except("arn:aws:dynamodb:us-*:123456789012:table/x")), "BK5003", "plans[p].selections[s].notResources[0]"),
        ["501 plain ARNs"] = (() => WithSelection("s", s => s.Include(Enumerable.Range(0, 501).Select(i => $"arn:aws:dynamodb:us-east-1:123456789012:table/t{i}").ToArray())), "BK5004", "plans[p].selections[s].resources"),
        ["31 wildcard exclusions"] = (() => WithSelection("s", s => s.AllResources().Except(Enumerable.Range(0, 31).Select(i => $"arn:aws:s3:::b{i}-*").ToArray())), "BK5004", "plans[p].selections[s].notResources"),
        ["31 tags"] = (() => WithSelection("s", s =>
        {
            for (var i = 0; i < 31; i++)
            {
                s.WhereTag("backup", $"v{i}");
            }
        }), "BK5005", "plans[p].selections[s].listOfTags"),
        ["31 conditions"] = (() => WithSelection("s", s =>
        {
            s.AllResources();
            for (var i = 0; i < 16; i++)
            {
                s.RequireTag($"a{i}", "v").ExcludeTagLike($"b{i}", "x*");
            }
        }), "BK5006", "plans[p].selections[s].conditions"),
        ["101 selections"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p =>
        {
            p.AddRule("r", r => r.InVault("primary"));
            for (var i = 0; i < 101; i++)
            {
                p.Select($"s{i}", s => s.Include(Arns.Table));
            }
        }), "BK5007", "plans[p].selections"),
        ["11 tag-based selections"] = (() => BackupPosture.Create().AddVault("primary").AddPlan("p", p =>
        {
            p.AddRule("r", r => r.InVault("primary"));
            for (var i = 0; i < 11; i++)
            {
                p.Select($"s{i}", s => s.AllResources().RequireTag("backup", $"v{i}"));
            }
        }), "BK5008", "plans[p].selections"),
        ["condition key with the aws:ResourceTag prefix"] = (() => WithSelection("s", s => s.AllResources().RequireTag("aws:ResourceTag/backup", "true")), "BK5009", "plans[p].selections[s].conditions[0]"),
        ["empty tag key"] = (() => WithSelection("s", s => s.WhereTag(string.Empty, "true")), "BK5009", "plans[p].selections[s].listOfTags[0]"),
        ["KMS alias"] = (() => Vault(v => v.EncryptWith("alias/aws/backup")), "BK6001", "vaults[primary].encryptionKeyArn"),
        ["KMS alias ARN"] = (() => Vault(v => v.EncryptWith("arn:aws:kms:us-east-1:123456789012:alias/backup")), "BK6001", "vaults[primary].encryptionKeyArn"),
        ["bare KMS key id"] = (() => Vault(v => v.EncryptWith("1234abcd-12ab-34cd-56ef-1234567890ab")), "BK6001", "vaults[primary].encryptionKeyArn"),
        ["SNS topic name"] = (() => Vault(v => v.NotifyTo("backup-alerts", BackupVaultEvents.BackupJobFailed)), "BK6002", "vaults[primary].notifications.snsTopicArn"),
        ["no notification events"] = (() => Vault(v => v.NotifyTo(Arns.Topic)), "BK6003", "vaults[primary].notifications.events"),
        ["lower-case notification event"] = (() => Vault(v => v.NotifyTo(Arns.Topic, "backup_job_failed")), "BK6003", "vaults[primary].notifications.events[0]"),
        ["duplicate notification event"] = (() => Vault(v => v.NotifyTo(Arns.Topic, BackupVaultEvents.BackupJobFailed, BackupVaultEvents.BackupJobFailed)), "BK6003", "vaults[primary].notifications.events[1]"),
        ["lock minimum 0"] = (() => Vault(v => v.Lock(l => l.MinRetention(Days(0)))), "BK6004", "vaults[primary].lock.minRetention"),
        ["lock maximum 36,501"] = (() => Vault(v => v.Lock(l => l.MaxRetention(Days(36_501)))), "BK6005", "vaults[primary].lock.maxRetention"),
        ["lock minimum above maximum"] = (() => Vault(v => v.Lock(l => l.MinRetention(Days(30)).MaxRetention(Days(7)))), "BK6006", "vaults[primary].lock"),
        ["compliance cooling-off 2 days"] = (() => Vault(v => v.Lock(l => l.Compliance(Days(2), ComplianceLock.IrreversibleAfterCoolingOff))), "BK6007", "vaults[primary].lock.changeableFor"),
        ["compliance cooling-off 36,501 days"] = (() => Vault(v => v.Lock(l => l.Compliance(Days(36_501), ComplianceLock.IrreversibleAfterCoolingOff))), "BK6007", "vaults[primary].lock.changeableFor"),
        ["air-gapped minimum 6 days"] = (() => Vault(v => v.LogicallyAirGapped(Days(6), Days(30))), "BK6008", "vaults[primary].logicallyAirGapped.minRetention"),
        ["air-gapped maximum 36,501 days"] = (() => Vault(v => v.LogicallyAirGapped(Days(7), Days(36_501))), "BK6008", "vaults[primary].logicallyAirGapped.maxRetention"),
        ["air-gapped minimum above maximum"] = (() => Vault(v => v.LogicallyAirGapped(Days(60), Days(30))), "BK6008", "vaults[primary].logicallyAirGapped"),
        ["air-gapped vault with a lock"] = (() => Vault(v => v.LogicallyAirGapped(Days(7), Days(30)).Lock(l => l.MinRetention(Days(7)))), "BK6009", "vaults[primary].lock"),
        ["rule keeps longer than the vault lock allows"] = (() => BackupPosture.Create().AddVault("primary", v => v.Lock(l => l.MaxRetention(Days(365))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").DeleteAfter(Days(366)))), "BK7001", Rule + ".lifecycle.deleteAfter"),
        ["rule keeps forever in a vault with a maximum"] = (() => BackupPosture.Create().AddVault("primary", v => v.Lock(l => l.MaxRetention(Days(365))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary"))), "BK7001", Rule + ".lifecycle.deleteAfter"),
        ["rule keeps shorter than the compliance lock minimum"] = (() => BackupPosture.Create().AddVault("primary", v => v.Lock(l => l.Compliance(Days(3), ComplianceLock.IrreversibleAfterCoolingOff).MinRetention(Days(7))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").DeleteAfter(Days(6)))), "BK7001", Rule + ".lifecycle.deleteAfter"),
        ["direct-to-air-gapped below its minimum"] = (() => BackupPosture.Create().AddVault("primary").AddVault("air-gapped", v => v.LogicallyAirGapped(Days(7), Days(30)))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").DeleteAfter(Days(5)).DirectToAirGappedVault(Arns.VaultInRegion("us-east-1", "air-gapped")))), "BK7001", Rule + ".lifecycle.deleteAfter"),
        ["copy keeps longer than the destination lock allows"] = (() => BackupPosture.Create().AddVault("primary").AddVault("dr", v => v.Lock(l => l.MinRetention(Days(30)).MaxRetention(Days(90))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").CopyTo(Arns.VaultInRegion("us-west-2", "dr"), c => c.DeleteAfter(Days(91))))), "BK7002", Rule + ".copyActions[0].lifecycle.deleteAfter"),
        ["copy inherits a too-short retention"] = (() => BackupPosture.Create().AddVault("primary").AddVault("dr", v => v.Lock(l => l.MinRetention(Days(30))))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").DeleteAfter(Days(7)).CopyTo(Arns.VaultInRegion("us-west-2", "dr")))), "BK7002", Rule + ".copyActions[0].lifecycle.deleteAfter"),
        ["copy to air-gapped vault kept forever"] = (() => BackupPosture.Create().AddVault("primary").AddVault("air-gapped", v => v.LogicallyAirGapped(Days(7), Days(365)))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").CopyTo(Arns.VaultInRegion("us-east-1", "air-gapped")))), "BK7002", Rule + ".copyActions[0].lifecycle.deleteAfter"),
        ["restore testing plan name with a hyphen"] = (() => Restore(t => t.Daily().FromAllVaults(), "weekly-restore"), "BK1107", "restoreTestingPlans[weekly-restore].name"),
        ["restore testing selection name with a hyphen"] = (() => Restore(t => t.Daily().FromAllVaults().Test("rds-db", "RDS", s => s.AllProtectedResources())), "BK1108", "restoreTestingPlans[rt].selections[rds-db].name"),
        ["duplicate restore testing plan"] = (() => Restore(t => t.Daily().FromAllVaults()).AddRestoreTestingPlan("rt", t => t.Daily().FromAllVaults()), "BK1105", "restoreTestingPlans[rt]"),
        ["restore testing plan without schedule"] = (() => Restore(t => t.FromAllVaults()), "BK2001", "restoreTestingPlans[rt].schedule.cronExpression"),
        ["restore testing start window of 0 hours"] = (() => Restore(t => t.Daily().FromAllVaults().StartWithin(TimeSpan.Zero)), "BK8001", "restoreTestingPlans[rt].startWindow"),
        ["restore testing start window of 169 hours"] = (() => Restore(t => t.Daily().FromAllVaults().StartWithin(TimeSpan.FromHours(169))), "BK8001", "restoreTestingPlans[rt].startWindow"),
        ["restore testing start window of 90 minutes"] = (() => Restore(t => t.Daily().FromAllVaults().StartWithin(TimeSpan.FromMinutes(90))), "BK8001", "restoreTestingPlans[rt].startWindow"),
        ["selection window of 366 days"] = (() => Restore(t => t.Daily().FromAllVaults().WithinLast(Days(366))), "BK8002", "restoreTestingPlans[rt].recoveryPointSelection.selectionWindow"),
        ["no recovery point types"] = (() => Restore(t => t.Daily().FromAllVaults().RecoveryPointTypes()), "BK8003", "restoreTestingPlans[rt].recoveryPointSelection.recoveryPointTypes"),
        ["no included vaults"] = (() => Restore(t => t.Daily()), "BK8004", "restoreTestingPlans[rt].recoveryPointSelection.includeVaults"),
        ["vault name as selector"] = (() => Restore(t => t.Daily().FromVaults("primary")), "BK8004", "restoreTestingPlans[rt].recoveryPointSelection.includeVaults[0]"),
        ["31 vault selectors"] = (() => Restore(t => t.Daily().FromVaults(Enumerable.Range(0, 31).Select(i => Arns.VaultInRegion("us-east-1", $"v{i}")).ToArray())), "BK8004", "restoreTestingPlans[rt].recoveryPointSelection"),
        ["restore testing of Redshift"] = (() => Restore(t => t.Daily().FromAllVaults().Test("rs", "Redshift", s => s.AllProtectedResources())), "BK8005", "restoreTestingPlans[rt].selections[rs].protectedResourceType"),
        ["explicit ARNs with conditions"] = (() => Restore(t => t.Daily().FromAllVaults().Test("t", "DynamoDB", s => s.Resources(Arns.Table).WhereTag("env", "prod"))), "BK8006", "restoreTestingPlans[rt].selections[t].protectedResourceArns"),
        ["wildcard mixed with ARNs"] = (() => Restore(t => t.Daily().FromAllVaults().Test("t", "DynamoDB", s => s.AllProtectedResources().Resources(Arns.Table))), "BK8006", "restoreTestingPlans[rt].selections[t].protectedResourceArns"),
        ["31 explicit ARNs"] = (() => Restore(t => t.Daily().FromAllVaults().Test("t", "DynamoDB", s => s.Resources(Enumerable.Range(0, 31).Select(i => $"arn:aws:dynamodb:us-east-1:123456789012:table/t{i}").ToArray()))), "BK8006", "restoreTestingPlans[rt].selections[t].protectedResourceArns"),
        ["restore testing selection without resources"] = (() => Restore(t => t.Daily().FromAllVaults().Test("t", "EBS", s => s.ValidateWithin(TimeSpan.FromHours(1)))), "BK8006", "restoreTestingPlans[rt].selections[t].protectedResourceArns"),
        ["condition key with aws: prefix"] = (() => Restore(t => t.Daily().FromAllVaults().Test("t", "EBS", s => s.AllProtectedResources().WhereTag("aws:ResourceTag/env", "prod"))), "BK8007", "restoreTestingPlans[rt].selections[t].conditions[0]"),
        ["condition value with a wildcard"] = (() => Restore(t => t.Daily().FromAllVaults().Test("t", "EBS", s => s.AllProtectedResources().ExceptTag("env", "dev*"))), "BK8007", "restoreTestingPlans[rt].selections[t].conditions[0]"),
        ["validation window of 169 hours"] = (() => Restore(t => t.Daily().FromAllVaults().Test("t", "EBS", s => s.AllProtectedResources().ValidateWithin(TimeSpan.FromHours(169)))), "BK8008", "restoreTestingPlans[rt].selections[t].validationWindow"),
        ["31 restore testing selections"] = (() => Restore(t =>
        {
            t.Daily().FromAllVaults();
            for (var i = 0; i < 31; i++)
            {
                t.Test($"s{i}", "EBS", s => s.AllProtectedResources());
            }
        }), "BK8009", "restoreTestingPlans[rt].selections"),
        ["51 restore testing plan tags"] = (() => Restore(t =>
        {
            t.Daily().FromAllVaults();
            for (var i = 0; i < 51; i++)
            {
                t.Tag($"k{i}", "v");
            }
        }), "BK8010", "restoreTestingPlans[rt].tags"),
        ["101 restore testing plans"] = (() =>
        {
            var builder = Restore(t => t.Daily().FromAllVaults());
            for (var i = 0; i < 100; i++)
            {
                builder.AddRestoreTestingPlan($"rt{i}", t => t.Daily().FromAllVaults());
            }

            return builder;
        }, "BK8011", "restoreTestingPlans"),
        ["framework name with a hyphen"] = (() => Audited("daily-35", f => f.Require(AuditControl.RecoveryPointEncrypted())), "BK9001", "frameworks[daily-35].name"),
        ["report plan name starting with a digit"] = (() => Audited("f", f => f.Require(AuditControl.RecoveryPointEncrypted()))
            .AddReportPlan("1_report", r => r.Jobs("BACKUP_JOB_REPORT").DeliverTo("reports-bucket")), "BK9002", "reportPlans[1_report].name"),
        ["framework description of white space"] = (() => Audited("f", f => f.Describe("   ").Require(AuditControl.RecoveryPointEncrypted())), "BK9003", "frameworks[f].description"),
        ["unknown control"] = (() => Audited("f", f => f.Require(new AuditControl { Name = "BACKUP_EVERYTHING_FOREVER" })), "BK9004", "frameworks[f].controls[0].name"),
        ["frequency of 25 hours"] = (() => Audited("f", f => f.Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromHours(25)))), "BK9005", "frameworks[f].controls[0].parameters[requiredFrequencyValue]"),
        ["last recovery point within 32 days"] = (() => Audited("f", f => f.Require(AuditControl.LastRecoveryPointCreated(TimeSpan.FromDays(32)))), "BK9005", "frameworks[f].controls[0].parameters[recoveryPointAgeValue]"),
        ["last recovery point within 90 minutes"] = (() => Audited("f", f => f.Require(AuditControl.LastRecoveryPointCreated(TimeSpan.FromMinutes(90)))), "BK9005", "frameworks[f].controls[0].parameters[recoveryPointAgeValue]"),
        ["backups at least every zero hours"] = (() => Audited("f", f => f.Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.Zero))), "BK9005", "frameworks[f].controls[0].parameters[requiredFrequencyValue]"),
        ["air-gapped copy at most minus one day old"] = (() => Audited("f", f => f.Require(AuditControl.ResourcesInLogicallyAirGappedVault(TimeSpan.FromDays(-1)))), "BK9005", "frameworks[f].controls[0].parameters[recoveryPointAgeValue]"),
        ["deletion protection excepting a role name"] = (() => Vault(v => v.DenyRecoveryPointDeletion("BackupAdmin")), "BK6011", "vaults[primary].accessPolicy"),
        ["six principals allowed to delete"] = (() => Audited("f", f => f.Require(AuditControl.RecoveryPointManualDeletionDisabled(
            [.. Enumerable.Range(1, 6).Select(i => $"arn:aws:iam::123456789012:role/r{i}")]))), "BK9005", "frameworks[f].controls[0].parameters[principalArnList]"),
        ["cross-account list with a short id"] = (() => Audited("f", f => f.Require(AuditControl.ResourcesProtectedByCrossAccount("12345"))), "BK9005", "frameworks[f].controls[0].parameters[crossAccountList]"),
        ["control scoped by two tags"] = (() => Audited("f", f => f.Require(AuditControl.RecoveryPointEncrypted().ForTag("a", "1").ForTag("b", "2"))), "BK9006", "frameworks[f].controls[0].scope"),
        ["compliance report without frameworks"] = (() => Audited("f", f => f.Require(AuditControl.RecoveryPointEncrypted()))
            .AddReportPlan("compliance", r => r.ControlCompliance().DeliverTo("reports-bucket")), "BK9010", "reportPlans[compliance].frameworks"),
        ["report plan naming an undeclared framework"] = (() => Audited("f", f => f.Require(AuditControl.RecoveryPointEncrypted()))
            .AddReportPlan("compliance", r => r.ControlCompliance("other").DeliverTo("reports-bucket")), "BK9010", "reportPlans[compliance].frameworks"),
        ["rule keeping 7 days under a 35-day framework"] = (() => BackupPosture.Create()
            .AddVault("primary", v => v.Lock(VaultLock.Governance()))
            .AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").Daily().DeleteAfter(Days(7)).CopyTo(Arns.DrVault)))
            .AddFramework("f", f => f.Require(AuditControl.BackupPlanMinFrequencyAndMinRetention(TimeSpan.FromDays(1), Days(35)))), "BK9101", "plans[p]"),
    };

    public static IEnumerable<string> Names => s_cases.Keys;

    public static (Func<BackupPostureBuilder> Build, string RuleId, string Path) Get(string name) => s_cases[name];

    private static BackupPostureBuilder Restore(Action<RestoreTestingPlanBuilder> plan, string name = "rt") =>
        BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary"))).AddRestoreTestingPlan(name, plan);

    private static BackupPostureBuilder Audited(string frameworkName, Action<AuditFrameworkBuilder> framework) =>
        BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary").DeleteAfter(Days(35)))).AddFramework(frameworkName, framework);

    private static BackupPostureBuilder WithRule(Action<BackupRuleBuilder> rule) =>
        BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", rule));

    private static BackupPostureBuilder WithSelection(string name, Action<BackupSelectionBuilder> selection) =>
        BackupPosture.Create().AddVault("primary").AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")).Select(name, selection));

    private static BackupPostureBuilder Vault(Action<BackupVaultBuilder> vault) =>
        BackupPosture.Create().AddVault("primary", vault).AddPlan("p", p => p.AddRule("r", r => r.InVault("primary")));

    private static BackupPostureBuilder Posture(string vaultName, Action<BackupRuleBuilder> rule) =>
        BackupPosture.Create().AddVault(vaultName).AddPlan("p", p => p.AddRule("r", rule));
}
