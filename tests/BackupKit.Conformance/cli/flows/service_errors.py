"""The AWS CLI reports service errors with exit code 254 and "An error occurred (<Code>) when calling the <Operation>
operation: <message>" on stderr: unknown ids, a duplicate vault, invalid values, and an operation the emulator does not
implement."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from aws_cli import CliFlowTestCase, main, unique_name  # noqa: E402


class ServiceErrorCliFlow(CliFlowTestCase):
    def test_unknown_ids(self):
        unknown = str(uuid.uuid4())
        message = self.fails("ResourceNotFoundException", "get-backup-plan", "--backup-plan-id", unknown)
        self.assertIn("when calling the GetBackupPlan operation", message)
        self.assertRegex(message, r"operation: \S+", "the error carries the service's message")
        self.fails("ResourceNotFoundException", "delete-backup-plan", "--backup-plan-id", unknown)
        self.fails("ResourceNotFoundException", "list-backup-selections", "--backup-plan-id", unknown)
        self.fails("ResourceNotFoundException", "describe-backup-vault", "--backup-vault-name", unique_name("cli-missing"))

    def test_duplicate_vault_and_invalid_values(self):
        vault = unique_name("cli-dup")
        self.ok("create-backup-vault", "--backup-vault-name", vault)
        self.fails("AlreadyExistsException", "create-backup-vault", "--backup-vault-name", vault)
        # Cold storage needs at least 90 days before deletion.
        self.fails("InvalidParameterValueException", "create-backup-plan", "--backup-plan", self.json_file("bad.json", {
            "BackupPlanName": unique_name("cli-bad"),
            "Rules": [{"RuleName": "r", "TargetBackupVaultName": vault,
                       "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 60}}]}))
        self.ok("delete-backup-vault", "--backup-vault-name", vault)

    def test_unimplemented_operation(self):
        message = self.fails("NotImplementedException", "list-indexed-recovery-points")
        self.assertIn("ListIndexedRecoveryPoints", message)


if __name__ == "__main__":
    main()
