#!/usr/bin/env python
"""Benchmark /api/firms/?q=… beside /firms/?q=… on 100,000 synthetic firms, back to back.

Both go through the same search path (directory/search/directory_search.py); the API pages
20 cards as JSON, the page 24 cards as HTML with the facet sidebar. Same database and set-up
as bench/directory_bench.py (a separate database filled by ``generate_synthetic_firms``):

    .venv/bin/python bench/api_bench.py
    .venv/bin/python bench/api_bench.py --database-url postgres://postgres@127.0.0.1:5432/gagyo_bench

Every timed request is the first for its search (the facet index's remembered searches are
emptied before it), as in the directory benchmark; "again" repeats it (the next page).
Figures: docs/perf/api.md.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.directory_bench import (  # noqa: E402
    DEFAULT_SQLITE,
    QueryCounter,
    ensure_postgres_database,
    parse_args,
    percentile,
)

SCENARIOS = [
    ("unfiltered", {}),
    ("Korean q, 3 Hangul chars (q=로보틱)", {"q": "로보틱"}),
    ("Korean q, rare (q=솔빛누)", {"q": "솔빛누"}),
    ("Korean q, 2 chars (q=로봇)", {"q": "로봇"}),
    ("q + filter + sort (q=클라우, market=CN, sort=newest)",
     {"q": "클라우", "market": "CN", "sort": "newest"}),
]  # fmt: skip


def main() -> int:
    args = parse_args()
    if args.database_url.startswith("sqlite"):
        DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    elif args.database_url.startswith("postgres"):
        ensure_postgres_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    os.environ["DEBUG"] = "0"
    os.environ["API_THROTTLE_ANON"] = "1000000/minute"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from directory.firms.models import Firm
    from directory.search.facet_index import current_index
    from directory.search.models import FirmSearchDocument

    call_command("migrate", verbosity=0)
    have = Firm.objects.filter(slug__startswith="synthetic-").count()
    if have < args.firms:
        print(f"Generating {args.firms - have} synthetic firms (have {have})…", flush=True)
        call_command("generate_synthetic_firms", args.firms - have, verbosity=0)
    if FirmSearchDocument.objects.count() < Firm.objects.count():
        call_command("rebuild_search_index", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    client = Client()
    print(f"Database: {connection.vendor}; firms: {Firm.objects.count():,}")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {args.repeats} timed requests each; "
          f"load average before: {os.getloadavg()[0]:.1f}")  # fmt: skip
    print()
    print("| request | results | API queries | API median ms | API p95 | page median ms "
          "| page p95 | API again ms |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, params in SCENARIOS:
        for _ in range(args.warmup):
            assert client.get("/api/firms/", params).status_code == 200
            assert client.get("/firms/", params).status_code == 200
        counter = QueryCounter()
        current_index().searches.clear()
        with connection.execute_wrapper(counter):
            response = client.get("/api/firms/", params)
        results = response.json()["count"]
        api, page, again = [], [], []
        for _ in range(args.repeats):
            # Alternate API and page so that drifts in machine speed hit both alike.
            current_index().searches.clear()
            started = time.perf_counter()
            assert client.get("/api/firms/", params).status_code == 200
            api.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            client.get("/api/firms/", params)
            again.append((time.perf_counter() - started) * 1000)
            current_index().searches.clear()
            started = time.perf_counter()
            assert client.get("/firms/", params).status_code == 200
            page.append((time.perf_counter() - started) * 1000)
        print(
            f"| {label} | {results:,} | {counter.count} | {statistics.median(api):.0f} "
            f"| {percentile(api, 95):.0f} | {statistics.median(page):.0f} "
            f"| {percentile(page, 95):.0f} | {statistics.median(again):.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
