"""`make run` serves the app as users see it (DEBUG off, own error pages, static files served);
`make dev` keeps debug mode."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _target(name: str) -> str:
    makefile = (ROOT / "Makefile").read_text()
    match = re.search(rf"^{name}:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert match, f"no {name} target"
    return match.group(1)


def test_make_run_is_without_debug_and_serves_static_files():
    recipe = _target("run")
    assert "DEBUG=0" in recipe and "runserver --insecure" in recipe


def test_make_dev_keeps_debug_mode():
    assert "DEBUG=1" in _target("dev")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_runserver_as_make_run_starts_it_shows_own_404_and_serves_css(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "directory.settings",
    }
    env.pop("TEST_DATABASE_NAME", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        status, body = _get(base + "/en/no-such-page/")
        assert status == 404
        assert "We could not find that page" in body
        assert "URLconf" not in body and "technical" not in body.lower()
        status, body = _get(base + "/zh-hans/no-such-page/")
        assert status == 404 and 'lang="zh-hans"' in body
        status, css = _get(base + "/static/css/gagyo.css")
        assert status == 200 and ":lang(ko)" in css
    finally:
        server.terminate()
        server.wait(timeout=30)
