"""The in-memory facet index gives exactly the counts the SQL facet queries give."""

import random

import pytest

from directory.firms.models import Firm, SizeBand
from directory.search import facet_index
from directory.search.facet_index import bits, members
from directory.search.filters import FilterOptions, FirmFilterSet, facet_counts
from directory.search.services import search_firms
from tests.factories import (
    make_cluster,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

pytestmark = pytest.mark.django_db

SIZES = [value for value, _label in SizeBand.choices] + [""]


@pytest.fixture
def world():
    rng = random.Random(7)
    ai = make_specialty(slug="ai", name_ko="인공지능")
    children = [make_specialty(slug=f"ai-{i}", parent=ai) for i in range(3)]
    security = make_specialty(slug="security", name_ko="보안")
    specialties = [ai, *children, security]
    clusters = [make_cluster(), make_cluster()]
    partner = make_partner(slug="tencent")
    firms = []
    for i in range(40):
        firm = make_firm(
            name_ko=rng.choice(["한빛", "누리", "솔빛"]) + f"데이터 {i}",
            specialties=rng.sample(specialties, rng.randint(0, 3)),
            markets=rng.sample(["CN", "US", "JP"], rng.randint(0, 2)),
            is_published=rng.random() < 0.85,
        )
        firm.cluster = rng.choice([*clusters, None])
        firm.size_band = rng.choice(SIZES)
        firm.save()
        firms.append(firm)
    make_engagement(partners=[partner], firms=firms[:12])
    make_engagement(partners=[partner], firms=firms[30:], is_public=False)
    return clusters


def sql_facets(params):
    """The reference: the SQL facet counts the directory used before the index."""
    options = FilterOptions.load()
    published = Firm.objects.published()
    q = params.get("q")
    searched = search_firms(published, q) if q else published
    filterset = FirmFilterSet(params, searched, options=options)
    return facet_counts(filterset, searched), filterset.qs.count()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"specialty": "ai"},
        {"specialty": "ai-1", "market": "CN"},
        {"q": "한빛"},
        {"q": "누리데이터", "size": SizeBand.choices[0][0]},
        {"q": "데이", "specialty": "security", "partner": "tencent"},
        {"partner": "tencent", "market": "US"},
    ],
)
def test_index_counts_equal_the_sql_counts(client, world, params):
    params = dict(params)
    if "cluster" not in params:
        params["cluster"] = world[0].slug if "market" in params else ""
    expected, expected_count = sql_facets(params)
    response = client.get("/firms/", params)
    assert response.context["result_count"] == expected_count
    shown = {group.name: {item.obj.pk if item.obj else item.label for item in group.items}
             for group in response.context["facet_groups"]}  # fmt: skip
    result = response.context["view"].result
    for name in ("specialty", "cluster", "market", "size", "partner"):
        want = {k: v for k, v in getattr(expected, name).items() if v and k is not None}
        got = {k: v for k, v in getattr(result.facets, name).items() if k is not None}
        assert got == want, name
    assert shown  # the sidebar is rendered from these counts


def test_bits_round_trip():
    ids = [0, 1, 7, 8, 9, 100, 4097, 99_999]
    assert members(bits(ids)) == ids
    assert members(0) == []


def test_index_notices_a_new_specialty_link(client, world):
    firm = Firm.objects.published().first()
    security = FilterOptions.load().specialty_by_slug["security"]
    firm.specialties.remove(security)
    before = client.get("/firms/", {"specialty": "security"}).context["result_count"]
    firm.specialties.add(security)  # no save(): only the link table changes
    after = client.get("/firms/", {"specialty": "security"}).context["result_count"]
    assert after == before + 1


def test_index_notices_an_unpublished_firm(client, world):
    before = client.get("/firms/").context["result_count"]
    firm = Firm.objects.published().first()
    firm.is_published = False
    firm.save()
    assert client.get("/firms/").context["result_count"] == before - 1
    facet_index.clear()
    assert client.get("/firms/").context["result_count"] == before - 1


def sql_order(q, sort_fields):
    queryset = search_firms(Firm.objects.published(), q) if q else Firm.objects.published()
    return [firm.slug for firm in queryset.order_by(*sort_fields)]


@pytest.mark.parametrize(
    "q, sort, fields",
    [
        ("데이터", "", ("search_rank", "name_ko", "pk")),
        ("한빛데이터", "", ("search_rank", "name_ko", "pk")),
        ("ㅎㅂ", "", ("search_rank", "name_ko", "pk")),
        ("", "", ("name_ko", "pk")),
        ("", "newest", ("-created_at", "-pk")),
        ("데이", "updated", ("-updated_at", "-pk")),
    ],
)
@pytest.mark.parametrize("sort_small", [2000, 0], ids=["sorted", "walked"])
def test_pages_follow_the_sql_order(client, settings, monkeypatch, q, sort, fields, sort_small):
    monkeypatch.setattr(facet_index, "SORT_SMALL", sort_small)
    settings.FIRMS_PER_PAGE = 4
    make_firm(slug="exact", name_ko="한빛데이터")
    make_firm(slug="prefix", name_ko="한빛데이터랩")
    make_firm(slug="alias", name_ko="다른이름", aliases="한빛데이터")
    for i in range(9):
        make_firm(slug=f"other-{i}", name_ko=f"누리한빛데이터 {9 - i}")
    make_firm(slug="hidden", name_ko="한빛데이터", is_published=False)
    expected = sql_order(q, fields)
    shown = []
    page = 1
    while True:
        response = client.get("/firms/", {"q": q, "sort": sort, "page": page})
        shown += [firm.slug for firm in response.context["firms"]]
        if not response.context["page_obj"].has_next():
            break
        page += 1
    assert shown == expected
    assert "hidden" not in shown


@pytest.mark.parametrize("q", ["데이", "한", "ㅎㅂ", "ㄴ", "1", "12", "ai", "인공"])
def test_short_queries_find_what_search_firms_finds(client, settings, world, q):
    settings.FIRMS_PER_PAGE = 100
    make_firm(slug="digits", name_ko="숫자 12 기업")
    expected = {firm.slug for firm in search_firms(Firm.objects.published(), q)}
    shown = {firm.slug for firm in client.get("/firms/", {"q": q}).context["firms"]}
    assert shown == expected


def test_versioned_cache_builds_once_per_version(monkeypatch):
    built = []
    cache = facet_index.VersionedCache(lambda version: built.append(version) or f"value {version}")
    assert cache.get(1) == "value 1"
    assert cache.get(1) == "value 1"
    assert built == [1]
    assert cache.get(2) == "value 2"
    assert built == [1, 2]
    # Too old: rebuilt even though the version did not change.
    monkeypatch.setattr(facet_index, "MAX_AGE", -1)
    cache.get(2)
    assert built == [1, 2, 2]
    cache.clear()
    monkeypatch.setattr(facet_index, "MAX_AGE", 600)
    cache.get(2)
    assert built == [1, 2, 2, 2]


def test_the_index_remembers_only_the_most_recent_searches(monkeypatch):
    monkeypatch.setattr(facet_index, "SEARCH_CACHE_SIZE", 2)
    index = facet_index.FacetIndex(version=())
    runs = []

    def find(key):
        return lambda: runs.append(key) or f"hits of {key}"

    assert index.remember("a", find("a")) == "hits of a"
    assert index.remember("a", find("a")) == "hits of a"
    index.remember("b", find("b"))
    index.remember("a", find("a"))  # "a" is now the most recent
    index.remember("c", find("c"))  # evicts "b", the least recent
    index.remember("a", find("a"))
    index.remember("b", find("b"))
    assert runs == ["a", "b", "c", "b"]
