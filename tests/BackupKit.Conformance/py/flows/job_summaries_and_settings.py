"""Job summaries, Region settings and global settings through boto3. The flow acts in an account of its own (an
unmapped 12-digit access key is its own account in the emulator), so its counts and opt-in are not shared with other
flows. Aurora always needs opt-in, even when a selection names the cluster's ARN; a DynamoDB table named by ARN is
backed up whatever the opt-in. This flow moves the emulator's clock forward (the fixture runs it on a controllable clock)."""
import datetime
import os
import secrets
import sys

import boto3
from botocore.config import Config

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import ENDPOINT, REGION, FlowTestCase, advance_clock, emulator_now, main, new_client, unique_name  # noqa: E402

HOUR_MS = 60 * 60 * 1000
DAY_MS = 24 * HOUR_MS
NEEDED = {"ListBackupJobSummaries", "ListRestoreJobSummaries", "ListCopyJobSummaries", "DescribeRegionSettings",
          "UpdateRegionSettings", "DescribeGlobalSettings", "UpdateGlobalSettings"}


def own_account_client(account):
    new_client()  # keeps the signing clock in step with the emulator
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=10, read_timeout=60)
    return boto3.session.Session().client("backup", endpoint_url=ENDPOINT, region_name=REGION, config=config,
                                          aws_access_key_id=account, aws_secret_access_key="flow-secret")


class SummaryAndSettingsFlows(FlowTestCase):
    def setUp(self):
        missing = NEEDED - set(new_client().meta.service_model.operation_names)
        if missing:
            self.skipTest(f"this botocore's AWS Backup model lacks {sorted(missing)}")

    def test_opt_in_and_job_summaries(self):
        account = str(100_000_000_000 + secrets.randbelow(899_999_999_999))
        role = f"arn:aws:iam::{account}:role/service-role/AWSBackupDefaultServiceRole"
        table = f"arn:aws:dynamodb:{REGION}:{account}:table/{unique_name('orders')}"
        cluster = f"arn:aws:rds:{REGION}:{account}:cluster:{unique_name('ledger')}"
        c = own_account_client(account)
        vault = unique_name("py-summary")
        c.create_backup_vault(BackupVaultName=vault)
        plan = c.create_backup_plan(BackupPlan={"BackupPlanName": unique_name("py-summary-plan"), "Rules": [
            {"RuleName": "daily", "TargetBackupVaultName": vault, "ScheduleExpression": "cron(0 5 ? * * *)",
             "Lifecycle": {"DeleteAfterDays": 35}}]})
        c.create_backup_selection(BackupPlanId=plan["BackupPlanId"], BackupSelection={
            "SelectionName": "by-arn", "IamRoleArn": role, "Resources": [table, cluster]})
        c.update_region_settings(ResourceTypeOptInPreference={"Aurora": False})
        settings = c.describe_region_settings()
        self.assertFalse(settings["ResourceTypeOptInPreference"]["Aurora"])
        self.assertTrue(settings["ResourceTypeOptInPreference"]["DynamoDB"])
        self.assert_client_error(lambda: c.update_region_settings(ResourceTypeOptInPreference={"NotAType": True}),
                                 "InvalidParameterValueException")

        # One hour after the next 05:00 UTC run, then one more day: two runs, both finished.
        now = emulator_now()
        run = now.replace(hour=5, minute=0, second=0, microsecond=0)
        if run <= now:
            run += datetime.timedelta(days=1)
        advance_clock(int((run - now).total_seconds() * 1000) + HOUR_MS)
        advance_clock(DAY_MS)
        c = own_account_client(account)
        jobs = c.list_backup_jobs()["BackupJobs"]
        self.assertEqual([j["ResourceArn"] for j in jobs], [table, table], "the opted-out Aurora cluster is not backed up")

        daily = c.list_backup_job_summaries(AggregationPeriod="ONE_DAY")
        self.assertEqual(daily["AggregationPeriod"], "ONE_DAY")
        self.assertEqual(sum(s["Count"] for s in daily["BackupJobSummaries"]), 2)
        for summary in daily["BackupJobSummaries"]:
            self.assertEqual((summary["Region"], summary["AccountId"], summary["State"], summary["ResourceType"], summary["Count"]),
                             (REGION, account, "COMPLETED", "DynamoDB", 1))
        total = c.list_backup_job_summaries(AggregationPeriod="FOURTEEN_DAYS", State="AGGREGATE_ALL", ResourceType="AGGREGATE_ALL")
        self.assertEqual([s["Count"] for s in total["BackupJobSummaries"]], [2])

        c.start_restore_job(RecoveryPointArn=jobs[0]["RecoveryPointArn"], IamRoleArn=role,
                            Metadata={"targetTableName": unique_name("restored")})
        advance_clock(HOUR_MS)
        c = own_account_client(account)
        restores = c.list_restore_job_summaries(AggregationPeriod="SEVEN_DAYS")["RestoreJobSummaries"]
        self.assertEqual([(s["State"], s["ResourceType"], s["Count"]) for s in restores], [("COMPLETED", "DynamoDB", 1)])
        self.assertEqual(c.list_copy_job_summaries(AggregationPeriod="SEVEN_DAYS")["CopyJobSummaries"], [])

    def test_global_settings_only_change_in_the_management_account(self):
        member = own_account_client(str(100_000_000_000 + secrets.randbelow(899_999_999_999)))
        read = member.describe_global_settings()
        current = read["GlobalSettings"]["isCrossAccountBackupEnabled"]
        self.assertIn(current, {"true", "false"})
        self.assert_client_error(lambda: member.update_global_settings(GlobalSettings={"isCrossAccountBackupEnabled": "false"}),
                                 "InvalidRequestException")
        management = new_client()
        self.assert_client_error(lambda: management.update_global_settings(GlobalSettings={"isCrossAccountBackupEnabled": "maybe"}),
                                 "InvalidParameterValueException")
        # The value it already has, so other flows' cross-account copies are unaffected.
        management.update_global_settings(GlobalSettings={"isCrossAccountBackupEnabled": current})
        after = management.describe_global_settings()
        self.assertEqual(after["GlobalSettings"]["isCrossAccountBackupEnabled"], current)
        self.assert_recent(after["LastUpdateTime"], "LastUpdateTime")


if __name__ == "__main__":
    main()
