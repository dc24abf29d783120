"""Load the relevance corpus and measure search and matching against the labelled set.

Used by tests/relevance/test_relevance.py (which fails below the figures reached) and by
bench/relevance.py (which prints them, on SQLite or PostgreSQL).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from directory.demo.firms import load_firms, load_reference_data
from directory.firms.models import Firm, Specialty
from directory.matching import profiles
from directory.matching.scoring import Brief, parse_keywords
from directory.matching.services import run_match
from directory.search.index import rebuild_index
from directory.search.services import current_lexicon, ranked_objects

from .judgements import BRIEFS, CORE_ZH, DEMO_QUERIES, BriefCase, Query, synthetic_queries

SYNTHETIC_FIRMS = 400


def load_corpus(count: int = SYNTHETIC_FIRMS) -> None:
    """The demo firms and ``count`` firms of the synthetic search generator, with Chinese
    synonyms on the synthetic specialties; indexed. Idempotent."""
    from bench._synthetic_search import (
        CORES,
        specialty_slugs_for,
        synthetic_firm_rows,
        synthetic_specialties,
    )

    load_reference_data()
    load_firms()
    for row in synthetic_specialties():
        core = next(c for c in CORES if row["name_ko"].startswith(c))
        Specialty.objects.get_or_create(
            slug=row["slug"], defaults={**row, "synonyms": CORE_ZH[core]}
        )
    if Firm.objects.filter(slug__startswith="synthetic-").exists():
        return
    ids = dict(Specialty.objects.values_list("slug", "pk"))
    rows = list(synthetic_firm_rows(count))
    Firm.objects.bulk_create(Firm(**row) for row in rows)
    pks = dict(Firm.objects.filter(slug__startswith="synthetic-").values_list("slug", "pk"))
    through = Firm.specialties.through
    through.objects.bulk_create(
        [
            through(firm_id=pks[row["slug"]], specialty_id=ids[slug])
            for n, row in enumerate(rows)
            for slug in specialty_slugs_for(row["name_ko"], n)
        ],
        ignore_conflicts=True,
    )
    rebuild_index()
    profiles.clear_cache()


def expand(grades: dict[str, int]) -> dict[str, int]:
    """Grades by slug, with ``core:<word>`` (synthetic firms named with the word) and
    ``spec:<word>`` (synthetic firms holding one of the word's specialties) expanded."""
    from bench._synthetic_search import CORE_EN

    result: dict[str, int] = {}
    synthetic = Firm.objects.published().filter(slug__startswith="synthetic-")
    for key, grade in grades.items():
        if key.startswith("core:"):
            core = key[5:]
            for slug in synthetic.filter(name_ko__contains=core).values_list("slug", flat=True):
                result[slug] = max(result.get(slug, 0), grade)
        elif key.startswith("spec:"):
            prefix = f"synthetic-{CORE_EN[key[5:]].lower()}-"
            held = synthetic.filter(specialties__slug__startswith=prefix).distinct()
            for slug in held.values_list("slug", flat=True):
                result[slug] = max(result.get(slug, 0), grade)
        else:
            result[key] = max(result.get(key, 0), grade)
    return result


def precision_at(ranked: list[str], grades: dict[str, int], k: int = 5) -> float:
    """Relevant firms among the first k, out of min(k, relevant firms): 1.0 is the best
    possible whatever the number of relevant firms."""
    relevant = {slug for slug, grade in grades.items() if grade > 0}
    if not relevant:
        return 1.0
    return len(set(ranked[:k]) & relevant) / min(k, len(relevant))


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain with graded gains 2^grade - 1."""

    def dcg(values: Iterable[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values))

    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg(grades.get(slug, 0) for slug in ranked[:k]) / ideal if ideal else 1.0


@dataclass(frozen=True)
class Figures:
    precision: float  # mean precision@5
    ndcg: float  # mean nDCG@10
    count: int
    worst: list[tuple[str, float]]  # the lowest nDCG cases, to look at

    def line(self, name: str) -> str:
        return (
            f"{name:<9} {self.count:>3} cases  precision@5 {self.precision:.3f}  "
            f"nDCG@10 {self.ndcg:.3f}"
        )


def measure(cases: list, run: Callable[[object], list[str]], label) -> Figures:
    precisions, ndcgs = [], []
    for case in cases:
        grades = expand(case.grades)
        ranked = run(case)
        precisions.append(precision_at(ranked, grades))
        ndcgs.append(ndcg_at(ranked, grades))
    worst = sorted(zip((label(c) for c in cases), ndcgs, strict=True), key=lambda x: x[1])[:5]
    return Figures(sum(precisions) / len(precisions), sum(ndcgs) / len(ndcgs), len(cases), worst)


def search_ranking(query: Query) -> list[str]:
    _count, firms = ranked_objects(Firm.objects.published(), query.text, 10)
    return [firm.slug for firm in firms]


def match_ranking(case: BriefCase) -> list[str]:
    specialties = Specialty.objects.filter(slug__in=case.specialties).values_list("pk", flat=True)
    brief = Brief(
        specialty_ids=frozenset(specialties),
        keywords=parse_keywords(case.keywords, current_lexicon()),
        country_codes=frozenset(case.countries),
    )
    slugs = dict(Firm.objects.values_list("pk", "slug"))
    return [slugs[r.firm_id] for r in run_match(brief, limit=10).results]


def queries() -> list[Query]:
    return DEMO_QUERIES + synthetic_queries()


def evaluate() -> tuple[Figures, Figures]:
    """(search, matching) figures on the loaded corpus."""
    search = measure(queries(), search_ranking, lambda q: q.text)
    matching = measure(BRIEFS, match_ranking, lambda b: b.keywords or ",".join(b.specialties))
    return search, matching
