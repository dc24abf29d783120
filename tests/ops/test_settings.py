"""Production mode refuses unsafe configuration; yes/no variables are parsed strictly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from directory import settings as gagyo_settings

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "Zq8-rT3_pL0vW9xY2mN5bC7dF1gH4jK6sA"


def _env(**overrides):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' fixture in this process.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(overrides)
    return env


def _run(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run("check", GAGYO_ENV="production", ALLOWED_HOSTS="gagyo.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run("check", GAGYO_ENV="production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production" in result.stderr


def test_production_refuses_debug():
    result = _run(
        "check",
        GAGYO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="gagyo.example.org",
        DEBUG="1",
    )
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


def test_unknown_environment_name_is_refused():
    result = _run("check", GAGYO_ENV="prod")
    assert result.returncode != 0
    assert "GAGYO_ENV='prod' is not understood" in result.stderr


def test_deploy_check_passes_with_production_settings_behind_https():
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        GAGYO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="gagyo.example.org",
        HTTPS="on",
    )
    assert result.returncode == 0, result.stderr


def test_development_needs_no_configuration():
    result = _run("check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["1", "true", "YES", " on "])
def test_env_bool_reads_yes(monkeypatch, value):
    monkeypatch.setenv("GAGYO_TEST_FLAG", value)
    assert gagyo_settings.env_bool("GAGYO_TEST_FLAG") is True


@pytest.mark.parametrize("value", ["0", "false", "No", "off", ""])
def test_env_bool_reads_no(monkeypatch, value):
    monkeypatch.setenv("GAGYO_TEST_FLAG", value)
    assert gagyo_settings.env_bool("GAGYO_TEST_FLAG", default=True) is False


@pytest.mark.parametrize("value", ["ture", "enabled", "2", "y e s"])
def test_env_bool_refuses_what_it_does_not_understand(monkeypatch, value):
    monkeypatch.setenv("GAGYO_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="GAGYO_TEST_FLAG"):
        gagyo_settings.env_bool("GAGYO_TEST_FLAG")


def test_env_int_refuses_non_numbers(monkeypatch):
    monkeypatch.setenv("GAGYO_TEST_NUMBER", "5MB")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        gagyo_settings.env_int("GAGYO_TEST_NUMBER", 1)


def test_a_typo_in_a_flag_stops_the_server():
    result = _run("check", SECURE_COOKIES="ture")
    assert result.returncode != 0
    assert "SECURE_COOKIES='ture' is not a yes/no value" in result.stderr


def test_https_turns_on_proxy_header_hsts_redirect_and_secure_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=_env(DJANGO_SETTINGS_MODULE="directory.settings", HTTPS="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "31536000",
        "True",
        "True",
    ]
