"""Benchmark the staff workspace pages on synthetic data.

Usage (uses its own SQLite file unless DATABASE_URL is set):
    GAGYO_VAR_DIR=/tmp/gagyo-bench .venv/bin/python bench/workspace.py [--firms 1000] [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from directory.demo.firms import load_reference_data  # noqa: E402
from directory.firms.models import Country, Firm, Specialty  # noqa: E402
from directory.partners.models import (  # noqa: E402
    OPEN_STAGES,
    Connection,
    Engagement,
    OverseasPartner,
    Participation,
)


def build(firms: int, partners: int, engagements: int) -> None:
    if Firm.objects.filter(slug__startswith="bench-").count() >= firms:
        return
    rng = random.Random(7)
    load_reference_data()
    specialties = list(Specialty.objects.all())
    country = Country.objects.get(code="CN")
    firm_objs = Firm.objects.bulk_create(
        Firm(slug=f"bench-{i}", name_ko=f"벤치기업 {i}", is_published=True) for i in range(firms)
    )
    through = Firm.specialties.through
    through.objects.bulk_create(
        through(firm_id=f.pk, specialty_id=s.pk)
        for f in firm_objs
        for s in rng.sample(specialties, 2)
    )
    partner_objs = OverseasPartner.objects.bulk_create(
        OverseasPartner(slug=f"bench-p{i}", name_ko=f"벤치파트너 {i}", country=country)
        for i in range(partners)
    )
    for p in partner_objs:
        p.seeks_specialties.set(rng.sample(specialties, 3))
    today = timezone.localdate()
    staff = list(get_user_model().objects.filter(is_staff=True))
    engagement_objs = Engagement.objects.bulk_create(
        Engagement(
            kind="briefing",
            title_ko=f"벤치 교류 {i}",
            date=today + timedelta(days=rng.randint(-400, 60)),
        )
        for i in range(engagements)
    )
    links, parts, connections, seen = [], [], [], set()
    for e in engagement_objs:
        p = rng.choice(partner_objs)
        links.append(Engagement.partners.through(engagement_id=e.pk, overseaspartner_id=p.pk))
        for f in rng.sample(firm_objs, 8):
            parts.append(Participation(engagement=e, firm=f))
            if (f.pk, p.pk) not in seen:
                seen.add((f.pk, p.pk))
                connections.append(
                    Connection(
                        firm=f,
                        partner=p,
                        stage=rng.choice(list(OPEN_STAGES) + ["agreement", "dormant"]),
                        owner=rng.choice(staff),
                        source_engagement=e,
                        next_step="bench",
                        due_date=today + timedelta(days=rng.randint(-20, 40)),
                    )
                )
    Engagement.partners.through.objects.bulk_create(links)
    Participation.objects.bulk_create(parts)
    Connection.objects.bulk_create(connections)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=1000)
    parser.add_argument("--partners", type=int, default=50)
    parser.add_argument("--engagements", type=int, default=300)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    User = get_user_model()
    for i in range(5):
        User.objects.get_or_create(username=f"bench-staff-{i}", defaults={"is_staff": True})
    build(args.firms, args.partners, args.engagements)
    client = Client()
    client.force_login(User.objects.get(username="bench-staff-0"))
    engagement = Engagement.objects.filter(title_ko__startswith="벤치").first()
    pages = [
        "/staff/",
        "/staff/partners/",
        "/staff/engagements/",
        "/staff/connections/",
        "/staff/connections/?status=overdue",
        "/staff/follow-ups/",
        f"/staff/engagements/{engagement.pk}/",
        f"/staff/engagements/{engagement.pk}/left-out/",
    ]
    print(
        f"firms={Firm.objects.count()} partners={OverseasPartner.objects.count()} "
        f"engagements={Engagement.objects.count()} connections={Connection.objects.count()} "
        f"participations={Participation.objects.count()}"
    )
    print("| page | median ms | p95 ms |\n|---|---|---|")
    for url in pages:
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"| `{url}` | {statistics.median(times):.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
