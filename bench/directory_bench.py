#!/usr/bin/env python
"""Benchmark /firms/ on 100,000 synthetic firms: median and p95 server time per request.

Usage (from the repository root, with the project's virtualenv):

    .venv/bin/python bench/directory_bench.py                       # SQLite: var/bench/directory.sqlite3
    .venv/bin/python bench/directory_bench.py --database-url postgres://postgres@127.0.0.1:5432/gagyo_bench

The database is a separate one, never the app's: it is migrated, given the reference data and
filled with synthetic firms (``generate_synthetic_firms``) until it holds ``--firms`` of them; a
second run reuses it. Requests go through Django's test Client in-process, so the figures are
server time (URL routing, views, queries, templates) without network or a web server.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "var" / "bench" / "directory.sqlite3"

SCENARIOS = [
    ("unfiltered", {}),
    ("one filter (specialty=ai, with children)", {"specialty": "ai"}),
    ("Korean q, 3 Hangul chars (q=로보틱)", {"q": "로보틱"}),
    ("Korean q, rare (q=솔빛누)", {"q": "솔빛누"}),
    ("q + filter + sort (q=클라우, market=CN, sort=newest)",
     {"q": "클라우", "market": "CN", "sort": "newest"}),
    ("page 200 (unfiltered)", {"page": "200"}),
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}"),
        help="Database to fill and measure (default: a separate SQLite file under var/bench/).",
    )
    parser.add_argument("--firms", type=int, default=100_000, help="Synthetic firms wanted.")
    parser.add_argument("--repeats", type=int, default=30, help="Timed requests per scenario.")
    parser.add_argument("--warmup", type=int, default=3, help="Untimed requests first.")
    return parser.parse_args()


def ensure_postgres_database(url: str) -> None:
    """Create the PostgreSQL benchmark database when it does not exist yet."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    params = {
        "host": cfg.get("HOST") or None,
        "port": cfg.get("PORT") or None,
        "user": cfg.get("USER") or None,
        "password": cfg.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if not exists.fetchone():
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> int:
    args = parse_args()
    if args.database_url.startswith("sqlite"):
        DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    elif args.database_url.startswith("postgres"):
        ensure_postgres_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from directory.firms.models import Firm
    from directory.search.models import FirmSearchDocument

    call_command("migrate", verbosity=0)
    have = Firm.objects.filter(slug__startswith="synthetic-").count()
    if have < args.firms:
        print(f"Generating {args.firms - have} synthetic firms (have {have})…", flush=True)
        started = time.perf_counter()
        call_command("generate_synthetic_firms", args.firms - have, verbosity=0)
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    if FirmSearchDocument.objects.count() < Firm.objects.count():
        # A database filled by an older generate_synthetic_firms, which did not index.
        print("Rebuilding the search index…", flush=True)
        call_command("rebuild_search_index", verbosity=0)
    with connection.cursor() as cursor:
        # Fresh planner statistics; on PostgreSQL VACUUM also sets the visibility map, without
        # which counts cannot use index-only scans right after a bulk load.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    total = Firm.objects.count()
    published = Firm.objects.published().count()
    client = Client()
    print()
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"Firms: {total:,} ({published:,} published)")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {args.repeats} timed requests each")
    print()
    # Wall time is what a visitor waits; CPU time (this process, which includes SQLite's work
    # but not PostgreSQL's) is steadier when other jobs share the machine.
    print(f"Load average before: {os.getloadavg()[0]:.1f}")
    print()
    # With a search, every timed request is the first for that search (the facet index's
    # remembered searches are emptied before it); "again" is the same request repeated, which
    # the facet index answers without running the search (another page, sort or filter of the
    # same search costs the same).
    from directory.search.facet_index import current_index

    print(
        "| /firms/ request | results | queries | median ms | p95 ms | median CPU ms | again: median ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, params in SCENARIOS:
        searched = bool(params.get("q"))
        for _ in range(args.warmup):
            response = client.get("/firms/", params)
            assert response.status_code == 200, (label, response.status_code)
        counter = QueryCounter()
        current_index().searches.clear()
        with connection.execute_wrapper(counter):
            response = client.get("/firms/", params)
        timings = []
        cpu = []
        again = []
        for _ in range(args.repeats):
            current_index().searches.clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get("/firms/", params)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200
            if searched:
                started = time.perf_counter()
                client.get("/firms/", params)
                again.append((time.perf_counter() - started) * 1000)
        found = re.search(r'class="result-count">[^\d<]*([\d,]+)', response.content.decode())
        results = found.group(1) if found else "?"
        print(
            f"| {label} | {results} | {counter.count} | {statistics.median(timings):.0f} "
            f"| {percentile(timings, 95):.0f} | {statistics.median(cpu):.0f} "
            f"| {f'{statistics.median(again):.0f}' if again else '—'} |",
            flush=True,
        )
    # The facet index is rebuilt on the first request after any change to firms or links.
    from directory.search import facet_index

    rebuilds = []
    for _ in range(3):
        facet_index.clear()
        started = time.perf_counter()
        client.get("/firms/")
        rebuilds.append((time.perf_counter() - started) * 1000)
    print(f"\nFirst request after a data change (facet index rebuilt): median "
          f"{statistics.median(rebuilds):.0f} ms of {len(rebuilds)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
