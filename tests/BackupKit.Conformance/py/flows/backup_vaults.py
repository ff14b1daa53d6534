"""Backup vaults through boto3: create, describe, list with the paginator, delete; AlreadyExists; the access policy
and notification sub-resources; and the documented errors."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import ACCOUNT_ID, Arn, FlowTestCase, main, model_has, new_client, status, unique_name  # noqa: E402


class BackupVaultFlows(FlowTestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = new_client()

    def test_create_describe_list_delete(self):
        c = self.client
        name = unique_name("py-vault")
        created = c.create_backup_vault(BackupVaultName=name, BackupVaultTags={"team": "storage"})
        self.assertEqual(status(created), 200)
        self.assertEqual(created["BackupVaultName"], name)
        self.assertEqual(created["BackupVaultArn"], Arn.vault(name))
        self.assert_recent(created["CreationDate"], "CreationDate")

        described = c.describe_backup_vault(BackupVaultName=name)
        self.assertEqual(described["BackupVaultName"], name)
        self.assertEqual(described["BackupVaultArn"], Arn.vault(name))
        self.assertEqual(described["CreationDate"], created["CreationDate"])
        self.assertEqual(described["NumberOfRecoveryPoints"], 0)
        if model_has(c, "DescribeBackupVaultOutput", "VaultType"):
            # VaultType came with logically air-gapped vaults (2024); older botocore releases drop it when parsing.
            self.assertEqual(described["VaultType"], "BACKUP_VAULT")
        self.assertFalse(described["Locked"])
        self.assertEqual(c.list_tags(ResourceArn=created["BackupVaultArn"])["Tags"], {"team": "storage"})

        others = [unique_name("py-vault-page") for _ in range(2)]
        for other in others:
            c.create_backup_vault(BackupVaultName=other)
        vaults, pages = self.paginate(c, "list_backup_vaults", "BackupVaultList", 1)
        self.assertGreaterEqual(pages, 3, "MaxResults=1 over at least three vaults takes at least three pages")
        names = [v["BackupVaultName"] for v in vaults]
        self.assertEqual(len(set(names)), len(names), "no vault is listed twice across pages")
        for expected in [name, *others]:
            self.assertIn(expected, names)
        entry = next(v for v in vaults if v["BackupVaultName"] == name)
        self.assertEqual(entry["BackupVaultArn"], Arn.vault(name))
        self.assertEqual(entry["NumberOfRecoveryPoints"], 0)

        for vault in [name, *others]:
            self.assertEqual(status(c.delete_backup_vault(BackupVaultName=vault)), 200)
            self.assert_client_error(lambda: c.describe_backup_vault(BackupVaultName=vault), "ResourceNotFoundException")

    def test_vault_errors(self):
        c = self.client
        name = unique_name("py-vault-dup")
        c.create_backup_vault(BackupVaultName=name)
        self.assert_client_error(lambda: c.create_backup_vault(BackupVaultName=name), "AlreadyExistsException")
        unknown = unique_name("py-vault-unknown")
        self.assert_client_error(lambda: c.describe_backup_vault(BackupVaultName=unknown), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.delete_backup_vault(BackupVaultName=unknown), "ResourceNotFoundException")
        # Vault names: ^[a-zA-Z0-9\-\_]{2,50}$ (botocore's own check skips patterns, so the service judges it).
        self.assert_client_error(lambda: c.create_backup_vault(BackupVaultName="no spaces allowed"), "InvalidParameterValueException")
        self.assert_client_error(lambda: c.create_backup_vault(BackupVaultName="x" * 51), "InvalidParameterValueException")

    def test_access_policy(self):
        c = self.client
        vault = unique_name("py-vault-policy")
        c.create_backup_vault(BackupVaultName=vault)
        self.assert_client_error(lambda: c.get_backup_vault_access_policy(BackupVaultName=vault), "ResourceNotFoundException")
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Deny", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"},
            "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}]})
        self.assertEqual(status(c.put_backup_vault_access_policy(BackupVaultName=vault, Policy=policy)), 200)
        got = c.get_backup_vault_access_policy(BackupVaultName=vault)
        self.assertEqual(got["BackupVaultName"], vault)
        self.assertEqual(got["BackupVaultArn"], Arn.vault(vault))
        self.assertEqual(json.loads(got["Policy"]), json.loads(policy))
        self.assertEqual(status(c.delete_backup_vault_access_policy(BackupVaultName=vault)), 200)
        self.assert_client_error(lambda: c.get_backup_vault_access_policy(BackupVaultName=vault), "ResourceNotFoundException")
        self.assert_client_error(lambda: c.put_backup_vault_access_policy(BackupVaultName=vault, Policy="{ this is not json"),
                                 "InvalidParameterValueException")
        unknown = unique_name("py-vault-unknown")
        self.assert_client_error(lambda: c.put_backup_vault_access_policy(BackupVaultName=unknown, Policy=policy), "ResourceNotFoundException")

    def test_notifications(self):
        c = self.client
        raw = new_client(validate=False)
        vault = unique_name("py-vault-notify")
        c.create_backup_vault(BackupVaultName=vault)
        self.assert_client_error(lambda: c.get_backup_vault_notifications(BackupVaultName=vault), "ResourceNotFoundException")
        topic = Arn.sns_topic("backup-events")
        events = ["BACKUP_JOB_COMPLETED", "BACKUP_JOB_FAILED", "RESTORE_JOB_COMPLETED"]
        self.assertEqual(status(c.put_backup_vault_notifications(BackupVaultName=vault, SNSTopicArn=topic, BackupVaultEvents=events)), 200)
        got = c.get_backup_vault_notifications(BackupVaultName=vault)
        self.assertEqual(got["BackupVaultName"], vault)
        self.assertEqual(got["BackupVaultArn"], Arn.vault(vault))
        self.assertEqual(got["SNSTopicArn"], topic)
        self.assertEqual(sorted(got["BackupVaultEvents"]), sorted(events))
        other = Arn.sns_topic("other-events")
        c.put_backup_vault_notifications(BackupVaultName=vault, SNSTopicArn=other, BackupVaultEvents=["BACKUP_JOB_EXPIRED"])
        replaced = c.get_backup_vault_notifications(BackupVaultName=vault)
        self.assertEqual(replaced["SNSTopicArn"], other, "a second put replaces the configuration")
        self.assertEqual(replaced["BackupVaultEvents"], ["BACKUP_JOB_EXPIRED"])
        self.assertEqual(status(c.delete_backup_vault_notifications(BackupVaultName=vault)), 200)
        self.assert_client_error(lambda: c.get_backup_vault_notifications(BackupVaultName=vault), "ResourceNotFoundException")
        self.assert_client_error(lambda: raw.put_backup_vault_notifications(
            BackupVaultName=vault, SNSTopicArn=topic, BackupVaultEvents=["NOT_AN_EVENT"]), "InvalidParameterValueException")
        self.assert_client_error(lambda: raw.put_backup_vault_notifications(
            BackupVaultName=vault, BackupVaultEvents=["BACKUP_JOB_FAILED"]), "MissingParameterValueException")


if __name__ == "__main__":
    main()
