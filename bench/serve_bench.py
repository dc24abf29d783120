"""No request waits for an index (issue 13, part 3): the production stack at 100,000 firms.

Starts the stack exactly as ``make serve`` does (``scripts/serve.sh``: gunicorn with
``preload_app``, the indexes warmed in the master before the workers fork) on a benchmark
database, then measures what a visitor would wait for:

- **start**: seconds from launching the server until ``/healthz`` answers (migrations,
  collectstatic and the warm-up included), and the warm-up's own log line;
- **first requests after start**: the first ``--probe`` requests of each page (the directory,
  a broad search, a filter, a Chinese search, the staff match page) — with several workers,
  the first few requests reach different workers, so the slowest of them is each worker's
  first;
- **first requests after an edit**: a firm is saved (through the ORM, as the workspace does;
  the change log's triggers record it), then the same pages are requested again at once:
  each worker applies the change to its indexes before answering (the facet index and search
  incrementally; the match profiles in the background above
  ``GAGYO_MATCHING_BACKGROUND_ABOVE`` firms while the old profiles keep serving). Repeated
  ``--edits`` times; the median and the worst are reported;
- **memory**: resident memory (RSS) and proportional set size (PSS: shared pages split between
  the processes that share them) of each worker after all of the above.

Usage (the database must already hold the synthetic firms, e.g. from ``bench/directory_bench.py``)::

    .venv/bin/python bench/serve_bench.py                       # var/bench/directory.sqlite3
    .venv/bin/python bench/serve_bench.py --database-url postgres://postgres@127.0.0.1:5432/gagyo_bench_directory
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import platform
import re
import secrets
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SQLITE = ROOT / "var" / "bench" / "directory.sqlite3"

PAGES = [
    ("directory", "/firms/"),
    ("search 데이터 (broad)", "/firms/?q=%EB%8D%B0%EC%9D%B4%ED%84%B0"),
    ("filter specialty=ai", "/firms/?specialty=ai"),
    ("search 云 (zh)", "/zh-hans/firms/?q=%E4%BA%91%E8%AE%A1%E7%AE%97"),
    ("staff match (keywords)", "/staff/match/?keywords=cloud+data"),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--probe", type=int, default=6, help="first requests timed per page")
    parser.add_argument("--edits", type=int, default=5, help="edit-then-request rounds")
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def staff_account(password: str) -> str:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench-serve-staff", defaults={"email": "bench-serve-staff@example.invalid"}
    )
    user.is_staff = True
    user.set_password(password)
    user.save()
    return user.username


class Browser:
    """A visitor with cookies (urllib; no third-party client needed)."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, float]:
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=120) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        return status, (time.perf_counter() - started) * 1000

    def log_in(self, username: str, password: str) -> None:
        with self.opener.open(self.base + "/accounts/login/") as response:
            html = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            self.base + "/accounts/login/", data=data, headers={"Referer": self.base + "/"}
        )
        with self.opener.open(request) as response:
            response.read()
        status, _ = self.get("/staff/")
        if status != 200:
            raise SystemExit(f"staff log-in failed (/staff/ answered {status})")


def workers_of(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def memory_mb(pid: int) -> tuple[float, float, float]:
    """(RSS, PSS, USS) in MB. RSS counts every page the process maps, also those it shares
    with the master and the other workers (copy-on-write after the fork); PSS splits shared
    pages between the processes sharing them; USS is what the process alone holds."""
    values = {"Private_Clean": 0.0, "Private_Dirty": 0.0}
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                values[name] = int(rest.split()[0]) / 1024
    return values["Rss"], values["Pss"], values["Private_Clean"] + values["Private_Dirty"]


def describe(memory: list[tuple[float, float, float]]) -> str:
    return ", ".join(f"RSS {r:.0f} / PSS {p:.0f} / USS {u:.0f} MB" for r, p, u in memory)


def gunicorn_master(serve_pid: int) -> int:
    """serve.sh execs gunicorn, so the shell's pid is the master's."""
    return serve_pid


def time_pages(browser: Browser, probe: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    for label, path in PAGES:
        for _ in range(probe):
            status, ms = browser.get(path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            timings.setdefault(label, []).append(ms)
    return timings


def edit_one_firm(round_no: int) -> str:
    from directory.firms.models import Firm

    firm = Firm.objects.filter(slug__startswith="synthetic-", is_published=True).order_by("pk")[
        round_no
    ]
    firm.summary_ko = f"{firm.summary_ko.split(' [벤치 편집')[0]} [벤치 편집 {round_no}]"
    firm.save()
    return firm.slug


def main() -> int:
    args = parse_args()
    setup_django(args.database_url)
    from django.db import connections

    from directory.firms.models import Firm

    total = Firm.objects.count()
    password = secrets.token_urlsafe(18)
    username = staff_account(password)
    connections.close_all()

    env = dict(
        os.environ,
        PORT=str(args.port),
        WEB_CONCURRENCY=str(args.workers),
        DATABASE_URL=args.database_url,
        GUNICORN_ACCESS_LOG="0",
        DB_CONN_MAX_AGE="60",
        AXES_ENABLED="0",
    )
    log_path = ROOT / "var" / "bench" / "serve_bench.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{args.port}"
    print(f"Database: {args.database_url.split('@')[-1]} — {total:,} firms")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {args.workers} gunicorn workers")
    print(f"Load average before: {os.getloadavg()[0]:.2f}")
    print()
    started = time.perf_counter()
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            ["sh", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        browser = Browser(base)
        for _ in range(600):
            try:
                if browser.get("/healthz")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if server.poll() is not None:
                raise SystemExit(f"the server stopped; see {log_path}")
            time.sleep(0.2)
        ready = time.perf_counter() - started
        warm_line = next(
            (line.strip() for line in log_path.read_text().splitlines() if "warmed" in line), ""
        )
        print(f"Start to /healthz: {ready:.1f} s (migrate, collectstatic, warm-up)")
        print(f"  {warm_line.split('] ')[-1] if warm_line else '(no warm-up line in the log)'}")
        master = gunicorn_master(server.pid)
        workers = workers_of(master)
        print(f"Master: {describe([memory_mb(master)])}")
        print(f"Workers after start: {describe([memory_mb(pid) for pid in workers])}")
        print()
        browser.log_in(username, password)

        first = time_pages(browser, args.probe)
        print(
            f"First {args.probe} requests of each page after start (ms; the slowest is some worker's first):"
        )
        for label, values in first.items():
            print(
                f"  {label:<28} "
                + " ".join(f"{v:6.0f}" for v in values)
                + f"   max {max(values):.0f}"
            )
        print()

        worst: dict[str, list[float]] = {}
        for round_no in range(args.edits):
            edit_one_firm(round_no)
            connections.close_all()
            after = time_pages(browser, args.probe)
            for label, values in after.items():
                worst.setdefault(label, []).append(max(values))
            time.sleep(1)
        print(
            f"After a firm edit: the slowest of the next {args.probe} requests of each page, "
            f"{args.edits} edits (ms):"
        )
        for label, values in worst.items():
            print(
                f"  {label:<28} median {statistics.median(values):6.0f}   worst {max(values):6.0f}"
            )
        print()
        # Let a background rebuild of the match profiles finish before reading memory.
        time.sleep(5)
        time_pages(browser, args.probe)
        memory = [memory_mb(pid) for pid in workers_of(master)]
        print(f"Workers after directory, search and matching use: {describe(memory)}")
        print(f"Master: {describe([memory_mb(master)])}")
        print(f"Load average after: {os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
