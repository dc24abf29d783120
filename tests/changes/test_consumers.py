"""Every derived structure sees a write it was not told about (QuerySet.update(), bulk_create),
through the change log, and applies one edited firm without a rebuild."""

import pytest

from directory.changes import log
from directory.changes.models import Cursor
from directory.firms.models import Firm, Specialty
from directory.matching import profiles
from directory.search import facet_index, freshness
from directory.search.models import FirmSearchDocument
from directory.search.services import search_firms
from tests.factories import make_firm, make_specialty

pytestmark = pytest.mark.django_db


def found(q: str) -> set[str]:
    return set(search_firms(Firm.objects.all(), q).values_list("slug", flat=True))


def test_search_sees_an_update_without_save():
    firm = make_firm(slug="quiet", name_ko="조용한기업")
    assert found("조용한") == {"quiet"}
    Firm.objects.filter(pk=firm.pk).update(name_ko="시끄러운기업")
    assert found("시끄러운") == {"quiet"}
    assert found("조용한") == set()


def test_search_sees_bulk_created_firms():
    Firm.objects.bulk_create([Firm(slug="bulk-made", name_ko="일괄생성기업", is_published=True)])
    assert found("일괄생성") == {"bulk-made"}


def test_search_sees_a_specialty_renamed_by_update():
    specialty = make_specialty(name_ko="옛분야")
    make_firm(slug="holder", specialties=[specialty])
    assert found("옛분야") == {"holder"}
    Specialty.objects.filter(pk=specialty.pk).update(name_ko="새분야이름")
    assert found("새분야이름") == {"holder"}


def test_search_documents_share_one_cursor_that_follows_the_log():
    make_firm()
    freshness.sync()
    assert Cursor.objects.get(name=freshness.CURSOR).position == log.latest()


def test_a_firm_deleted_by_queryset_leaves_no_document():
    firm = make_firm(slug="gone", name_ko="사라질기업")
    freshness.sync()
    Firm.objects.filter(pk=firm.pk).delete()
    assert found("사라질") == set()
    assert not FirmSearchDocument.objects.filter(pk=firm.pk).exists()


def directory_count(client, **params) -> int:
    return client.get("/firms/", params).context["paginator"].count


def test_directory_counts_see_an_update_and_patch_instead_of_rebuilding(client, monkeypatch):
    ai = make_specialty(slug="ai", name_ko="인공지능")
    firms = [make_firm(specialties=[ai]) for _ in range(3)]
    assert directory_count(client, specialty="ai") == 3
    builds = []
    original = facet_index.FacetIndex.build.__func__
    monkeypatch.setattr(
        facet_index.FacetIndex,
        "build",
        classmethod(lambda cls: builds.append(1) or original(cls)),
    )
    Firm.objects.filter(pk=firms[0].pk).update(is_published=False)
    assert directory_count(client, specialty="ai") == 2
    firms[1].specialties.clear()
    assert directory_count(client, specialty="ai") == 1
    Firm.objects.filter(pk=firms[0].pk).update(is_published=True, name_ko="돌아온기업")
    assert directory_count(client, specialty="ai") == 2
    assert directory_count(client, q="돌아온") == 1
    assert builds == []  # every change was patched in


def test_a_patched_index_equals_a_fresh_build():
    ai = make_specialty(slug="ai")
    firms = [make_firm(specialties=[ai], markets=["CN"]) for _ in range(12)]
    facet_index.current_index()
    Firm.objects.filter(pk__in=[f.pk for f in firms[:10]]).update(size_band="10-49")
    firms[11].target_markets.clear()
    Firm.objects.filter(pk=firms[5].pk).delete()
    patched = facet_index.current_index()
    fresh = facet_index.FacetIndex.build()
    assert patched.published == fresh.published
    for field in ("specialty", "cluster", "market", "size"):
        nonzero = {k: v for k, v in getattr(patched, field).items() if v}
        assert nonzero == {k: v for k, v in getattr(fresh, field).items() if v}, field


def test_matching_sees_an_update_and_rereads_only_that_firm(monkeypatch):
    firm = make_firm(name_en="Old name")
    other = make_firm(name_en="Untouched")
    assert profiles.get_profile(firm.pk).name_en == "Old name"
    read = []
    original = profiles.build_profiles
    monkeypatch.setattr(
        profiles,
        "build_profiles",
        lambda *a, **kw: read.append(kw.get("pks")) or original(*a, **kw),
    )
    Firm.objects.filter(pk=firm.pk).update(name_en="New name")
    assert profiles.get_profile(firm.pk).name_en == "New name"
    assert profiles.get_profile(other.pk).name_en == "Untouched"
    assert read == [frozenset({firm.pk})]
    Firm.objects.filter(pk=firm.pk).update(is_published=False)
    assert profiles.get_profile(firm.pk) is None


def test_nothing_is_rebuilt_without_a_change(django_assert_num_queries):
    make_firm()
    facet_index.current_index()
    profiles.get_index()
    with django_assert_num_queries(2):  # the newest change id, once for each
        facet_index.current_index()
        profiles.get_index()


def test_a_few_edited_firms_are_patched_into_a_large_match_index_at_once(settings):
    """Above the background limit, an edit of a few firms is still applied at once: it patches
    the index (no rebuild, no thread), so the next match already sees it."""
    settings.GAGYO_MATCHING_BACKGROUND_ABOVE = 0
    firm = make_firm(name_en="Old name")
    other = make_firm(name_en="Other")
    index = profiles.get_index()
    Firm.objects.filter(pk=firm.pk).update(name_en="New name")
    patched = profiles.get_index()
    assert patched is not index and patched.overlay_size == 1
    assert profiles.get_profile(firm.pk).name_en == "New name"
    assert profiles.get_profile(other.pk).name_en == "Other"
    assert len(patched) == len(index)
    Firm.objects.filter(pk=firm.pk).update(is_published=False)
    assert profiles.get_profile(firm.pk) is None
    assert firm.pk not in {p.id for p in profiles.get_profiles()}


@pytest.mark.django_db(transaction=True)
def test_a_large_batch_rebuilds_a_large_match_index_in_the_background(settings):
    """Above the limits, the previous profiles keep answering while a thread applies the batch."""
    settings.GAGYO_MATCHING_BACKGROUND_ABOVE = 0
    settings.GAGYO_MATCHING_PATCH_LIMIT = 0
    firm = make_firm(name_en="Old name")
    assert profiles.get_profile(firm.pk).name_en == "Old name"
    Firm.objects.filter(pk=firm.pk).update(name_en="New name")
    assert profiles.get_profile(firm.pk).name_en == "Old name"  # no request waits
    profiles._profiles.wait()
    assert profiles.get_profile(firm.pk).name_en == "New name"


def test_warm_builds_every_index_before_the_first_request(client, django_assert_num_queries):
    from directory.warmup import warm

    make_firm(slug="warm", name_ko="미리준비기업")
    timings = warm()
    assert set(timings) >= {
        "facet index",
        "reference data",
        "match profiles",
        "duplicate pairs",
        "total",
    }
    # The first request finds everything built: the newest change id and the page.
    with django_assert_num_queries(2):
        client.get("/firms/")


@pytest.mark.django_db(transaction=True)
def test_a_new_day_rebuilds_a_large_match_index_in_the_background(settings):
    """ "Confirmed recently" moves with the date; a large index is rebuilt in a thread while
    matches keep the previous one, so the first match of the day does not wait."""
    import datetime

    settings.GAGYO_MATCHING_BACKGROUND_ABOVE = 0
    make_firm(name_en="Any")
    first = profiles._profiles.get()
    profiles._profiles.value = profiles.Profiles(
        first.day - datetime.timedelta(days=1), first.index
    )
    yesterday = profiles._profiles.value
    assert profiles.get_index() is first.index  # answered at once, with the previous index
    profiles._profiles.wait()
    assert profiles._profiles.value is not yesterday
    assert profiles._profiles.value.day == first.day


def test_warm_leaves_the_duplicate_pairs_to_their_page_above_the_limit(settings):
    """A very large directory does not hold the pair index in every server process unless the
    duplicates page is used (issue 13: memory per worker); up to the limit it is warmed."""
    from directory.warmup import warm
    from directory.workspace import duplicate_index

    make_firm(slug="warm-a", name_ko="미리준비기업")
    make_firm(slug="warm-b", name_ko="미리준비기업")
    settings.GAGYO_DUPLICATES_WARM_LIMIT = 1
    duplicate_index.clear()
    warm()
    assert duplicate_index._index.value is None
    settings.GAGYO_DUPLICATES_WARM_LIMIT = 2
    warm()
    assert duplicate_index._index.value is not None
    assert len(duplicate_index.current_pairs()) == 1
