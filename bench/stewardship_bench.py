"""Benchmark firm stewardship: importing 10,000 rows (time and peak memory) and the staff
firm list, an engagement's left-out page and the duplicates page with 10,000 firms.

Usage (its own SQLite file unless DATABASE_URL is set; PostgreSQL: set DATABASE_URL to an
empty database):
    GAGYO_VAR_DIR=/tmp/gagyo-steward .venv/bin/python bench/stewardship_bench.py \
        [--firms 10000] [--rows 10000] [--runs 15]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
os.environ.setdefault("GAGYO_TASKS_BACKEND", "immediate")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from directory.demo.firms import load_firms, load_reference_data  # noqa: E402
from directory.demo.management.commands.generate_synthetic_firms import (  # noqa: E402
    synthetic_name,
)
from directory.demo.partners import load_partners  # noqa: E402
from directory.firms.importing import jobs  # noqa: E402
from directory.firms.models import Firm, ImportJob, Specialty  # noqa: E402
from directory.partners.models import Engagement, OverseasPartner  # noqa: E402
from directory.workspace import tasks  # noqa: E402

SPECIALTIES = ["클라우드 서비스", "데이터센터", "AI 데이터", "산업 비전", "인증", "로보틱스"]


def sample_csv(rows: int, seed: int = 5) -> bytes:
    """``rows`` synthetic firms ([벤치]) in the sample file's columns, CP949 like Korean Excel."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["기업명", "영문명", "슬러그", "홈페이지", "전문분야", "설립연도", "직원수",
                     "목표시장", "요약", "담당자 이메일", "공개"])  # fmt: skip
    for i in range(rows):
        ko, en = synthetic_name(rng)
        writer.writerow(
            [
                ko.replace("[합성]", "[벤치]") + f" {i}",
                en.replace("[Synthetic]", "[Bench]") + f" {i}",
                f"bench-import-{i}",
                f"https://bench{i}.example",
                ";".join(rng.sample(SPECIALTIES, 2)),
                rng.randint(1990, 2024),
                rng.choice([3, 20, 120, 400]),
                rng.choice(["중국", "중국;미국", "일본"]),
                "벤치마크용 가상 기업",
                f"contact{i}@bench.example",
                rng.choice(["예", "아니오"]),
            ]
        )
    return buffer.getvalue().encode("cp949")


def measure_import(rows: int, user, trace: bool = False) -> None:
    """Time the three steps; memory is the process's peak RSS (``--trace-memory`` adds
    tracemalloc's peak of Python objects, which slows the import two to three times)."""
    data = sample_csv(rows)
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    job = jobs.start_job("bench.csv", data, user)
    read = time.perf_counter()
    tasks.plan_import.call(job.pk)
    planned = time.perf_counter()
    tasks.apply_import.call(job.pk)
    done = time.perf_counter()
    peak = 0
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    job = ImportJob.objects.get(pk=job.pk)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"import of {rows:,} rows ({len(data) / 1e6:.1f} MB CP949): read {read - start:.1f} s, "
        f"dry run {planned - read:.1f} s, apply (+ search index) {done - planned:.1f} s, "
        f"total {done - start:.1f} s; "
        + (f"peak traced Python memory {peak / 1e6:.0f} MB, " if trace else "")
        + f"process max RSS {rss:.0f} MB; counts {job.counts.get('create')} created, "
        f"{job.counts.get('rejected')} rejected, status {job.status}"
    )


def ensure_firms(total: int) -> None:
    missing = total - Firm.objects.count()
    if missing > 0:
        call_command("generate_synthetic_firms", missing, verbosity=0)


def timed(client: Client, url: str, runs: int) -> tuple[float, float, float]:
    start = time.perf_counter()
    assert client.get(url).status_code == 200, url
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return first, statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--trace-memory", action="store_true")
    parser.add_argument("--import-only", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    load_reference_data()
    load_firms()
    load_partners()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-steward", defaults={"is_staff": True}
    )
    print(f"database: {connection.vendor}")
    if not ImportJob.objects.filter(filename="bench.csv", status="applied").exists():
        measure_import(args.rows, user, args.trace_memory)
    if args.import_only:
        return
    ensure_firms(args.firms)
    tencent = OverseasPartner.objects.get(slug="tencent-cloud")
    if not tencent.seeks_specialties.exists():
        tencent.seeks_specialties.set(Specialty.objects.filter(slug__in=["cloud", "ai-data"]))
    visit = Engagement.objects.filter(partners=tencent).first()
    client = Client()
    client.force_login(user)
    print(f"firms={Firm.objects.count():,}")
    print("| page | first ms | median ms | p95 ms |\n|---|---|---|---|")
    for url in [
        "/staff/firms/",
        "/staff/firms/?q=클라우드",
        "/staff/firms/?published=no&incomplete=yes",
        "/staff/firms/?specialty=cloud&stale=yes",
        f"/staff/engagements/{visit.pk}/left-out/",
        f"/staff/engagements/{visit.pk}/left-out/?page=20",
        "/staff/firms/duplicates/",
        "/staff/firms/duplicates/?page=5",
    ]:
        first, median, p95 = timed(client, url, args.runs)
        print(f"| `{url}` | {first:.0f} | {median:.0f} | {p95:.0f} |")
    duplicates_after_changes(client, args.runs)


def duplicates_after_changes(client: Client, runs: int) -> None:
    """The duplicates page on the first request after each of ``runs`` firm edits (a rename
    that makes a pair, then one that undoes it) and after an archive and its undoing."""
    firms = list(Firm.objects.filter(is_archived=False).order_by("-pk")[: runs + 1])
    times = []
    for firm, model in zip(firms, firms[1:], strict=False):
        original = firm.name_ko
        for name in (model.name_ko + "2", original):
            Firm.objects.filter(pk=firm.pk).update(name_ko=name, updated_at=timezone.now())
            start = time.perf_counter()
            assert client.get("/staff/firms/duplicates/").status_code == 200
            times.append((time.perf_counter() - start) * 1000)
    for archived in (True, False):
        Firm.objects.filter(pk=firms[0].pk).update(is_archived=archived)
        start = time.perf_counter()
        client.get("/staff/firms/duplicates/")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(
        f"| `/staff/firms/duplicates/` first request after a firm edit ({len(times)} edits) "
        f"| {times[-1]:.0f} (max) | {statistics.median(times):.0f} | "
        f"{times[max(0, int(len(times) * 0.95) - 1)]:.0f} |"
    )


if __name__ == "__main__":
    main()
