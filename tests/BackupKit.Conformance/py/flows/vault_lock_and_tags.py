"""Vault Lock in governance mode (put, describe, replace, delete, refusals) and tags (tag, list following NextToken,
untag) on vaults and plans, through boto3."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import Arn, FlowTestCase, main, new_client, status, unique_name  # noqa: E402


class VaultLockFlows(FlowTestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = new_client()

    def test_governance_mode_put_describe_replace_delete(self):
        c = self.client
        vault = unique_name("py-lock-gov")
        c.create_backup_vault(BackupVaultName=vault)
        self.assertEqual(status(c.put_backup_vault_lock_configuration(BackupVaultName=vault, MinRetentionDays=7, MaxRetentionDays=365)), 200)
        locked = c.describe_backup_vault(BackupVaultName=vault)
        self.assertTrue(locked["Locked"])
        self.assertEqual(locked["MinRetentionDays"], 7)
        self.assertEqual(locked["MaxRetentionDays"], 365)
        self.assertNotIn("LockDate", locked, "governance mode (no ChangeableForDays) has no LockDate")

        c.put_backup_vault_lock_configuration(BackupVaultName=vault, MinRetentionDays=1)
        replaced = c.describe_backup_vault(BackupVaultName=vault)
        self.assertEqual(replaced["MinRetentionDays"], 1, "a second put replaces the configuration")
        self.assertNotIn("MaxRetentionDays", replaced, "an omitted bound is no bound")

        self.assertEqual(status(c.delete_backup_vault_lock_configuration(BackupVaultName=vault)), 200)
        unlocked = c.describe_backup_vault(BackupVaultName=vault)
        self.assertFalse(unlocked["Locked"])
        self.assertNotIn("MinRetentionDays", unlocked)
        # A governance-mode vault can be deleted while empty.
        c.put_backup_vault_lock_configuration(BackupVaultName=vault, MinRetentionDays=1, MaxRetentionDays=30)
        self.assertEqual(status(c.delete_backup_vault(BackupVaultName=vault)), 200)
        self.assert_client_error(lambda: c.describe_backup_vault(BackupVaultName=vault), "ResourceNotFoundException")

    def test_lock_refusals(self):
        c = self.client
        unknown = unique_name("py-lock-unknown")
        self.assert_client_error(lambda: c.put_backup_vault_lock_configuration(BackupVaultName=unknown, MinRetentionDays=1),
                                 "ResourceNotFoundException")
        self.assert_client_error(lambda: c.delete_backup_vault_lock_configuration(BackupVaultName=unknown), "ResourceNotFoundException")
        vault = unique_name("py-lock-bad")
        c.create_backup_vault(BackupVaultName=vault)
        # ChangeableForDays: at least 3 days (the 72-hour cooling-off time); MaxRetentionDays at most 36500.
        self.assert_client_error(lambda: c.put_backup_vault_lock_configuration(BackupVaultName=vault, MinRetentionDays=1, ChangeableForDays=2),
                                 "InvalidParameterValueException")
        self.assert_client_error(lambda: c.put_backup_vault_lock_configuration(BackupVaultName=vault, MaxRetentionDays=36501),
                                 "InvalidParameterValueException")
        self.assertFalse(c.describe_backup_vault(BackupVaultName=vault)["Locked"], "refused puts leave the vault unlocked")


class TagFlows(FlowTestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = new_client()

    def all_tags(self, resource_arn, page_size):
        # ListTags has no boto3 paginator in the model; follow NextToken by hand.
        tags, token, pages = {}, None, 0
        while True:
            page = self.client.list_tags(ResourceArn=resource_arn, MaxResults=page_size, **({"NextToken": token} if token else {}))
            self.assertLessEqual(len(page.get("Tags", {})), page_size)
            tags.update(page.get("Tags", {}))
            pages += 1
            token = page.get("NextToken")
            if not token:
                return tags, pages

    def test_tag_list_untag_on_vaults_and_plans(self):
        c = self.client
        vault = unique_name("py-tags")
        vault_arn = c.create_backup_vault(BackupVaultName=vault, BackupVaultTags={"env": "test"})["BackupVaultArn"]
        plan_arn = c.create_backup_plan(BackupPlan={"BackupPlanName": unique_name("py-tags-plan"), "Rules": [
            {"RuleName": "r", "TargetBackupVaultName": vault}]}, BackupPlanTags={"env": "test"})["BackupPlanArn"]
        for resource_arn in (vault_arn, plan_arn):
            self.assertEqual(c.list_tags(ResourceArn=resource_arn)["Tags"], {"env": "test"})
            self.assertEqual(status(c.tag_resource(ResourceArn=resource_arn, Tags={
                "env": "staging", "cost-center": "1234", "aws-backup:note": "keys with : and / survive"})), 200)
            tags, pages = self.all_tags(resource_arn, 1)
            self.assertEqual(tags, {"env": "staging", "cost-center": "1234", "aws-backup:note": "keys with : and / survive"})
            self.assertEqual(pages, 3, "MaxResults=1 over three tags takes three pages")
            self.assertEqual(status(c.untag_resource(ResourceArn=resource_arn, TagKeyList=["cost-center", "not-there"])), 200)
            self.assertEqual(c.list_tags(ResourceArn=resource_arn)["Tags"], {"env": "staging", "aws-backup:note": "keys with : and / survive"})

    def test_tag_errors(self):
        c = self.client
        raw = new_client(validate=False)
        for missing in (Arn.vault(unique_name("py-no-vault")), Arn.plan(str(uuid.uuid4()))):
            self.assert_client_error(lambda: c.list_tags(ResourceArn=missing), "ResourceNotFoundException")
            self.assert_client_error(lambda: c.tag_resource(ResourceArn=missing, Tags={"a": "b"}), "ResourceNotFoundException")
            self.assert_client_error(lambda: c.untag_resource(ResourceArn=missing, TagKeyList=["a"]), "ResourceNotFoundException")
        vault_arn = c.create_backup_vault(BackupVaultName=unique_name("py-tags-err"))["BackupVaultArn"]
        self.assert_client_error(lambda: raw.tag_resource(ResourceArn=vault_arn), "MissingParameterValueException")


if __name__ == "__main__":
    main()
