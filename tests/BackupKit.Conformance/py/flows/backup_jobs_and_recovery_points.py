"""On-demand backup jobs and their recovery points through boto3: a job reaches COMPLETED as the emulator's clock
advances; recovery points are listed (paginator), described and deleted; a vault with recovery points cannot be
deleted; a locked vault protects them; idempotent IdempotencyToken; the documented errors.
This flow moves the emulator's clock forward (the fixture runs it on a controllable clock)."""
import datetime
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import BACKUP_ROLE_ARN, Arn, FlowTestCase, advance_clock, emulator_now, main, new_client, unique_name  # noqa: E402

TERMINAL = {"COMPLETED", "FAILED", "ABORTED", "EXPIRED", "PARTIAL"}


class BackupJobFlows(FlowTestCase):
    def wait_for_job(self, job_id):
        """Advances the emulator's clock in 5-minute steps until the job is terminal (at most two days)."""
        for _ in range(2 * 24 * 12):
            job = new_client().describe_backup_job(BackupJobId=job_id)
            if job["State"] in TERMINAL:
                return job
            self.assertIn(job["State"], {"CREATED", "PENDING", "RUNNING"}, f"unexpected backup job state {job['State']}")
            advance_clock(5 * 60 * 1000)
        self.fail(f"backup job {job_id} did not finish within two days of emulated time")

    def test_job_creates_a_recovery_point_that_a_lock_protects(self):
        c = new_client()
        vault = unique_name("py-jobs")
        c.create_backup_vault(BackupVaultName=vault)
        table = Arn.dynamo_table(unique_name("orders"))
        started_at = emulator_now()
        token = str(uuid.uuid4())
        request = {"BackupVaultName": vault, "ResourceArn": table, "IamRoleArn": BACKUP_ROLE_ARN,
                   "IdempotencyToken": token, "Lifecycle": {"DeleteAfterDays": 30}}
        started = c.start_backup_job(**request)
        self.assertRegex(started["BackupJobId"], r"^\S+$")
        self.assertIsInstance(started["CreationDate"], datetime.datetime)
        again = c.start_backup_job(**request)
        self.assertEqual(again["BackupJobId"], started["BackupJobId"], "a repeated IdempotencyToken returns the same job")
        jobs, _ = self.paginate(c, "list_backup_jobs", "BackupJobs", 10, ByResourceArn=table)
        self.assertEqual(len(jobs), 1, "a repeated IdempotencyToken starts no second job")

        described = c.describe_backup_job(BackupJobId=started["BackupJobId"])
        self.assertEqual(described["BackupVaultName"], vault)
        self.assertEqual(described["BackupVaultArn"], Arn.vault(vault))
        self.assertEqual(described["ResourceArn"], table)
        self.assertEqual(described["ResourceType"], "DynamoDB")
        self.assertEqual(described["IamRoleArn"], BACKUP_ROLE_ARN)

        job = self.wait_for_job(started["BackupJobId"])
        self.assertEqual(job["State"], "COMPLETED")
        self.assertGreaterEqual(job["CompletionDate"], job["CreationDate"])
        self.assertRegex(job["RecoveryPointArn"], r"^arn:aws[a-z-]*:[a-z\-\d]+:[a-z\-\d]+:")
        c = new_client()

        completed, _ = self.paginate(c, "list_backup_jobs", "BackupJobs", 10, ByBackupVaultName=vault, ByState="COMPLETED")
        self.assertEqual([j["BackupJobId"] for j in completed], [started["BackupJobId"]])
        before, _ = self.paginate(c, "list_backup_jobs", "BackupJobs", 10, ByBackupVaultName=vault,
                                  ByCreatedBefore=started_at - datetime.timedelta(minutes=1))
        self.assertEqual(before, [], "ByCreatedBefore filters out later jobs")

        points, _ = self.paginate(c, "list_recovery_points_by_backup_vault", "RecoveryPoints", 10, BackupVaultName=vault)
        self.assertEqual(len(points), 1)
        point = points[0]
        self.assertEqual(point["RecoveryPointArn"], job["RecoveryPointArn"])
        self.assertEqual(point["ResourceArn"], table)
        self.assertEqual(point["Status"], "COMPLETED")
        self.assertEqual(point["Lifecycle"]["DeleteAfterDays"], 30)
        self.assertEqual(point["CalculatedLifecycle"]["DeleteAt"], point["CreationDate"] + datetime.timedelta(days=30),
                         "DeleteAt is CreationDate + DeleteAfterDays")
        by_resource, _ = self.paginate(c, "list_recovery_points_by_resource", "RecoveryPoints", 10, ResourceArn=table)
        self.assertEqual([p["RecoveryPointArn"] for p in by_resource], [job["RecoveryPointArn"]])

        rp = c.describe_recovery_point(BackupVaultName=vault, RecoveryPointArn=job["RecoveryPointArn"])
        self.assertEqual(rp["BackupVaultArn"], Arn.vault(vault))
        self.assertEqual(rp["IamRoleArn"], BACKUP_ROLE_ARN)
        self.assertEqual(rp["StorageClass"], "WARM")
        self.assertEqual(c.describe_backup_vault(BackupVaultName=vault)["NumberOfRecoveryPoints"], 1)

        self.assert_client_error(lambda: c.delete_backup_vault(BackupVaultName=vault), "InvalidRequestException")
        c.put_backup_vault_lock_configuration(BackupVaultName=vault, MinRetentionDays=1, MaxRetentionDays=100)
        self.assert_client_error(lambda: c.delete_recovery_point(BackupVaultName=vault, RecoveryPointArn=job["RecoveryPointArn"]),
                                 "InvalidRequestException")
        self.assert_client_error(lambda: c.update_recovery_point_lifecycle(
            BackupVaultName=vault, RecoveryPointArn=job["RecoveryPointArn"], Lifecycle={"DeleteAfterDays": 60}), "InvalidRequestException")
        c.delete_backup_vault_lock_configuration(BackupVaultName=vault)

        changed = c.update_recovery_point_lifecycle(BackupVaultName=vault, RecoveryPointArn=job["RecoveryPointArn"],
                                                    Lifecycle={"DeleteAfterDays": 60})
        self.assertEqual(changed["Lifecycle"]["DeleteAfterDays"], 60)
        self.assertEqual(changed["CalculatedLifecycle"]["DeleteAt"], point["CreationDate"] + datetime.timedelta(days=60))
        c.delete_recovery_point(BackupVaultName=vault, RecoveryPointArn=job["RecoveryPointArn"])
        for _ in range(60):
            if not c.list_recovery_points_by_backup_vault(BackupVaultName=vault).get("RecoveryPoints"):
                break
            advance_clock(60_000)
            c = new_client()
        c.delete_backup_vault(BackupVaultName=vault)
        self.assert_client_error(lambda: c.describe_backup_vault(BackupVaultName=vault), "ResourceNotFoundException")

    def test_stop_a_job_list_jobs_with_the_paginator_and_tag_a_recovery_point(self):
        c = new_client()
        vault = unique_name("py-jobs-stop")
        c.create_backup_vault(BackupVaultName=vault)
        file_system = Arn.efs(f"fs-{uuid.uuid4().hex[:17]}")
        kept = c.start_backup_job(BackupVaultName=vault, ResourceArn=file_system, IamRoleArn=BACKUP_ROLE_ARN,
                                  RecoveryPointTags={"purpose": "conformance"})
        stopped = c.start_backup_job(BackupVaultName=vault, ResourceArn=Arn.dynamo_table(unique_name("stopped")), IamRoleArn=BACKUP_ROLE_ARN)
        self.assertNotEqual(kept["BackupJobId"], stopped["BackupJobId"])

        c.stop_backup_job(BackupJobId=stopped["BackupJobId"])
        # RUNNING -> ABORTING -> ABORTED: a stopped job never completes and creates no recovery point.
        aborted = self.wait_for_job(stopped["BackupJobId"])
        self.assertEqual(aborted["State"], "ABORTED")
        completed = self.wait_for_job(kept["BackupJobId"])
        self.assertEqual(completed["State"], "COMPLETED")
        c = new_client()

        jobs, pages = self.paginate(c, "list_backup_jobs", "BackupJobs", 1, ByBackupVaultName=vault)
        self.assertEqual(sorted(j["BackupJobId"] for j in jobs), sorted([kept["BackupJobId"], stopped["BackupJobId"]]))
        self.assertGreaterEqual(pages, 2, "MaxResults=1 over two jobs needs two pages")
        by_state, _ = self.paginate(c, "list_backup_jobs", "BackupJobs", 10, ByBackupVaultName=vault, ByState="ABORTED")
        self.assertEqual([j["BackupJobId"] for j in by_state], [stopped["BackupJobId"]])
        self.assertEqual(by_state[0]["State"], "ABORTED")

        points, _ = self.paginate(c, "list_recovery_points_by_backup_vault", "RecoveryPoints", 1, BackupVaultName=vault)
        self.assertEqual([p["RecoveryPointArn"] for p in points], [completed["RecoveryPointArn"]],
                         "only the job that completed left a recovery point")
        point_arn = completed["RecoveryPointArn"]
        # An EFS recovery point is an AWS Backup resource (arn:aws:backup:...:recovery-point:...), so it carries tags.
        self.assertTrue(point_arn.startswith(f"arn:aws:backup:{c.meta.region_name}:"), point_arn)
        self.assertEqual(c.list_tags(ResourceArn=point_arn)["Tags"], {"purpose": "conformance"},
                         "RecoveryPointTags are assigned to the recovery point")
        c.tag_resource(ResourceArn=point_arn, Tags={"reviewed": "yes"})
        self.assertEqual(c.list_tags(ResourceArn=point_arn)["Tags"], {"purpose": "conformance", "reviewed": "yes"})

    def test_job_and_recovery_point_errors(self):
        c = new_client()
        raw = new_client(validate=False)
        vault = unique_name("py-jobs-err")
        c.create_backup_vault(BackupVaultName=vault)
        self.assert_client_error(lambda: c.describe_backup_job(BackupJobId=str(uuid.uuid4())), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.start_backup_job(BackupVaultName=unique_name("py-no-vault"), ResourceArn=Arn.dynamo_table("t"),
                                                            IamRoleArn=BACKUP_ROLE_ARN), "ResourceNotFoundException")
        self.assert_client_error(lambda: raw.start_backup_job(BackupVaultName=vault, ResourceArn=Arn.dynamo_table("t")),
                                 "MissingParameterValueException")
        self.assert_client_error(lambda: c.start_backup_job(BackupVaultName=vault, ResourceArn=Arn.dynamo_table("t"), IamRoleArn=BACKUP_ROLE_ARN,
                                                            Lifecycle={"MoveToColdStorageAfterDays": 10, "DeleteAfterDays": 20}),
                                 "InvalidParameterValueException")
        missing = f"arn:aws:backup:us-east-1:000000000000:recovery-point:{uuid.uuid4()}"
        self.assert_client_error(lambda: c.describe_recovery_point(BackupVaultName=vault, RecoveryPointArn=missing), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.delete_recovery_point(BackupVaultName=vault, RecoveryPointArn=missing), "ResourceNotFoundException")


if __name__ == "__main__":
    main()
