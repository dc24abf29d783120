"""Error reporting is configured only when SENTRY_DSN is set, and sends no personal data."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django; django.setup(); import sentry_sdk; c = sentry_sdk.get_client();"
    "print(c.is_active(), c.options.get('send_default_pii'), c.options.get('max_request_body_size'))"
)


def _probe(**env):
    clean = {k: v for k, v in os.environ.items() if k != "SENTRY_DSN"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "directory.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_no_dsn_no_error_reporting():
    assert _probe()[0] == "False"


def test_a_dsn_turns_on_error_reporting_without_personal_data():
    # A loopback DSN: nothing is sent unless an error happens.
    assert _probe(SENTRY_DSN="http://public@127.0.0.1:9/1") == ["True", "False", "never"]
