"""The AWS CLI on Region settings, global settings and job summaries: describe-region-settings shows every type opted in
by default, update-region-settings changes one (shorthand map syntax) and refuses a type AWS Backup does not know;
global settings are read, and an invalid flag is refused; job summaries answer with their aggregation period."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from aws_cli import CliFlowTestCase, main  # noqa: E402


class SettingsAndSummariesCliFlow(CliFlowTestCase):
    def test_region_settings(self):
        before = self.ok("describe-region-settings")
        self.assertTrue(before["ResourceTypeOptInPreference"]["S3"])
        self.ok("update-region-settings", "--resource-type-opt-in-preference", "S3=false")
        try:
            self.assertFalse(self.ok("describe-region-settings")["ResourceTypeOptInPreference"]["S3"])
        finally:
            # The fixture's account is shared with the other flows: opt S3 back in.
            self.ok("update-region-settings", "--resource-type-opt-in-preference", "S3=true")
        self.assertTrue(self.ok("describe-region-settings")["ResourceTypeOptInPreference"]["S3"])
        self.fails("InvalidParameterValueException", "update-region-settings", "--resource-type-opt-in-preference", "Lambda=true")
        self.fails("InvalidParameterValueException", "update-region-settings", "--resource-type-management-preference", "EBS=true")

    def test_global_settings_and_summaries(self):
        settings = self.ok("describe-global-settings")
        self.assertIn(settings["GlobalSettings"]["isCrossAccountBackupEnabled"], {"true", "false"})
        self.fails("InvalidParameterValueException", "update-global-settings", "--global-settings", "isEverythingEnabled=true")
        summaries = self.ok("list-backup-job-summaries", "--aggregation-period", "FOURTEEN_DAYS", "--state", "AGGREGATE_ALL")
        self.assertEqual(summaries["AggregationPeriod"], "FOURTEEN_DAYS")
        self.assertLessEqual(len(summaries["BackupJobSummaries"]), 1, "AGGREGATE_ALL sums the states of each type")
        self.assertEqual(self.ok("list-restore-job-summaries", "--aggregation-period", "ONE_DAY")["AggregationPeriod"], "ONE_DAY")


if __name__ == "__main__":
    main()
