"""AWS Backup Audit Manager through boto3: a framework of controls is created (in progress, then completed), described,
listed, updated and deleted; report plans are created, described, listed, updated and deleted; a report job completes
with its S3 keys. This flow moves the emulator's clock forward (the fixture runs it on a controllable clock)."""
import os
import secrets
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import FlowTestCase, advance_clock, main, new_client  # noqa: E402

MINUTE_MS = 60 * 1000


def audit_name(prefix):
    """Framework and report plan names: a letter, then letters, digits or '_'."""
    return f"{prefix}_{secrets.token_hex(5)}"


class AuditManagerFlows(FlowTestCase):
    def test_framework_lifecycle(self):
        c = new_client()
        name = audit_name("pyfw")
        created = c.create_framework(
            FrameworkName=name,
            FrameworkControls=[
                {"ControlName": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
                 "ControlInputParameters": [{"ParameterName": "requiredRetentionDays", "ParameterValue": "35"}]},
                {"ControlName": "BACKUP_RECOVERY_POINT_ENCRYPTED"},
            ],
            IdempotencyToken=secrets.token_hex(8))
        self.assertRegex(created["FrameworkArn"], r"^arn:aws:backup:[a-z0-9-]+:\d{12}:framework:")
        self.assertEqual(c.describe_framework(FrameworkName=name)["DeploymentStatus"], "CREATE_IN_PROGRESS")
        self.assert_client_error(
            lambda: c.update_framework(FrameworkName=name, FrameworkControls=[{"ControlName": "BACKUP_RECOVERY_POINT_ENCRYPTED"}]),
            "ConflictException", 409)

        advance_clock(5 * MINUTE_MS)
        c = new_client()
        described = c.describe_framework(FrameworkName=name)
        self.assertEqual(described["DeploymentStatus"], "COMPLETED")
        self.assertEqual(len(described["FrameworkControls"]), 2)
        listed = [f for f in c.list_frameworks()["Frameworks"] if f["FrameworkName"] == name]
        self.assertEqual([f["NumberOfControls"] for f in listed], [2])

        c.update_framework(FrameworkName=name, FrameworkControls=[{"ControlName": "BACKUP_RECOVERY_POINT_ENCRYPTED"}],
                           IdempotencyToken=secrets.token_hex(8))
        advance_clock(5 * MINUTE_MS)
        c = new_client()
        self.assertEqual([x["ControlName"] for x in c.describe_framework(FrameworkName=name)["FrameworkControls"]],
                         ["BACKUP_RECOVERY_POINT_ENCRYPTED"])
        self.assert_client_error(
            lambda: c.create_framework(FrameworkName=audit_name("pybad"), FrameworkControls=[{"ControlName": "NOT_A_CONTROL"}]),
            "InvalidParameterValueException")
        c.delete_framework(FrameworkName=name)
        self.assert_client_error(lambda: c.describe_framework(FrameworkName=name), "ResourceNotFoundException")

    def test_report_plans_and_a_report_job(self):
        c = new_client()
        name = audit_name("pyjobs")
        channel = {"S3BucketName": "backup-reports-bucket", "S3KeyPrefix": "pyaudit", "Formats": ["JSON"]}
        created = c.create_report_plan(ReportPlanName=name, ReportDeliveryChannel=channel,
                                       ReportSetting={"ReportTemplate": "RESTORE_JOB_REPORT"})
        self.assertIn(":report-plan:", created["ReportPlanArn"])
        self.assert_client_error(
            lambda: c.create_report_plan(ReportPlanName=audit_name("pybad"), ReportDeliveryChannel=channel,
                                         ReportSetting={"ReportTemplate": "NOT_A_TEMPLATE"}),
            "InvalidParameterValueException")
        advance_clock(5 * MINUTE_MS)
        c = new_client()
        plan = c.describe_report_plan(ReportPlanName=name)["ReportPlan"]
        self.assertEqual(plan["DeploymentStatus"], "COMPLETED")
        self.assertEqual(plan["ReportSetting"]["ReportTemplate"], "RESTORE_JOB_REPORT")
        self.assertIn(name, [p["ReportPlanName"] for p in c.list_report_plans()["ReportPlans"]])

        c.update_report_plan(ReportPlanName=name, ReportDeliveryChannel={**channel, "Formats": ["CSV"]})
        self.assertEqual(c.describe_report_plan(ReportPlanName=name)["ReportPlan"]["ReportDeliveryChannel"]["Formats"], ["CSV"])
        advance_clock(5 * MINUTE_MS)
        c = new_client()
        job_id = c.start_report_job(ReportPlanName=name, IdempotencyToken=secrets.token_hex(8))["ReportJobId"]
        advance_clock(10 * MINUTE_MS)
        c = new_client()
        job = c.describe_report_job(ReportJobId=job_id)["ReportJob"]
        self.assertEqual(job["Status"], "COMPLETED")
        keys = job["ReportDestination"]["S3Keys"]
        self.assertEqual(len(keys), 1)
        self.assertTrue(keys[0].startswith("pyaudit/Backup/") and keys[0].endswith(".csv"), keys)
        self.assertEqual([j["ReportJobId"] for j in c.list_report_jobs(ByReportPlanName=name)["ReportJobs"]], [job_id])

        c.delete_report_plan(ReportPlanName=name)
        self.assert_client_error(lambda: c.describe_report_plan(ReportPlanName=name), "ResourceNotFoundException")


if __name__ == "__main__":
    main()
