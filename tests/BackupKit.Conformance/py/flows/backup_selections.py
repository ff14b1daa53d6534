"""Backup selections through boto3: create with ListOfTags, Conditions, Resources and NotResources; get; list with the
paginator; delete; idempotent CreatorRequestId; a plan with selections cannot be deleted; the documented errors."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import BACKUP_ROLE_ARN, Arn, FlowTestCase, main, new_client, status, unique_name  # noqa: E402

EVERY_CONDITION = {
    "StringEquals": [{"ConditionKey": "aws:ResourceTag/backup", "ConditionValue": "daily"}],
    "StringLike": [{"ConditionKey": "aws:ResourceTag/env", "ConditionValue": "prod*"}],
    "StringNotEquals": [{"ConditionKey": "aws:ResourceTag/tier", "ConditionValue": "scratch"}],
    "StringNotLike": [{"ConditionKey": "aws:ResourceTag/name", "ConditionValue": "*-tmp"}],
}


class BackupSelectionFlows(FlowTestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = new_client()
        cls.vault = unique_name("py-sel-vault")
        cls.client.create_backup_vault(BackupVaultName=cls.vault)

    def new_plan(self):
        return self.client.create_backup_plan(BackupPlan={
            "BackupPlanName": unique_name("py-sel-plan"),
            "Rules": [{"RuleName": "daily", "TargetBackupVaultName": self.vault}]})["BackupPlanId"]

    def test_create_get_list_delete_selections_of_every_kind(self):
        c = self.client
        plan_id = self.new_plan()
        selections = [
            {"SelectionName": "by-tags", "IamRoleArn": BACKUP_ROLE_ARN, "ListOfTags": [
                {"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"},
                {"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "hourly"}]},
            {"SelectionName": "by_resources.all", "IamRoleArn": BACKUP_ROLE_ARN,
             "Resources": [Arn.dynamo_table("orders"), Arn.efs("fs-0123456789abcdef0"), "arn:aws:ec2:*:*:volume/*"],
             "NotResources": [Arn.dynamo_table("orders-scratch")]},
            {"SelectionName": "by-conditions", "IamRoleArn": BACKUP_ROLE_ARN, "Resources": ["*"], "Conditions": EVERY_CONDITION},
        ]
        created = []
        for selection in selections:
            token = str(uuid.uuid4())
            out = c.create_backup_selection(BackupPlanId=plan_id, BackupSelection=selection, CreatorRequestId=token)
            self.assertEqual(status(out), 200)
            self.assertEqual(out["BackupPlanId"], plan_id)
            self.assertRegex(out["SelectionId"], r"^\S+$")
            self.assert_recent(out["CreationDate"], "CreationDate")
            created.append((selection, token, out))
        self.assertEqual(len({out["SelectionId"] for _, _, out in created}), 3, "each selection gets its own SelectionId")

        for selection, token, out in created:
            got = c.get_backup_selection(BackupPlanId=plan_id, SelectionId=out["SelectionId"])
            self.assertEqual(got["SelectionId"], out["SelectionId"])
            self.assertEqual(got["BackupPlanId"], plan_id)
            self.assertEqual(got["CreatorRequestId"], token)
            self.assertEqual(got["CreationDate"], out["CreationDate"])
            body = got["BackupSelection"]
            self.assertEqual(body["SelectionName"], selection["SelectionName"])
            self.assertEqual(body["IamRoleArn"], BACKUP_ROLE_ARN)
            self.assertEqual(body.get("ListOfTags", []), selection.get("ListOfTags", []))
            self.assertEqual(body.get("Resources", []), selection.get("Resources", []))
            self.assertEqual(body.get("NotResources", []), selection.get("NotResources", []))
            for operator in EVERY_CONDITION:
                self.assertEqual(body.get("Conditions", {}).get(operator, []), selection.get("Conditions", {}).get(operator, []),
                                 f"Conditions.{operator} of {selection['SelectionName']}")

        listed, pages = self.paginate(c, "list_backup_selections", "BackupSelectionsList", 2, BackupPlanId=plan_id)
        self.assertEqual(len(listed), 3)
        self.assertGreaterEqual(pages, 2, "MaxResults=2 over three selections needs two pages")
        for selection, token, out in created:
            entry = next((s for s in listed if s["SelectionId"] == out["SelectionId"]), None)
            self.assertIsNotNone(entry, f"selection {selection['SelectionName']} is listed")
            self.assertEqual(entry["SelectionName"], selection["SelectionName"])
            self.assertEqual(entry["BackupPlanId"], plan_id)
            self.assertEqual(entry["IamRoleArn"], BACKUP_ROLE_ARN)
            self.assertEqual(entry["CreatorRequestId"], token)

        # A plan with selections cannot be deleted.
        self.assert_client_error(lambda: c.delete_backup_plan(BackupPlanId=plan_id), "InvalidRequestException")
        self.assertEqual(c.get_backup_plan(BackupPlanId=plan_id)["BackupPlanId"], plan_id, "the refused delete left the plan")

        for _, _, out in created:
            deleted = c.delete_backup_selection(BackupPlanId=plan_id, SelectionId=out["SelectionId"])
            self.assertEqual(status(deleted), 200)
            self.assert_client_error(lambda: c.get_backup_selection(BackupPlanId=plan_id, SelectionId=out["SelectionId"]),
                                     "ResourceNotFoundException")
        self.assertEqual(c.list_backup_selections(BackupPlanId=plan_id).get("BackupSelectionsList", []), [])
        self.assertEqual(c.delete_backup_plan(BackupPlanId=plan_id)["BackupPlanId"], plan_id)

    def test_repeated_creator_request_id_returns_the_same_selection(self):
        c = self.client
        plan_id = self.new_plan()
        request = {"BackupPlanId": plan_id, "CreatorRequestId": f"sel-{uuid.uuid4()}",
                   "BackupSelection": {"SelectionName": "idem", "IamRoleArn": BACKUP_ROLE_ARN, "Resources": [Arn.dynamo_table("t")]}}
        first = c.create_backup_selection(**request)
        again = c.create_backup_selection(**request)
        self.assertEqual(again["SelectionId"], first["SelectionId"])
        self.assertEqual(len(c.list_backup_selections(BackupPlanId=plan_id)["BackupSelectionsList"]), 1, "the retry created nothing")

    def test_selection_errors(self):
        c = self.client
        raw = new_client(validate=False)
        plan_id = self.new_plan()
        unknown_plan = str(uuid.uuid4())
        valid = {"SelectionName": "ok", "IamRoleArn": BACKUP_ROLE_ARN, "Resources": [Arn.dynamo_table("t")]}

        self.assert_client_error(lambda: c.create_backup_selection(BackupPlanId=unknown_plan, BackupSelection=valid), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.list_backup_selections(BackupPlanId=unknown_plan), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.get_backup_selection(BackupPlanId=plan_id, SelectionId=str(uuid.uuid4())), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.delete_backup_selection(BackupPlanId=plan_id, SelectionId=str(uuid.uuid4())), "ResourceNotFoundException")

        self.assert_client_error(lambda: raw.create_backup_selection(BackupPlanId=plan_id, BackupSelection={
            "SelectionName": "no-role", "Resources": [Arn.dynamo_table("t")]}), "MissingParameterValueException")
        self.assert_client_error(lambda: c.create_backup_selection(BackupPlanId=plan_id, BackupSelection={
            **valid, "SelectionName": "spaces are not allowed"}), "InvalidParameterValueException")
        self.assert_client_error(lambda: c.create_backup_selection(BackupPlanId=plan_id, BackupSelection={
            **valid, "SelectionName": "x" * 51}), "InvalidParameterValueException")
        self.assert_client_error(lambda: raw.create_backup_selection(BackupPlanId=plan_id, BackupSelection={
            **valid, "ListOfTags": [{"ConditionType": "STRINGLIKE", "ConditionKey": "backup", "ConditionValue": "x"}]}),
            "InvalidParameterValueException")
        self.assertEqual(c.list_backup_selections(BackupPlanId=plan_id).get("BackupSelectionsList", []), [],
                         "refused creates leave no selection behind")


if __name__ == "__main__":
    main()
