"""Generate N clearly-labelled synthetic firms for benchmarks. Never part of the demo data."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from directory.demo.firms import load_reference_data
from directory.firms.models import Cluster, Country, Firm, SizeBand, Specialty
from directory.search.index import rebuild_index

SYNTHETIC_SLUG_PREFIX = "synthetic-"
KO_PREFIX = "[합성]"
EN_PREFIX = "[Synthetic]"

# Syllables for Korean-looking names; the romanisation gives the English name.
SYLLABLES = [
    ("가", "ga"), ("나", "na"), ("다", "da"), ("라", "ra"), ("마", "ma"), ("바", "ba"),
    ("사", "sa"), ("아", "a"), ("자", "ja"), ("차", "cha"), ("카", "ka"), ("타", "ta"),
    ("파", "pa"), ("하", "ha"), ("한", "han"), ("비", "bi"), ("전", "jeon"), ("솔", "sol"),
    ("빛", "bit"), ("누", "nu"), ("리", "ri"), ("온", "on"), ("해", "hae"), ("별", "byeol"),
    ("미", "mi"), ("래", "rae"), ("소", "so"), ("프", "peu"), ("트", "teu"), ("넷", "net"),
    ("웍", "wok"), ("스", "seu"), ("테", "te"), ("크", "keu"), ("데", "de"), ("이", "i"),
]  # fmt: skip
SUFFIXES = [
    ("테크", "Tech"), ("랩스", "Labs"), ("시스템즈", "Systems"), ("소프트", "Soft"),
    ("AI", "AI"), ("클라우드", "Cloud"), ("로보틱스", "Robotics"), ("데이터", "Data"),
]  # fmt: skip
SUMMARIES = [
    ("합성 데이터: 벤치마크용 가상 기업", "Synthetic data: a fictitious firm for benchmarks"),
    ("합성 데이터: 실제 기업이 아님", "Synthetic data: not a real firm"),
]
SIZES = [value for value, _label in SizeBand.choices] + [""]


def synthetic_name(rng: random.Random) -> tuple[str, str]:
    parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))]
    suffix = rng.choice(SUFFIXES)
    ko = "".join(p[0] for p in parts) + suffix[0]
    en = "".join(p[1] for p in parts).capitalize() + " " + suffix[1]
    return f"{KO_PREFIX} {ko}", f"{EN_PREFIX} {en}"


class Command(BaseCommand):
    help = (
        "Create N synthetic firms (names prefixed [합성]/[Synthetic], slugs synthetic-…) with "
        "random specialties, markets, size and cluster. For benchmarks only."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many synthetic firms to create.")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (repeatable).")

    def handle(self, *args, count: int, batch_size: int, seed: int, **options):
        if count < 0:
            raise CommandError("count must be zero or more")
        load_reference_data()
        rng = random.Random(seed)
        specialties = list(Specialty.objects.values_list("pk", flat=True))
        countries = list(Country.objects.values_list("code", flat=True))
        clusters = list(Cluster.objects.all()) + [None]
        start = Firm.objects.filter(slug__startswith=SYNTHETIC_SLUG_PREFIX).count()
        now = timezone.now()
        created = 0
        while created < count:
            size = min(batch_size, count - created)
            with transaction.atomic():
                firms = []
                for i in range(start + created, start + created + size):
                    ko, en = synthetic_name(rng)
                    summary_ko, summary_en = rng.choice(SUMMARIES)
                    firms.append(
                        Firm(
                            slug=f"{SYNTHETIC_SLUG_PREFIX}{i + 1:07d}",
                            name_ko=ko,
                            name_en=en,
                            summary_ko=summary_ko,
                            summary_en=summary_en,
                            size_band=rng.choice(SIZES),
                            cluster=rng.choice(clusters),
                            founded_year=rng.randint(1990, 2025),
                            is_published=rng.random() < 0.95,
                            is_verified=rng.random() < 0.3,
                        )
                    )
                Firm.objects.bulk_create(firms, batch_size=500)
                if any(f.pk is None for f in firms):  # databases that return no ids
                    by_slug = dict(
                        Firm.objects.filter(slug__in=[f.slug for f in firms]).values_list(
                            "slug", "pk"
                        )
                    )
                    for firm in firms:
                        firm.pk = by_slug[firm.slug]
                # bulk_create stamps every row "now": spread the dates so sorting is realistic.
                for firm in firms:
                    firm.created_at = now - timedelta(days=rng.randint(0, 3650))
                    firm.updated_at = firm.created_at + timedelta(
                        days=rng.randint(0, max(0, (now - firm.created_at).days))
                    )
                Firm.objects.bulk_update(firms, ["created_at", "updated_at"], batch_size=500)
                links = []
                markets = []
                for firm in firms:
                    for specialty in rng.sample(specialties, rng.randint(1, 3)):
                        links.append(
                            Firm.specialties.through(firm_id=firm.pk, specialty_id=specialty)
                        )
                    for code in rng.sample(countries, rng.randint(0, 2)):
                        markets.append(
                            Firm.target_markets.through(firm_id=firm.pk, country_id=code)
                        )
                Firm.specialties.through.objects.bulk_create(links, batch_size=1000)
                Firm.target_markets.through.objects.bulk_create(markets, batch_size=1000)
            created += size
            self.stdout.write(f"{created}/{count} synthetic firms created")
        # bulk_create sends no signals: index the new firms the way an import does, so the
        # directory's search finds them.
        firms_indexed, _partners = rebuild_index()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created} synthetic firms; search index rebuilt ({firms_indexed} firms)."
            )
        )
