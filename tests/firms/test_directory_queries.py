"""Query discipline: the directory pages run a fixed number of queries however much they show."""

import pytest

from directory.search import freshness
from tests.factories import (
    make_cluster,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

pytestmark = pytest.mark.django_db

# Warm, a directory page runs two queries: the newest change id and the page's firms (their
# specialties, markets and cluster come from the facet index and the cached filter values).
# Cold, the facet index is built (three queries, and one for the sort order on first use) and the
# reference data loaded (four for the filter values, one for the public participations of the
# partner facet). After a firm changed, the batch of changes is read once (one query), the
# search documents catch up (a fixed number of queries however many firms changed) and the
# index is patched: the changed firms are re-read (three queries) and the sort order read again.
# Counts and facets come from the index: no COUNT and no facet query.
LIST_QUERIES_WARM = 2
INDEX_BUILD = 4
INDEX_PATCH = 4
REFERENCE_LOAD = 5
CHANGES = 1
# savepoint, cursor (locked), delete, firms, their specialties, insert, cursor, release (and the
# savepoint of the nested reindex)
DOCUMENTS_SYNC = 10
LIST_QUERIES = LIST_QUERIES_WARM + INDEX_BUILD + REFERENCE_LOAD
SEARCH = 1  # a search finds its matches once, then the facet index remembers them
LEXICON = 1  # the first search after the taxonomy changed reads the specialty terms


def populate(n: int) -> None:
    parent = make_specialty()
    children = [make_specialty(parent=parent) for _ in range(3)]
    cluster = make_cluster()
    partner = make_partner()
    firms = [
        make_firm(specialties=children[: 1 + i % 3], markets=["CN", "US"][: 1 + i % 2])
        for i in range(n)
    ]
    for firm in firms:
        firm.cluster = cluster
        firm.save()
    make_engagement(partners=[partner], firms=firms)
    freshness.sync()  # as in a running site: the search documents are current


@pytest.mark.parametrize("n", [3, 30])
def test_firm_list_query_count_does_not_grow_with_the_page(
    client, settings, django_assert_num_queries, n
):
    settings.FIRMS_PER_PAGE = 50
    populate(n)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/firms/")
    assert len(response.context["firms"]) == n


@pytest.mark.parametrize("n", [3, 30])
def test_filtered_and_searched_list_has_the_same_query_count(
    client, settings, django_assert_num_queries, n
):
    settings.FIRMS_PER_PAGE = 50
    populate(n)
    params = {"q": "테스트", "market": "CN", "sort": "newest"}
    with django_assert_num_queries(LIST_QUERIES + LEXICON + SEARCH):
        response = client.get("/firms/", params)
    assert response.context["result_count"] > 0
    # The same search again (another filter, page or sort): remembered, no search query.
    with django_assert_num_queries(LIST_QUERIES_WARM):
        client.get("/firms/", {**params, "market": "US"})
    with django_assert_num_queries(LIST_QUERIES_WARM + SEARCH):
        client.get("/firms/", {**params, "q": "트기업"})  # another search


def test_a_remembered_search_sees_a_new_matching_firm(client):
    populate(3)
    assert client.get("/firms/", {"q": "테스트"}).context["result_count"] == 3
    make_firm()  # its name matches too
    assert client.get("/firms/", {"q": "테스트"}).context["result_count"] == 4


def test_facet_index_is_reused_until_a_firm_changes(client, django_assert_num_queries):
    populate(3)
    client.get("/firms/")
    with django_assert_num_queries(LIST_QUERIES_WARM):
        response = client.get("/firms/")
    assert response.context["result_count"] == 3
    make_firm()
    with django_assert_num_queries(LIST_QUERIES_WARM + CHANGES + DOCUMENTS_SYNC + INDEX_PATCH):
        response = client.get("/firms/")
    assert response.context["result_count"] == 4


def test_reference_data_is_reloaded_without_rebuilding_the_index(client, django_assert_num_queries):
    populate(3)
    client.get("/firms/")
    make_partner()  # a reference table changed, the firms did not
    # (the partner's search document catches up: savepoints, cursor, delete, read, insert)
    with django_assert_num_queries(LIST_QUERIES_WARM + CHANGES + REFERENCE_LOAD + 9):
        client.get("/firms/")
    with django_assert_num_queries(LIST_QUERIES_WARM):
        client.get("/firms/")


@pytest.mark.parametrize("n", [1, 4])
def test_profile_query_count_is_fixed(client, django_assert_num_queries, n):
    firm = make_firm(specialties=[make_specialty(), make_specialty()], markets=["CN"])
    for _ in range(n):
        make_engagement(partners=[make_partner(), make_partner()], firms=[firm])
    # firm + specialties + markets, participations + their partners
    with django_assert_num_queries(5):
        response = client.get(firm.get_absolute_url())
    assert len(response.context["participations"]) == n


@pytest.mark.parametrize("n", [1, 12])
def test_partner_page_query_count_is_fixed(client, django_assert_num_queries, n):
    partner = make_partner(seeks=[make_specialty()])
    firms = [make_firm(specialties=[make_specialty()], markets=["CN"]) for _ in range(n)]
    make_engagement(partners=[partner], firms=firms)
    make_engagement(partners=[partner], firms=firms[:1])
    # partner + sought, engagements + organisers, firms + specialties + markets
    with django_assert_num_queries(7):
        response = client.get(partner.get_absolute_url())
    assert len(response.context["firms"]) == n


@pytest.mark.parametrize("n", [2, 20])
def test_partner_list_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_partner()
    # countries, count, page
    with django_assert_num_queries(3):
        client.get("/partners/")


def test_home_query_count_is_fixed(client, django_assert_num_queries, demo):
    client.get("/")  # the facet index and the reference data are built (warm-up does it)
    # the newest change id (firm and specialty counts come from the facet index), partner and
    # engagement counts, the recent engagements and their partners
    with django_assert_num_queries(5):
        client.get("/")
