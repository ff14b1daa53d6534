"""An operation the emulator does not implement answers an explicit AWS-shaped error, never a silent success."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from botocore.exceptions import ClientError  # noqa: E402
from harness import FlowTestCase, main, new_client  # noqa: E402


class UnimplementedOperationFlows(FlowTestCase):
    def test_list_indexed_recovery_points_answers_an_explicit_error(self):
        client = new_client()
        if "ListIndexedRecoveryPoints" not in client.meta.service_model.operation_names:
            self.skipTest("this botocore's AWS Backup model has no ListIndexedRecoveryPoints")
        with self.assertRaises(ClientError) as raised:
            client.list_indexed_recovery_points()
        error = raised.exception.response["Error"]
        metadata = raised.exception.response["ResponseMetadata"]
        self.assertTrue(400 <= metadata["HTTPStatusCode"] < 600, f"an HTTP error status, got {metadata['HTTPStatusCode']}")
        self.assertEqual(metadata["HTTPStatusCode"], 501)
        self.assertEqual(error["Code"], "NotImplementedException")
        self.assertIn("ListIndexedRecoveryPoints", error["Message"], "the error names the operation")
        self.assertTrue(metadata.get("RequestId"), "the error carries a request id (x-amzn-requestid)")


if __name__ == "__main__":
    main()
