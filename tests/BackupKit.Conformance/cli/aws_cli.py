"""Runs the official AWS CLI (`aws backup ...`) against the emulator the xunit fixture started.

Every call passes --endpoint-url $BACKUPKIT_ENDPOINT --output json; credentials and Region come from the environment
the fixture sets. Standard library only: the flows judge the CLI's exit code, stdout JSON and stderr message.
"""
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import unittest


def _required_env(name):
    value = os.environ.get(name)
    if not value:
        raise SystemExit(f"{name} is not set. Run the flows through the xunit project (dotnet test tests/BackupKit.Conformance).")
    return value


ENDPOINT = _required_env("BACKUPKIT_ENDPOINT")
REGION = _required_env("AWS_DEFAULT_REGION")
ACCOUNT_ID = _required_env("BACKUPKIT_ACCOUNT_ID")
BACKUP_ROLE_ARN = f"arn:aws:iam::{ACCOUNT_ID}:role/service-role/AWSBackupDefaultServiceRole"



def _find_cli():
    # The fixture passes the `aws` it found (on PATH or Debian's /usr/bin/aws).
    executable = shutil.which(os.environ.get("BACKUPKIT_AWS_CLI", "aws"))
    if executable is None:
        raise SystemExit("The AWS CLI ('aws') is not on PATH. Install it (Debian: apt-get install awscli).")
    return executable


AWS = _find_cli()


def _cli_major_version():
    executable = AWS
    version = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=60, check=True)
    # "aws-cli/1.45.11 Python/3.11.7 ..." (v1 prints it on stderr before 1.17, on stdout since).
    text = (version.stdout or version.stderr).strip()
    if not text.startswith("aws-cli/"):
        raise SystemExit(f"'aws --version' printed {text!r}, not an AWS CLI version.")
    return int(text.split("/", 1)[1].split(".", 1)[0])


CLI_MAJOR_VERSION = _cli_major_version()

# The CLI's documented return codes for "the service returned an error": 254 in v2; v1 has no separate code and
# answers 255 for every failed command.
SERVICE_ERROR_EXIT_CODE = 254 if CLI_MAJOR_VERSION >= 2 else 255


def unique_name(prefix):
    return f"{prefix}-{secrets.token_hex(5)}"


class CliResult:
    def __init__(self, args, completed):
        self.args = args
        self.exit_code = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    def json(self):
        return json.loads(self.stdout) if self.stdout.strip() else {}

    def describe(self):
        return f"aws {' '.join(self.args)} exited with {self.exit_code}\nstdout: {self.stdout}\nstderr: {self.stderr}"


def aws(*args):
    """Runs `aws backup <args>` against the emulator; returns the CliResult (whatever the exit code)."""
    executable = AWS
    full = ["backup", *args, "--endpoint-url", ENDPOINT, "--output", "json", "--region", REGION]
    # AWS CLI v2 pages long output through `less` unless AWS_PAGER is empty; v1 never pages.
    env = {**os.environ, "AWS_PAGER": ""}
    completed = subprocess.run([executable, *full], capture_output=True, text=True, timeout=120, check=False, env=env)
    return CliResult(full, completed)


class CliFlowTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="backupkit-cli-")
        self.addCleanup(shutil.rmtree, self.workdir, True)

    def ok(self, *args):
        """Runs a command that must succeed; returns its JSON output."""
        result = aws(*args)
        self.assertEqual(result.exit_code, 0, result.describe())
        return result.json()

    def fails(self, code, *args):
        """Runs a command the service must refuse with the given error code; returns the stderr message."""
        result = aws(*args)
        self.assertEqual(result.exit_code, SERVICE_ERROR_EXIT_CODE, result.describe())
        self.assertIn(f"An error occurred ({code})", result.stderr, result.describe())
        self.assertEqual(result.stdout.strip(), "", "a refused command prints nothing on stdout")
        return result.stderr

    def json_file(self, name, document):
        """Writes a JSON document for a file:// parameter and returns the file:// URL."""
        path = os.path.join(self.workdir, name)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle)
        return "file://" + path


def main():
    program = unittest.main(verbosity=2, exit=False)
    if program.result.testsRun == 0:
        print("no test ran", file=sys.stderr)
        sys.exit(2)
    sys.exit(0 if program.result.wasSuccessful() else 1)
