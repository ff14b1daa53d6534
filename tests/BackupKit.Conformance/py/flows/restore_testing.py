"""Restore testing end to end through boto3, as the AWS Backup developer guide describes it: a restore testing plan and
selection restore the latest recovery point of the selected resource at the scheduled time (CreatedBy carries the
plan's ARN), a validator reports with put_restore_validation_result, and AWS Backup deletes the restored resource
(DeletionStatus). The resource is added through the emulator's admin path (/_backupkit/, not part of AWS); this flow
moves the emulator's clock forward (the fixture runs it on a controllable clock)."""
import datetime
import json
import os
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import BACKUP_ROLE_ARN, ENDPOINT, Arn, FlowTestCase, advance_clock, emulator_now_ms, main, new_client, unique_name  # noqa: E402

MINUTE_MS = 60 * 1000
HOUR_MS = 60 * MINUTE_MS


def _admin(method, path, body=None):
    """Calls the emulator's admin path; returns the parsed JSON answer, or None for 404."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(ENDPOINT.rstrip("/") + "/_backupkit/" + path, method=method, data=data,
                                     headers={"content-type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode("utf-8")
            return json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def _resource(arn):
    return _admin("GET", "resources/" + urllib.parse.quote(arn, safe=""))


def _advance_to(instant_ms):
    advance_clock(instant_ms - emulator_now_ms())
    return new_client()


class RestoreTestingFlows(FlowTestCase):
    def test_scheduled_restore_test_is_validated_and_its_resource_deleted(self):
        c = new_client()
        if "GetRestoreTestingInferredMetadata" not in c.meta.service_model.operation_names:
            self.skipTest("the installed botocore predates restore testing (November 2023)")
        vault = unique_name("py-rt")
        table = Arn.dynamo_table(unique_name("py-rt-orders"))
        plan_name = f"py_rt_{secrets.token_hex(5)}"
        c.create_backup_vault(BackupVaultName=vault)
        _admin("PUT", "resources", {"arn": table, "content": {"itemCount": 42, "checksum": "feed"}})
        backup = c.start_backup_job(BackupVaultName=vault, ResourceArn=table, IamRoleArn=BACKUP_ROLE_ARN)
        c = _advance_to(emulator_now_ms() + HOUR_MS)

        run_at = (emulator_now_ms() // HOUR_MS + 2) * HOUR_MS
        hour = datetime.datetime.fromtimestamp(run_at / 1000, datetime.timezone.utc).hour
        created = c.create_restore_testing_plan(RestoreTestingPlan={
            "RestoreTestingPlanName": plan_name,
            "ScheduleExpression": f"cron(0 {hour} ? * * *)",
            "StartWindowHours": 1,
            "RecoveryPointSelection": {"Algorithm": "LATEST_WITHIN_WINDOW", "RecoveryPointTypes": ["SNAPSHOT"], "IncludeVaults": ["*"]},
        })
        c.create_restore_testing_selection(RestoreTestingPlanName=plan_name, RestoreTestingSelection={
            "RestoreTestingSelectionName": "orders_table",
            "ProtectedResourceType": "DynamoDB",
            "IamRoleArn": BACKUP_ROLE_ARN,
            "ProtectedResourceArns": [table],
            "ValidationWindowHours": 4,
        })
        inferred = c.get_restore_testing_inferred_metadata(BackupVaultName=vault, RecoveryPointArn=backup["RecoveryPointArn"])["InferredMetadata"]
        self.assertTrue(inferred["targetTableName"].startswith("awsbackup-restore-test-"))

        c = _advance_to(run_at + 30 * MINUTE_MS)
        jobs = c.list_restore_jobs(ByRestoreTestingPlanArn=created["RestoreTestingPlanArn"])["RestoreJobs"]
        self.assertEqual(len(jobs), 1, "one restore test per selected resource and run")
        job = c.describe_restore_job(RestoreJobId=jobs[0]["RestoreJobId"])
        self.assertEqual(int(job["CreationDate"].timestamp() * 1000), run_at)
        self.assertEqual(job["Status"], "COMPLETED")
        self.assertEqual(job["RecoveryPointArn"], backup["RecoveryPointArn"])
        self.assertEqual(job["CreatedBy"]["RestoreTestingPlanArn"], created["RestoreTestingPlanArn"])
        self.assertNotIn("DeletionStatus", job)
        restored = _resource(job["CreatedResourceArn"])
        self.assertEqual(restored["content"], {"itemCount": 42, "checksum": "feed"})
        by_resource = c.list_restore_jobs_by_protected_resource(ResourceArn=table)["RestoreJobs"]
        self.assertIn(job["RestoreJobId"], [j["RestoreJobId"] for j in by_resource])

        c.put_restore_validation_result(RestoreJobId=job["RestoreJobId"], ValidationStatus="FAILED", ValidationStatusMessage="3 rows missing")
        validated = c.describe_restore_job(RestoreJobId=job["RestoreJobId"])
        self.assertEqual(validated["ValidationStatus"], "FAILED")
        self.assertEqual(validated["ValidationStatusMessage"], "3 rows missing")
        self.assertEqual(validated["DeletionStatus"], "DELETING")
        self.assert_client_error(
            lambda: c.put_restore_validation_result(RestoreJobId=job["RestoreJobId"], ValidationStatus="SUCCESSFUL"), "InvalidRequestException")

        c = _advance_to(run_at + 40 * MINUTE_MS)
        self.assertEqual(c.describe_restore_job(RestoreJobId=job["RestoreJobId"])["DeletionStatus"], "SUCCESSFUL")
        self.assertIsNone(_resource(job["CreatedResourceArn"]), "the restored table is gone")
        self.assertIsNotNone(_resource(table), "the source table is untouched")

        c.delete_restore_testing_selection(RestoreTestingPlanName=plan_name, RestoreTestingSelectionName="orders_table")
        c.delete_restore_testing_plan(RestoreTestingPlanName=plan_name)


if __name__ == "__main__":
    main()
