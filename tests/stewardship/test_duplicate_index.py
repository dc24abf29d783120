"""The duplicate pairs follow edits one firm at a time and always equal a computation from
scratch."""

from __future__ import annotations

import random

import pytest

from directory.firms import duplicates
from directory.firms.duplicates import FirmNames, PairIndex, find_pairs
from directory.firms.models import Firm
from directory.workspace import duplicate_index
from tests.factories import make_firm

SYLLABLES = "가나다라마바사한비전솔빛누리온해별"


def _as_tuples(pairs) -> list[tuple]:
    return [(p.a, p.b, tuple(p.reasons), p.similarity, p.shared) for p in pairs]


def _random_firm(rng: random.Random, pk: int) -> FirmNames:
    ko = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + "테크"
    return FirmNames(
        pk,
        ko,
        rng.choice(["", "Nuri Tech", "Nuri Techs", f"Firm {pk}", "Solbit"]),
        aliases=rng.choice(["", "", "누리테크"]),
        brn=rng.choice([None, None, None, "123-45-67890", "222-22-22222"]),
    )


def test_an_index_updated_after_many_edits_equals_one_built_from_scratch():
    rng = random.Random(7)
    firms = {pk: _random_firm(rng, pk) for pk in range(1, 301)}
    index = PairIndex.build(list(firms.values()))
    assert _as_tuples(index.sorted_pairs) == _as_tuples(find_pairs(list(firms.values())))
    for step in range(200):
        changed: dict[int, FirmNames | None] = {}
        for _ in range(rng.choice([1, 1, 3])):
            pk = rng.randint(1, 330)  # some new, some edited
            if rng.random() < 0.15:
                firms.pop(pk, None)
                changed[pk] = None  # archived or deleted
            else:
                firms[pk] = changed[pk] = _random_firm(rng, pk)
        index.update(changed)
        if step % 20 == 0 or step == 199:
            expected = find_pairs(list(firms.values()))
            assert _as_tuples(index.sorted_pairs) == _as_tuples(expected), step
    # Common trigrams crossed the MAX_POSTING bound both ways on the way.
    assert len(firms) > duplicates.MAX_POSTING


def test_a_trigram_that_becomes_common_stops_pairing_and_pairs_again_when_rare():
    base = [FirmNames(1, "솔빛누리테크", ""), FirmNames(2, "솔빛누리테크즈", "")]
    index = PairIndex.build(base)
    assert [(p.a, p.b) for p in index.sorted_pairs] == [(1, 2)]
    crowd = {pk: FirmNames(pk, f"솔빛누리테크{'가' * (pk % 7)}{pk}호", "") for pk in range(3, 80)}
    index.update(crowd)
    assert (1, 2) not in {(p.a, p.b) for p in index.sorted_pairs}
    assert _as_tuples(index.sorted_pairs) == _as_tuples(find_pairs([*base, *crowd.values()]))
    index.update(dict.fromkeys(crowd))
    assert [(p.a, p.b) for p in index.sorted_pairs] == [(1, 2)]


def _pairs_on_page(client) -> set[tuple[str, str]]:
    html = client.get("/staff/firms/duplicates/").content.decode()
    return {
        (a.slug, b.slug)
        for a in Firm.objects.all()
        for b in Firm.objects.all()
        if a.pk < b.pk and f"/staff/firms/merge/?survivor={a.slug}&amp;other={b.slug}" in html
    }


def _scratch() -> list[tuple]:
    return _as_tuples(find_pairs(duplicate_index.firm_names()))


@pytest.mark.django_db
def test_edits_show_and_remove_pairs_on_the_next_request(staff_client):
    a = make_firm(slug="nuri", name_ko="누리솔빛테크", name_en="Nuri Solbit")
    b = make_firm(slug="haebyeol", name_ko="해별미래소프트", name_en="Haebyeol Mirae")
    make_firm(slug="other", name_ko="온바다전자", name_en="Onbada")
    staff_client.get("/staff/firms/duplicates/")  # the index is built
    assert (a.pk, b.pk) not in {(p.a, p.b) for p in duplicate_index.current_pairs()}

    b.name_ko, b.name_en = "누리솔빛테크놀로지", "Nuri Solbit Tech"
    b.save()
    pairs = {(p.a, p.b) for p in duplicate_index.current_pairs()}
    assert (a.pk, b.pk) in pairs
    assert "haebyeol" in staff_client.get("/staff/firms/duplicates/").content.decode()
    assert _as_tuples(duplicate_index.current_pairs()) == _scratch()

    b.name_ko, b.name_en = "해별미래소프트", "Haebyeol Mirae"
    b.save()
    assert "haebyeol" not in staff_client.get("/staff/firms/duplicates/").content.decode()
    assert _as_tuples(duplicate_index.current_pairs()) == _scratch()

    b.name_ko = "누리솔빛테크"  # the same name again
    b.save()
    assert "haebyeol" in staff_client.get("/staff/firms/duplicates/").content.decode()
    Firm.objects.filter(pk=b.pk).update(is_archived=True)
    assert "haebyeol" not in staff_client.get("/staff/firms/duplicates/").content.decode()
    assert _as_tuples(duplicate_index.current_pairs()) == _scratch()

    Firm.objects.filter(pk=b.pk).update(is_archived=False)
    a.delete()
    assert duplicate_index.current_pairs() == [] == find_pairs(duplicate_index.firm_names())


@pytest.mark.django_db
def test_series_of_edits_through_the_orm_equals_pairs_from_scratch():
    rng = random.Random(5)
    firms = [make_firm(name_ko=_random_firm(rng, 0).name_ko) for _ in range(40)]
    duplicate_index.current_pairs()
    for step in range(30):
        firm = rng.choice(firms)
        new = _random_firm(rng, firm.pk)
        if step % 7 == 3:
            firm.is_archived = not firm.is_archived
        firm.name_ko, firm.name_en, firm.aliases = new.name_ko, new.name_en, new.aliases
        firm.save()
        if step % 5 == 0:
            make_firm(name_ko=rng.choice(firms).name_ko)
        assert _as_tuples(duplicate_index.current_pairs()) == _scratch(), step


@pytest.mark.django_db
def test_duplicates_page_query_count_is_fixed(staff_client, django_assert_num_queries):
    for i in range(3):
        make_firm(slug=f"gaon-{i}", name_ko="가온")
    staff_client.get("/staff/firms/duplicates/")
    make_firm(slug="gaon-x", name_ko="가온")
    # session, user, the change log's newest id, the page's firms (and the re-pairing read
    # of the changed firm's names and the change log, once, after the edit).
    with django_assert_num_queries(6):
        staff_client.get("/staff/firms/duplicates/")
    with django_assert_num_queries(4):
        staff_client.get("/staff/firms/duplicates/?page=1")
