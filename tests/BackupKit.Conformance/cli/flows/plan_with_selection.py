"""The AWS CLI end to end: create a vault, create a plan from a JSON file, get it, list plans (the CLI follows
NextToken itself, --page-size 1 makes it take many pages), create a selection from a JSON file, refuse deleting the plan
while it has the selection, then delete selection, plan and vault in order."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from aws_cli import ACCOUNT_ID, BACKUP_ROLE_ARN, REGION, CliFlowTestCase, main, unique_name  # noqa: E402


class PlanWithSelectionCliFlow(CliFlowTestCase):
    def test_vault_plan_selection_lifecycle(self):
        vault = unique_name("cli-vault")
        created_vault = self.ok("create-backup-vault", "--backup-vault-name", vault)
        self.assertEqual(created_vault["BackupVaultName"], vault)
        self.assertEqual(created_vault["BackupVaultArn"], f"arn:aws:backup:{REGION}:{ACCOUNT_ID}:backup-vault:{vault}")

        plan_name = unique_name("cli-plan")
        plan_document = {
            "BackupPlanName": plan_name,
            "Rules": [
                {"RuleName": "daily", "TargetBackupVaultName": vault, "ScheduleExpression": "cron(0 5 ? * * *)",
                 "StartWindowMinutes": 60, "CompletionWindowMinutes": 180,
                 "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120}},
                {"RuleName": "weekly", "TargetBackupVaultName": vault, "ScheduleExpression": "cron(0 3 ? * SUN *)",
                 "Lifecycle": {"DeleteAfterDays": 35}},
            ],
        }
        created = self.ok("create-backup-plan", "--backup-plan", self.json_file("plan.json", plan_document),
                          "--backup-plan-tags", "team=storage")
        plan_id = created["BackupPlanId"]
        self.assertEqual(created["BackupPlanArn"], f"arn:aws:backup:{REGION}:{ACCOUNT_ID}:backup-plan:{plan_id}")
        self.assertTrue(created["VersionId"])
        self.assertIn("CreationDate", created)

        got = self.ok("get-backup-plan", "--backup-plan-id", plan_id)
        self.assertEqual(got["BackupPlanId"], plan_id)
        self.assertEqual(got["VersionId"], created["VersionId"])
        self.assertEqual(got["BackupPlan"]["BackupPlanName"], plan_name)
        rules = {r["RuleName"]: r for r in got["BackupPlan"]["Rules"]}
        self.assertEqual(sorted(rules), ["daily", "weekly"])
        self.assertEqual(rules["daily"]["Lifecycle"], {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120})
        self.assertEqual(rules["weekly"]["ScheduleExpression"], "cron(0 3 ? * SUN *)")
        self.assertEqual(rules["weekly"]["StartWindowMinutes"], 480, "AWS's default start window is 8 hours")
        self.assertEqual(self.ok("list-tags", "--resource-arn", created["BackupPlanArn"])["Tags"], {"team": "storage"})

        other = self.ok("create-backup-plan", "--backup-plan", self.json_file("other.json", {
            "BackupPlanName": unique_name("cli-plan-other"), "Rules": [{"RuleName": "r", "TargetBackupVaultName": vault}]}))
        listed = self.ok("list-backup-plans", "--page-size", "1")
        ids = [p["BackupPlanId"] for p in listed["BackupPlansList"]]
        self.assertIn(plan_id, ids)
        self.assertIn(other["BackupPlanId"], ids, "the CLI followed NextToken across pages of one plan")
        self.assertEqual(len(set(ids)), len(ids), "no plan is listed twice across pages")
        self.assertNotIn("NextToken", listed, "the CLI consumed every page")
        limited = self.ok("list-backup-plans", "--max-items", "1")
        self.assertEqual(len(limited["BackupPlansList"]), 1)
        self.assertIn("NextToken", limited, "--max-items 1 over several plans leaves a token to resume")

        selection = {"SelectionName": "tagged", "IamRoleArn": BACKUP_ROLE_ARN,
                     "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}],
                     "Resources": ["*"],
                     "Conditions": {"StringEquals": [{"ConditionKey": "aws:ResourceTag/env", "ConditionValue": "prod"}],
                                    "StringLike": [], "StringNotEquals": [], "StringNotLike": []}}
        created_selection = self.ok("create-backup-selection", "--backup-plan-id", plan_id,
                                    "--backup-selection", self.json_file("selection.json", selection))
        selection_id = created_selection["SelectionId"]
        self.assertEqual(created_selection["BackupPlanId"], plan_id)
        got_selection = self.ok("get-backup-selection", "--backup-plan-id", plan_id, "--selection-id", selection_id)
        self.assertEqual(got_selection["BackupSelection"]["SelectionName"], "tagged")
        self.assertEqual(got_selection["BackupSelection"]["ListOfTags"], selection["ListOfTags"])
        self.assertEqual(got_selection["BackupSelection"]["Conditions"]["StringEquals"], selection["Conditions"]["StringEquals"])
        selections = self.ok("list-backup-selections", "--backup-plan-id", plan_id)["BackupSelectionsList"]
        self.assertEqual([s["SelectionId"] for s in selections], [selection_id])

        message = self.fails("InvalidRequestException", "delete-backup-plan", "--backup-plan-id", plan_id)
        self.assertIn("DeleteBackupPlan", message)

        self.ok("delete-backup-selection", "--backup-plan-id", plan_id, "--selection-id", selection_id)
        deleted = self.ok("delete-backup-plan", "--backup-plan-id", plan_id)
        self.assertEqual(deleted["BackupPlanId"], plan_id)
        self.assertIn("DeletionDate", deleted)
        self.ok("delete-backup-plan", "--backup-plan-id", other["BackupPlanId"])
        self.ok("delete-backup-vault", "--backup-vault-name", vault)
        self.fails("ResourceNotFoundException", "describe-backup-vault", "--backup-vault-name", vault)


if __name__ == "__main__":
    main()
