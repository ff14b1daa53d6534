"""Backup plans through boto3: create (several rules, copy actions, lifecycles), get, get by VersionId, update (new
version), list with the paginator, list versions, delete, idempotent CreatorRequestId, and the documented errors."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import Arn, FlowTestCase, main, model_has, new_client, status, unique_name  # noqa: E402


def full_plan(name, primary, archive, with_time_zone):
    cross_region = Arn.vault(archive).replace(f":{os.environ['AWS_DEFAULT_REGION']}:", ":us-west-2:")
    time_zone = {"ScheduleExpressionTimezone": "Europe/Paris"} if with_time_zone else {}
    return {
        "BackupPlanName": name,
        "Rules": [
            {
                "RuleName": "daily",
                "TargetBackupVaultName": primary,
                "ScheduleExpression": "cron(0 5 ? * * *)",
                **time_zone,
                "StartWindowMinutes": 60,
                "CompletionWindowMinutes": 180,
                "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120},
                "RecoveryPointTags": {"tier": "gold"},
                "CopyActions": [
                    {"DestinationBackupVaultArn": Arn.vault(archive), "Lifecycle": {"DeleteAfterDays": 365}},
                    {"DestinationBackupVaultArn": cross_region, "Lifecycle": {"MoveToColdStorageAfterDays": 7, "DeleteAfterDays": 97}},
                ],
            },
            {"RuleName": "minimal", "TargetBackupVaultName": primary},
            {"RuleName": "monthly", "TargetBackupVaultName": archive, "ScheduleExpression": "cron(0 3 1 * ? *)",
             "Lifecycle": {"DeleteAfterDays": 3650}},
        ],
    }


def rule(plan, name):
    matches = [r for r in plan["Rules"] if r["RuleName"] == name]
    if len(matches) != 1:
        raise AssertionError(f"rule {name} is missing from {[r['RuleName'] for r in plan['Rules']]}")
    return matches[0]


class BackupPlanFlows(FlowTestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = new_client()
        cls.primary = unique_name("py-plan-primary")
        cls.archive = unique_name("py-plan-archive")
        cls.client.create_backup_vault(BackupVaultName=cls.primary)
        cls.client.create_backup_vault(BackupVaultName=cls.archive)
        # ScheduleExpressionTimezone came to the API in 2023; botocore releases before it cannot send it.
        cls.time_zones = model_has(cls.client, "BackupRuleInput", "ScheduleExpressionTimezone")

    def test_create_get_update_versions_delete(self):
        c = self.client
        name = unique_name("py-plan-full")
        creator_request_id = str(uuid.uuid4())
        created = c.create_backup_plan(
            BackupPlan=full_plan(name, self.primary, self.archive, self.time_zones),
            BackupPlanTags={"team": "storage"},
            CreatorRequestId=creator_request_id)
        self.assertEqual(status(created), 200)
        plan_id = created["BackupPlanId"]
        self.assertRegex(plan_id, r"^\S+$")
        self.assertEqual(created["BackupPlanArn"], Arn.plan(plan_id))
        self.assertTrue(0 < len(created["VersionId"]) <= 1024)
        self.assert_recent(created["CreationDate"], "CreationDate")

        v1 = c.get_backup_plan(BackupPlanId=plan_id)
        self.assertEqual(v1["BackupPlanId"], plan_id)
        self.assertEqual(v1["VersionId"], created["VersionId"])
        self.assertEqual(v1["CreatorRequestId"], creator_request_id)
        self.assertEqual(v1["CreationDate"], created["CreationDate"])
        self.assertNotIn("DeletionDate", v1)
        self.assertEqual(v1["BackupPlan"]["BackupPlanName"], name)
        self.assertEqual(len(v1["BackupPlan"]["Rules"]), 3)
        rule_ids = [r["RuleId"] for r in v1["BackupPlan"]["Rules"]]
        self.assertEqual(len(set(rule_ids)), 3, "every rule gets its own service-generated RuleId")

        daily = rule(v1["BackupPlan"], "daily")
        self.assertEqual(daily["TargetBackupVaultName"], self.primary)
        self.assertEqual(daily["ScheduleExpression"], "cron(0 5 ? * * *)")
        if self.time_zones:
            self.assertEqual(daily["ScheduleExpressionTimezone"], "Europe/Paris")
        self.assertEqual(daily["StartWindowMinutes"], 60)
        self.assertEqual(daily["CompletionWindowMinutes"], 180)
        self.assertEqual(daily["Lifecycle"]["MoveToColdStorageAfterDays"], 30)
        self.assertEqual(daily["Lifecycle"]["DeleteAfterDays"], 120)
        self.assertEqual(daily["RecoveryPointTags"], {"tier": "gold"})
        self.assertEqual(len(daily["CopyActions"]), 2)
        self.assertEqual(daily["CopyActions"][0], {"DestinationBackupVaultArn": Arn.vault(self.archive), "Lifecycle": {"DeleteAfterDays": 365}})
        self.assertEqual(daily["CopyActions"][1]["Lifecycle"], {"MoveToColdStorageAfterDays": 7, "DeleteAfterDays": 97})

        # AWS's defaults for a rule with only a name and a vault: daily at 05:00 UTC, 8 h start, 7 days completion.
        minimal = rule(v1["BackupPlan"], "minimal")
        self.assertEqual(minimal["ScheduleExpression"], "cron(0 5 ? * * *)")
        self.assertEqual(minimal["StartWindowMinutes"], 480)
        self.assertEqual(minimal["CompletionWindowMinutes"], 10080)
        self.assertNotIn("DeleteAfterDays", minimal.get("Lifecycle", {}), "no lifecycle keeps recovery points forever")

        self.assertEqual(c.list_tags(ResourceArn=created["BackupPlanArn"])["Tags"], {"team": "storage"})

        changed = full_plan(name, self.primary, self.archive, self.time_zones)
        changed["Rules"] = [r for r in changed["Rules"] if r["RuleName"] != "monthly"]
        changed["Rules"][0]["Lifecycle"] = {"DeleteAfterDays": 60}
        updated = c.update_backup_plan(BackupPlanId=plan_id, BackupPlan=changed)
        self.assertEqual(updated["BackupPlanId"], plan_id)
        self.assertEqual(updated["BackupPlanArn"], created["BackupPlanArn"])
        self.assertNotEqual(updated["VersionId"], created["VersionId"], "UpdateBackupPlan creates a new VersionId")

        latest = c.get_backup_plan(BackupPlanId=plan_id)
        self.assertEqual(latest["VersionId"], updated["VersionId"])
        self.assertEqual(len(latest["BackupPlan"]["Rules"]), 2)
        self.assertEqual(rule(latest["BackupPlan"], "daily")["Lifecycle"], {"DeleteAfterDays": 60})

        old = c.get_backup_plan(BackupPlanId=plan_id, VersionId=created["VersionId"])
        self.assertEqual(old["VersionId"], created["VersionId"])
        self.assertEqual(len(old["BackupPlan"]["Rules"]), 3, "the first version keeps its three rules")
        self.assertEqual(rule(old["BackupPlan"], "daily")["Lifecycle"]["DeleteAfterDays"], 120)

        listed, _ = self.paginate(c, "list_backup_plans", "BackupPlansList", 1000)
        entry = [p for p in listed if p["BackupPlanId"] == plan_id]
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry[0]["VersionId"], updated["VersionId"], "ListBackupPlans shows the current version")

        versions, pages = self.paginate(c, "list_backup_plan_versions", "BackupPlanVersionsList", 1, BackupPlanId=plan_id)
        self.assertEqual(sorted(v["VersionId"] for v in versions), sorted([created["VersionId"], updated["VersionId"]]))
        self.assertGreaterEqual(pages, 2, "MaxResults=1 over two versions needs two pages")
        for version in versions:
            self.assertEqual(version["BackupPlanId"], plan_id)
            self.assertEqual(version["BackupPlanArn"], created["BackupPlanArn"])
            self.assertEqual(version["BackupPlanName"], name)

        deleted = c.delete_backup_plan(BackupPlanId=plan_id)
        self.assertEqual(deleted["BackupPlanId"], plan_id)
        self.assertEqual(deleted["VersionId"], updated["VersionId"], "DeleteBackupPlan deletes the current version")
        self.assert_recent(deleted["DeletionDate"], "DeletionDate")

        active, _ = self.paginate(c, "list_backup_plans", "BackupPlansList", 100)
        self.assertFalse(any(p["BackupPlanId"] == plan_id for p in active), "a deleted plan is not listed by default")
        with_deleted, _ = self.paginate(c, "list_backup_plans", "BackupPlansList", 100, IncludeDeleted=True)
        gone = [p for p in with_deleted if p["BackupPlanId"] == plan_id]
        self.assertEqual(len(gone), 1, "IncludeDeleted=True lists the deleted plan")
        self.assertIn("DeletionDate", gone[0])

    def test_list_backup_plans_paginator_pages(self):
        c = self.client
        prefix = unique_name("py-plan-page")
        tokens = [str(uuid.uuid4()) for _ in range(3)]
        ids = [c.create_backup_plan(CreatorRequestId=tokens[i], BackupPlan={"BackupPlanName": f"{prefix}-{i}", "Rules": [
            {"RuleName": "r", "TargetBackupVaultName": self.primary}]})["BackupPlanId"] for i in range(3)]
        items, pages = self.paginate(c, "list_backup_plans", "BackupPlansList", 1)
        self.assertGreaterEqual(pages, 3, "MaxResults=1 over at least three plans takes at least three pages")
        listed_ids = [p["BackupPlanId"] for p in items]
        self.assertEqual(len(set(listed_ids)), len(listed_ids), "no plan is listed twice across pages")
        for i, plan_id in enumerate(ids):
            entry = next((p for p in items if p["BackupPlanId"] == plan_id), None)
            self.assertIsNotNone(entry, f"plan {plan_id} is listed")
            self.assertEqual(entry["BackupPlanName"], f"{prefix}-{i}")
            self.assertEqual(entry["BackupPlanArn"], Arn.plan(plan_id))
            self.assertEqual(entry["CreatorRequestId"], tokens[i], "the list shows each plan's CreatorRequestId")

    def test_repeated_creator_request_id_is_idempotent_and_a_duplicate_is_already_exists(self):
        c = self.client
        name = unique_name("py-plan-idem")
        plan = {"BackupPlanName": name, "Rules": [{"RuleName": "r", "TargetBackupVaultName": self.primary}]}
        token = f"req-{uuid.uuid4()}"
        first = c.create_backup_plan(BackupPlan=plan, CreatorRequestId=token)
        again = c.create_backup_plan(BackupPlan=plan, CreatorRequestId=token)
        self.assertEqual(again["BackupPlanId"], first["BackupPlanId"])
        self.assertEqual(again["VersionId"], first["VersionId"])
        error = self.assert_client_error(
            lambda: c.create_backup_plan(BackupPlan=plan, CreatorRequestId=f"req-{uuid.uuid4()}"), "AlreadyExistsException")
        self.assertEqual(error.response["Error"]["Code"], "AlreadyExistsException")
        items, _ = self.paginate(c, "list_backup_plans", "BackupPlansList", 1000)
        self.assertEqual(len([p for p in items if p["BackupPlanName"] == name]), 1, "exactly one plan was created")

    def test_unknown_ids_are_resource_not_found(self):
        c = self.client
        unknown = str(uuid.uuid4())
        plan = {"BackupPlanName": unique_name("py-plan-x"), "Rules": [{"RuleName": "r", "TargetBackupVaultName": self.primary}]}
        self.assert_client_error(lambda: c.get_backup_plan(BackupPlanId=unknown), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.update_backup_plan(BackupPlanId=unknown, BackupPlan=plan), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.delete_backup_plan(BackupPlanId=unknown), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.list_backup_plan_versions(BackupPlanId=unknown), "ResourceNotFoundException")
        created = c.create_backup_plan(BackupPlan=plan)
        self.assert_client_error(
            lambda: c.get_backup_plan(BackupPlanId=created["BackupPlanId"], VersionId="not-a-version-of-this-plan"),
            "ResourceNotFoundException")
        c.delete_backup_plan(BackupPlanId=created["BackupPlanId"])

    def test_invalid_and_missing_parameters_are_refused(self):
        c = self.client
        raw = new_client(validate=False)
        name = unique_name("py-plan-bad")

        def create(**rule_extra):
            return lambda: c.create_backup_plan(BackupPlan={"BackupPlanName": name, "Rules": [
                {"RuleName": "r", "TargetBackupVaultName": self.primary, **rule_extra}]})

        # Cold storage needs 90 more days before deletion, for rules and copy actions alike.
        self.assert_client_error(create(Lifecycle={"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 100}), "InvalidParameterValueException")
        self.assert_client_error(create(CopyActions=[{"DestinationBackupVaultArn": Arn.vault(self.archive),
                                                      "Lifecycle": {"MoveToColdStorageAfterDays": 10, "DeleteAfterDays": 50}}]),
                                 "InvalidParameterValueException")
        self.assert_client_error(create(StartWindowMinutes=30), "InvalidParameterValueException")
        self.assert_client_error(create(ScheduleExpression="not a schedule"), "InvalidParameterValueException")
        self.assert_client_error(create(Lifecycle={"DeleteAfterDays": 36501}), "InvalidParameterValueException")
        self.assert_client_error(lambda: raw.create_backup_plan(BackupPlan={"BackupPlanName": name, "Rules": [
            {"RuleName": "no spaces allowed", "TargetBackupVaultName": self.primary}]}), "InvalidParameterValueException")
        self.assert_client_error(lambda: raw.list_backup_plans(MaxResults=1001), "InvalidParameterValueException")
        # BackupPlanName: 1 to 50 alphanumeric or '-_.' characters (API reference, BackupPlanInput).
        for bad_name in ("has spaces", "\u00e9quipe", "x" * 51):
            self.assert_client_error(lambda: c.create_backup_plan(BackupPlan={"BackupPlanName": bad_name, "Rules": [
                {"RuleName": "r", "TargetBackupVaultName": self.primary}]}), "InvalidParameterValueException")
        # Required members absent (botocore's own validation is off to reach the service).
        self.assert_client_error(lambda: raw.create_backup_plan(BackupPlan={"BackupPlanName": name}), "MissingParameterValueException")
        self.assert_client_error(lambda: raw.create_backup_plan(BackupPlan={"BackupPlanName": name, "Rules": [{"RuleName": "r"}]}),
                                 "MissingParameterValueException")
        items, _ = self.paginate(c, "list_backup_plans", "BackupPlansList", 1000)
        self.assertFalse(any(p["BackupPlanName"] == name for p in items), "refused creates leave no plan behind")


if __name__ == "__main__":
    main()
