"""Matching benchmark: rank 100,000 SYNTHETIC firms for 24 briefs; report median and p95.

Usage (from the repository root):

    .venv/bin/python bench/matching_bench.py [--firms 100000] [--db var/bench_matching.sqlite3]

Uses its own SQLite file (never the app's database). The first run generates the synthetic
firms (a few minutes); later runs reuse them. Measures, per brief, the server work of the match
page: the cache-version check, relationships, filters and ranking with the top 50 explained
("core"), and the whole page through Django's test client ("page": adds rendering).
"cold" is the first brief after the profile cache is dropped (profiles are rebuilt).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=100_000)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench_matching.sqlite3"))
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    os.environ["AXES_ENABLED"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench._synthetic_matching import generate
    from directory.firms.models import Firm, Specialty
    from directory.matching import profiles as profile_cache
    from directory.matching.scoring import Brief, Filters, parse_keywords
    from directory.matching.services import run_match
    from directory.partners.models import OverseasPartner

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    made = generate(args.firms)
    if made:
        print(f"generated {made} synthetic firms in {time.perf_counter() - t0:.1f} s")
    firm_count = Firm.objects.published().count()

    from django.contrib.auth import get_user_model

    from directory.firms.models import Country

    partner, _ = OverseasPartner.objects.get_or_create(
        slug="bench-partner",
        defaults={"name_ko": "벤치 파트너", "country": Country.objects.get(code="CN")},
    )
    if not partner.connections.exists():
        from directory.partners.models import Connection, Stage

        stages = [Stage.PROPOSED, Stage.MET, Stage.AGREEMENT, Stage.DORMANT]
        firm_ids = Firm.objects.published().order_by("?").values_list("id", flat=True)[:1000]
        Connection.objects.bulk_create(
            Connection(firm_id=f, partner=partner, stage=stages[n % 4])
            for n, f in enumerate(firm_ids)
        )
    specs = dict(Specialty.objects.values_list("slug", "id"))
    keyword_sets = [
        "검사",
        "클라우드 데이터센터",
        "security 인증",
        "비전 물류",
        "robot",
        "AI",
        "",
        "云计算",
    ]
    spec_sets = [
        ["industrial-vision"],
        ["cloud"],
        ["authentication", "anomaly-detection"],
        ["data-center", "cloud-services"],
        [],
        ["ai"],
        ["robotics"],
        ["ai-data", "ai"],
    ]
    briefs = []
    for i in range(24):
        briefs.append(
            {
                "specialties": [specs[s] for s in spec_sets[i % len(spec_sets)]],
                "keywords": keyword_sets[(i * 3) % len(keyword_sets)],
                "countries": ["CN"] if i % 2 == 0 else [],
                "partner": partner if i % 3 else None,
                "only_verified": i % 5 == 0,
                "exclude_connected": i % 7 == 0,
            }
        )

    def core(b: dict) -> None:
        brief = Brief(
            specialty_ids=frozenset(b["specialties"]),
            keywords=parse_keywords(b["keywords"]),
            country_codes=frozenset(b["countries"]),
            partner_id=b["partner"].pk if b["partner"] else None,
        )
        filters = Filters(
            only_verified=b["only_verified"],
            exclude_connected=b["exclude_connected"] and b["partner"] is not None,
        )
        run_match(brief, filters, limit=50)

    # Cold: profile cache dropped before each run.
    cold = []
    for i in range(args.cold_runs):
        profile_cache.clear_cache()
        t = time.perf_counter()
        core(briefs[i])
        cold.append((time.perf_counter() - t) * 1000)

    warm = []
    for b in briefs:
        t = time.perf_counter()
        core(b)
        warm.append((time.perf_counter() - t) * 1000)

    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True}
    )
    client = Client()
    client.force_login(user)
    page = []
    for b in briefs:
        params = [("specialties", s) for s in b["specialties"]]
        params += [("keywords", b["keywords"])] + [("countries", c) for c in b["countries"]]
        if b["partner"]:
            params.append(("partner", b["partner"].slug))
        if b["only_verified"]:
            params.append(("only_verified", "on"))
        if b["exclude_connected"]:
            params.append(("exclude_connected", "on"))
        query = urlencode(params)
        t = time.perf_counter()
        response = client.get(f"/staff/match/?{query}")
        page.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code

    # Edits: the next match re-reads the edited firm's profile (the change log) and patches it
    # into the ranking index (ProfileIndex.patched), then answers.
    after_edit = []
    for edited in Firm.objects.published().order_by("pk")[:10]:
        edited.save()
        t = time.perf_counter()
        core(briefs[0])
        after_edit.append((time.perf_counter() - t) * 1000)
    # The patch alone, one firm at a time, on an index already carrying 500 patched firms.
    from directory.matching import profiles as profile_cache

    index = profile_cache.get_index()
    live = index.live_profiles()
    index = index.patched(live[1000:1500], [])
    patch_one = []
    for n in range(20):
        t = time.perf_counter()
        index = index.patched([live[2000 + n * 37]], [])
        patch_one.append((time.perf_counter() - t) * 1000)

    def line(label: str, values: list[float]) -> str:
        return (
            f"| {label} | {len(values)} | {statistics.median(values):.0f} ms | "
            f"{percentile(values, 0.95):.0f} ms | {max(values):.0f} ms |"
        )

    import resource

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"firms: {firm_count}; peak memory of the benchmark process: {peak_mb:.0f} MB")
    print("| measure | briefs | median | p95 | max |")
    print("|---|---|---|---|---|")
    print(line("core, cold cache (profiles rebuilt)", cold))
    print(line("core, warm cache", warm))
    print(line("whole match page, warm cache", page))
    print(line("first match after an edit (that firm re-read and patched in)", after_edit))
    print(line("patching one firm into the index (500 patched before)", patch_one))


if __name__ == "__main__":
    main()
