"""Shared helpers for the boto3 conformance flows.

A boto3 client of AWS Backup pointed at the emulator the xunit fixture started, unique names, the emulator's
controllable clock, and assertions on AWS-shaped errors (botocore ClientError code, HTTP status, message, request id).
Standard library and boto3 only.
"""
import datetime
import os
import secrets
import sys
import types
import unittest
import urllib.request

import boto3
import botocore.auth
import botocore.compat
from botocore.config import Config
from botocore.exceptions import ClientError


def _required_env(name):
    value = os.environ.get(name)
    if not value:
        raise SystemExit(
            f"{name} is not set. Run the flows through the xunit project "
            "(dotnet test tests/BackupKit.Conformance), which starts the emulator and sets it.")
    return value


ENDPOINT = _required_env("BACKUPKIT_ENDPOINT")
REGION = _required_env("AWS_DEFAULT_REGION")
ACCOUNT_ID = _required_env("BACKUPKIT_ACCOUNT_ID")
CLOCK_ENDPOINT = os.environ.get("BACKUPKIT_CLOCK_ENDPOINT")

# The IAM role the console creates for AWS Backup; selections and jobs pass it.
BACKUP_ROLE_ARN = f"arn:aws:iam::{ACCOUNT_ID}:role/service-role/AWSBackupDefaultServiceRole"

DAY_MS = 24 * 60 * 60 * 1000


def unique_name(prefix):
    """A name unique across flows and runs, valid for vaults, plans, rules and selections (letters, digits, '-')."""
    return f"{prefix}-{secrets.token_hex(5)}"


def _clock(method, path):
    if not CLOCK_ENDPOINT:
        raise RuntimeError("BACKUPKIT_CLOCK_ENDPOINT is not set: this flow needs the fixture's controllable clock.")
    request = urllib.request.Request(CLOCK_ENDPOINT.rstrip("/") + "/" + path, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise AssertionError(f"clock endpoint answered {response.status}")
        return int(response.read().decode("ascii"))


def emulator_now_ms():
    """The emulator's clock in epoch milliseconds (the fixture runs it on a controllable clock)."""
    if not CLOCK_ENDPOINT:
        return int(datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000)
    return _clock("GET", "now")


def emulator_now():
    return datetime.datetime.fromtimestamp(emulator_now_ms() / 1000, datetime.timezone.utc)


_signing_offset = datetime.timedelta(0)


def _sync_signing_clock():
    """SigV4 dates follow the emulator's clock, so signatures stay valid after a flow moved it forward."""
    global _signing_offset
    _signing_offset = datetime.datetime.fromtimestamp(emulator_now_ms() / 1000, datetime.timezone.utc) - \
        datetime.datetime.now(datetime.timezone.utc)


class _ShiftedDatetime(datetime.datetime):
    """datetime.datetime whose "now" follows the emulator's clock, for botocore releases that call utcnow() directly."""

    @classmethod
    def utcnow(cls):
        return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) + _signing_offset

    @classmethod
    def now(cls, tz=None):
        return datetime.datetime.now(tz) + _signing_offset


def _shift_signing_clock():
    """SigV4 signing time follows the emulator's clock, like the JS SDK's systemClockOffset (boto3 has no such setting).

    Only botocore's signer is shifted; the requests themselves are untouched.
    """
    if hasattr(botocore.auth, "get_current_datetime"):
        original = botocore.compat.get_current_datetime

        def shifted(remove_tzinfo=True):
            return original(remove_tzinfo) + _signing_offset

        botocore.auth.get_current_datetime = shifted
    else:
        # botocore releases before get_current_datetime (e.g. Debian bookworm's 1.29) call datetime.datetime.utcnow().
        botocore.auth.datetime = types.SimpleNamespace(**{**vars(datetime), "datetime": _ShiftedDatetime})


_shift_signing_clock()


def advance_clock(milliseconds):
    """Moves the emulator's clock forward; returns its new time in epoch milliseconds."""
    now = _clock("POST", f"advance?ms={int(milliseconds)}")
    _sync_signing_clock()
    return now


def new_client(validate=True):
    """A boto3 client with retries off (every assertion sees exactly what the emulator answered).

    validate=False turns botocore's client-side parameter validation off, so the emulator's own validation is judged.
    """
    _sync_signing_clock()
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        parameter_validation=validate,
        connect_timeout=10,
        read_timeout=60,
    )
    return boto3.session.Session().client("backup", endpoint_url=ENDPOINT, region_name=REGION, config=config)


def model_has(client, shape, member):
    """Whether the installed botocore's AWS Backup model knows a member (older clients lack newer features)."""
    return member in client.meta.service_model.shape_for(shape).members


def status(response):
    return response["ResponseMetadata"]["HTTPStatusCode"]


class Arn:
    @staticmethod
    def plan(plan_id):
        return f"arn:aws:backup:{REGION}:{ACCOUNT_ID}:backup-plan:{plan_id}"

    @staticmethod
    def vault(name):
        return f"arn:aws:backup:{REGION}:{ACCOUNT_ID}:backup-vault:{name}"

    @staticmethod
    def sns_topic(name):
        return f"arn:aws:sns:{REGION}:{ACCOUNT_ID}:{name}"

    @staticmethod
    def dynamo_table(name):
        return f"arn:aws:dynamodb:{REGION}:{ACCOUNT_ID}:table/{name}"

    @staticmethod
    def efs(file_system_id):
        return f"arn:aws:elasticfilesystem:{REGION}:{ACCOUNT_ID}:file-system/{file_system_id}"


class FlowTestCase(unittest.TestCase):
    """unittest.TestCase with assertions for AWS-shaped errors and emulator timestamps."""

    maxDiff = None

    def assert_client_error(self, call, code, http_status=400):
        """Calls `call` (no arguments); it must fail with the given error code and HTTP status. Returns the error."""
        try:
            result = call()
        except ClientError as error:
            caught = error
        else:
            result = dict(result or {})
            result.pop("ResponseMetadata", None)
            self.fail(f"expected {code} (HTTP {http_status}) but the call succeeded with {result!r}")
        got = caught.response.get("Error", {})
        metadata = caught.response.get("ResponseMetadata", {})
        self.assertEqual(got.get("Code"), code, f"expected error {code} but got {got.get('Code')}: {got.get('Message')}")
        self.assertEqual(metadata.get("HTTPStatusCode"), http_status, f"{code} must come with HTTP {http_status}")
        self.assertTrue(got.get("Message"), f"{code} must carry a message")
        self.assertTrue(metadata.get("RequestId"), f"{code} must carry a request id (x-amzn-requestid)")
        return caught

    def assert_recent(self, value, label, tolerance=datetime.timedelta(minutes=5)):
        self.assertIsInstance(value, datetime.datetime, f"{label} must be a timestamp, got {value!r}")
        self.assertIsNotNone(value.tzinfo, f"{label} must carry a time zone")
        now = emulator_now()
        self.assertLessEqual(abs(value - now), tolerance, f"{label} {value.isoformat()} is not close to the emulator's now {now.isoformat()}")

    def paginate(self, client, operation, list_key, page_size, **kwargs):
        """Every item of a list operation through boto3's paginator, checking each page honours the page size."""
        items, pages = [], 0
        paginator = client.get_paginator(operation)
        for page in paginator.paginate(PaginationConfig={"PageSize": page_size}, **kwargs):
            page_items = page.get(list_key, [])
            self.assertLessEqual(len(page_items), page_size, f"{list_key} page holds {len(page_items)} items, more than MaxResults={page_size}")
            items.extend(page_items)
            pages += 1
            self.assertLess(pages, 1000, "pagination does not terminate")
        return items, pages


def main():
    """Runs the flow's tests verbosely; a file that runs no test fails."""
    program = unittest.main(verbosity=2, exit=False)
    result = program.result
    if result.testsRun == 0:
        print("no test ran", file=sys.stderr)
        sys.exit(2)
    sys.exit(0 if result.wasSuccessful() else 1)
