"""Quality check: hand-judged expectations on the article's firms, and a synthetic property."""

from __future__ import annotations

import random

import pytest

from directory.firms.models import Firm, Specialty
from directory.matching.scoring import Brief, FirmProfile, Taxonomy, normalize_text, rank
from directory.matching.services import run_match


def _ids(*slugs: str) -> frozenset[int]:
    return frozenset(Specialty.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def _ranking(brief: Brief) -> list[str]:
    slugs = dict(Firm.objects.values_list("pk", "slug"))
    return [slugs[r.firm_id] for r in run_match(brief, limit=10).results]


BRIEFS = {
    "cloud infrastructure": (["cloud", "data-center"], "클라우드 데이터센터 cloud"),
    "industrial inspection vision": (["industrial-vision"], "검사 inspection"),
    "security authentication": (["authentication"], "보안 인증"),
}


def _brief(name: str, **kw) -> Brief:
    specialties, keywords = BRIEFS[name]
    from directory.matching.scoring import parse_keywords

    return Brief(specialty_ids=_ids(*specialties), keywords=parse_keywords(keywords), **kw)


@pytest.mark.django_db
def test_cloud_infrastructure_brief_ranks_cloud_firms_above_hypernology(demo):
    ranking = _ranking(_brief("cloud infrastructure"))
    assert ranking.index("nhn-cloud") < ranking.index("hypernology")
    assert ranking.index("megazone-cloud") < ranking.index("hypernology")
    assert set(ranking[:2]) == {"nhn-cloud", "megazone-cloud"}


@pytest.mark.django_db
def test_industrial_inspection_vision_brief_ranks_hypernology_first(demo):
    assert _ranking(_brief("industrial inspection vision"))[0] == "hypernology"


@pytest.mark.django_db
def test_keyword_alone_finds_hypernology_for_inspection(demo):
    assert _ranking(Brief(keywords=("검사",)))[0] == "hypernology"


@pytest.mark.django_db
def test_security_authentication_brief_ranks_initech_first(demo):
    assert _ranking(_brief("security authentication"))[0] == "initech"


@pytest.mark.django_db
def test_rankings_hold_with_the_partner_and_china_as_target(demo):
    """With Tencent Cloud as partner (every demo firm already met it) and CN as market."""
    from directory.partners.models import OverseasPartner

    tencent = OverseasPartner.objects.get(slug="tencent-cloud")
    extra = {"partner_id": tencent.pk, "country_codes": frozenset({"CN"})}
    assert _ranking(_brief("security authentication", **extra))[0] == "initech"
    assert _ranking(_brief("industrial inspection vision", **extra))[0] == "hypernology"
    cloud = _ranking(_brief("cloud infrastructure", **extra))
    assert set(cloud[:2]) == {"nhn-cloud", "megazone-cloud"}


def test_exact_specialty_always_beats_an_otherwise_identical_firm_without_it():
    """Property check over many generated profiles and briefs (pure, no database)."""
    rng = random.Random(20261127)
    parents = list(range(1, 6))
    taxonomy_map: dict[int, int | None] = dict.fromkeys(parents)
    for child in range(10, 40):
        taxonomy_map[child] = rng.choice(parents)
    taxonomy = Taxonomy(taxonomy_map)
    all_ids = list(taxonomy_map)
    words = ["검사", "클라우드", "vision", "보안", "cloud", "인증", "데이터", "로봇"]
    for case in range(300):
        sought = rng.choice(all_ids)
        brief = Brief(
            specialty_ids=frozenset({sought, *rng.sample(all_ids, rng.randint(0, 2))}),
            keywords=tuple(rng.sample(words, rng.randint(0, 2))),
            country_codes=frozenset(rng.sample(["CN", "JP", "US"], rng.randint(0, 1))),
            partner_id=rng.choice([None, 1]),
        )
        # Not the sought specialty nor one of its children (a child counts as exact).
        others = frozenset(
            s
            for s in rng.sample(all_ids, rng.randint(0, 3))
            if s != sought and taxonomy_map.get(s) != sought
        )
        common = {
            "texts": {"summary_ko": normalize_text(" ".join(rng.sample(words, 2)))},
            "market_codes": frozenset(rng.sample(["CN", "JP", "US"], rng.randint(0, 2))),
            "completeness": rng.random(),
            "has_en": rng.random() < 0.5,
            "has_zh": rng.random() < 0.5,
            "confirmed_recently": rng.random() < 0.5,
            "relationship": rng.choice(["none", "pipeline"]),
        }
        # The one without the specialty gets the better name and id, so ties would favour it.
        without = FirmProfile(id=1, slug="a", name_ko="가", specialty_ids=others, **common)
        with_it = FirmProfile(
            id=2, slug="b", name_ko="하", specialty_ids=others | {sought}, **common
        )
        results = rank([without, with_it], brief, taxonomy=taxonomy)
        assert results[0].firm_id == 2, (case, brief, others)
        assert results[0].total > results[1].total
