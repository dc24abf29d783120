"""Staff edit a specialty's synonyms; search (and the lexicon behind search and matching)
follows at once."""

from __future__ import annotations

import unicodedata

import pytest

from directory.firms.models import Specialty
from directory.search.services import current_lexicon
from tests.factories import make_firm, make_specialty, make_user

pytestmark = pytest.mark.django_db

URL = "/staff/firms/taxonomy/specialties/drones/"


def _form(**changes) -> dict:
    data = {"name_ko": "드론", "name_en": "Drones", "slug": "drones", "position": 0}
    data.update(changes)
    return data


@pytest.fixture
def drones(db):
    return make_specialty(slug="drones", name_ko="드론", name_en="Drones")


def test_synonyms_are_normalised_trimmed_and_deduplicated(staff_client, drones):
    decomposed = unicodedata.normalize("NFD", "무인기")
    response = staff_client.post(
        URL, _form(synonyms=f"  {decomposed} , UAV\n无人机,uav\n\n  unmanned   aircraft  ,")
    )
    assert response.status_code == 302
    drones.refresh_from_db()
    assert drones.synonyms == "무인기\nUAV\n无人机\nunmanned aircraft"
    assert drones.synonym_list == ["무인기", "UAV", "无人机", "unmanned aircraft"]
    # The edit form shows them back, one per line.
    assert "무인기\nUAV" in staff_client.get(URL).content.decode()


def test_an_over_long_synonym_is_refused_with_a_clear_message(staff_client, drones):
    response = staff_client.post(URL, _form(name_en="Changed", synonyms="UAV\n" + "가" * 101))
    assert response.status_code == 200
    html = response.content.decode()
    assert "100" in html and "101" in html
    drones.refresh_from_db()
    assert drones.synonyms == "" and drones.name_en == "Drones"


def test_a_synonym_edited_in_the_workspace_finds_the_specialtys_firms(client, staff_client):
    drones = make_specialty(slug="drones", name_ko="드론", name_en="Drones")
    firm = make_firm(name_ko="하늘기업", name_en="Sky Firm", specialties=[drones])
    make_firm(name_ko="다른기업", name_en="Other Firm")
    assert "하늘기업" not in client.get("/firms/?q=무인비행체").content.decode()

    assert staff_client.post(URL, _form(synonyms="무인비행체\n无人驾驶飞机")).status_code == 302

    assert "무인비행체" in current_lexicon().synonyms("드론")
    for query in ("무인비행체", "无人驾驶飞机"):
        html = client.get("/firms/", {"q": query}).content.decode()
        assert firm.name_ko in html, query
        assert "다른기업" not in html
    # Removing the synonym stops the match.
    assert staff_client.post(URL, _form(synonyms="")).status_code == 302
    assert firm.name_ko not in client.get("/firms/?q=무인비행체").content.decode()


def test_members_and_anonymous_cannot_edit_synonyms(client, drones):
    response = client.post(URL, _form(synonyms="UAV"))
    assert response.status_code in (302, 403)
    member = make_user()
    client.force_login(member)
    assert client.post(URL, _form(synonyms="UAV")).status_code in (403, 404)
    assert Specialty.objects.get(slug="drones").synonyms == ""
