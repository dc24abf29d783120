"""The bridge map's data: nodes, links coloured by stage, filters, grouping when dense,
places on the city map, and a fixed number of queries."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.http import QueryDict

from directory.dashboard import network
from directory.dashboard.filters import MapFilters
from directory.dashboard.places import locate
from directory.firms.models import Firm
from directory.partners.models import Connection, Stage
from tests.factories import (
    make_connection,
    make_country,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)


@pytest.fixture
def bridge(db):
    ai = make_specialty(slug="ai", name_ko="인공지능")
    cloud = make_specialty(slug="cloud", name_ko="클라우드")
    japan = make_country("JP", name_ko="일본", name_en="Japan")
    shanghai = make_partner(slug="tencent", name_ko="텐센트", city_en="Shanghai")
    tokyo = make_partner(slug="tokyo-co", name_ko="도쿄회사", country=japan, city_ko="도쿄")
    nowhere = make_partner(
        slug="nowhere",
        name_ko="어딘가",
        country=make_country("ZZ", name_ko="미상", name_en="Unknown"),
    )
    a = make_firm(slug="a", name_ko="가기업", specialties=[ai])
    b = make_firm(slug="b", name_ko="나기업", specialties=[cloud])
    make_connection(firm=a, partner=shanghai, stage=Stage.AGREEMENT)
    make_connection(firm=b, partner=tokyo, stage=Stage.MET)
    make_engagement(partners=[shanghai], firms=[a, b], date=date(2026, 3, 1))
    make_engagement(partners=[nowhere], date=date(2026, 4, 1))
    return {"a": a, "b": b, "shanghai": shanghai, "tokyo": tokyo, "nowhere": nowhere}


def _build(query: str = "", **kwargs) -> network.Network:
    return network.build(MapFilters.from_query(QueryDict(query)), **kwargs)


def test_nodes_and_links_carry_stages_and_engagements(bridge):
    data = _build()
    assert not data.grouped
    kinds = sorted((link["source"], link["target"], link["kind"]) for link in data.links)
    a, b = bridge["a"].pk, bridge["b"].pk
    s, t = bridge["shanghai"].pk, bridge["tokyo"].pk
    assert kinds == sorted(
        [
            (f"f{a}", f"p{s}", "agreement"),
            (f"f{b}", f"p{t}", "met"),
            (f"f{a}", f"p{s}", "engagement"),
            (f"f{b}", f"p{s}", "engagement"),
        ]
    )
    nodes = {node["id"]: node for node in data.nodes}
    assert nodes[f"p{s}"]["value"] == 3  # node size by activity
    assert nodes[f"f{a}"]["url"] == "/staff/firms/a/"
    assert nodes[f"p{s}"]["url"] == "/staff/partners/tencent/"


def test_filters_by_stage_country_specialty_and_date(bridge):
    assert {link["kind"] for link in _build("stage=met").links} == {"met"}
    japan = _build("country=JP")
    assert {node["name"] for node in japan.nodes} == {"나기업", "도쿄회사"}
    ai = _build("specialty=ai")
    assert {node["name"] for node in ai.nodes} == {"가기업", "텐센트"}
    later = _build("from=2026-03-15")
    assert all(link["kind"] != "engagement" for link in later.links)


def test_bad_map_filters_are_ignored(bridge, staff_client):
    filters = MapFilters.from_query(QueryDict("specialty=nope&country=QQ&stage=bogus&from=x"))
    assert len(filters.ignored) == 4
    assert (
        staff_client.get("/staff/map/?specialty=nope&country=%00&stage=x&to=y").status_code == 200
    )
    assert staff_client.get("/staff/map/data.json?specialty=%00&country=C%00").status_code == 200


def test_partners_are_placed_by_city_or_country_or_listed_apart(bridge):
    data = _build()
    places = {place["name"]: place for place in data.places}
    assert places["텐센트"]["coord"] == [121.47, 31.23]
    assert places["텐센트"]["stage"] == "agreement"
    assert places["도쿄회사"]["coord"] == [139.69, 35.69]
    assert [entry["name"] for entry in data.unplaced] == ["어딘가"]  # engaged, unknown place


def test_locate_falls_back_to_the_country_centre():
    assert locate(("Chongqing",), "CN").approximate is False
    assert locate(("충칭",), "CN").lon == 106.55
    assert locate(("Xinjiang town",), "CN").approximate is True
    assert locate(("",), "ZZ") is None


def test_many_firms_are_grouped_by_specialty(bridge):
    ai = Firm.objects.get(slug="a").specialties.get()
    firms = Firm.objects.bulk_create(
        [Firm(slug=f"synthetic-{i}", name_ko=f"[합성] {i}", is_published=True) for i in range(120)]
    )
    Firm.specialties.through.objects.bulk_create(
        [Firm.specialties.through(firm=firm, specialty=ai) for firm in firms]
    )
    Connection.objects.bulk_create(
        [
            Connection(firm=firm, partner=bridge["shanghai"], stage=Stage.values[i % 7])
            for i, firm in enumerate(firms)
        ]
    )
    data = _build()
    assert data.grouped
    assert data.firm_count == 122
    groups = [node for node in data.nodes if node["category"] == "group"]
    assert len(groups) == 2  # AI and Cloud, not 122 firm nodes
    ai_group = next(node for node in groups if node["id"] == "gai")
    assert ai_group["firms"] == 121
    assert ai_group["url"] == "/firms/?specialty=ai"
    # Each (group, partner, kind) is one link whose count adds up.
    agreement = [
        link for link in data.links if link["source"] == "gai" and link["kind"] == "agreement"
    ]
    assert len(agreement) == 1 and agreement[0]["count"] == 1 + 120 // 7 + (1 if 120 % 7 > 4 else 0)
    # Narrowing by specialty brings the single firms back.
    assert not _build("specialty=cloud").grouped


@pytest.mark.parametrize("firms", [0, 30])
def test_map_data_costs_a_fixed_number_of_queries(
    bridge, staff_client, django_assert_num_queries, firms
):
    for _i in range(firms):
        make_connection(firm=make_firm(specialties=[make_specialty()]), partner=bridge["tokyo"])
    with django_assert_num_queries(2 + 6):  # session, user + the map's six
        response = staff_client.get("/staff/map/data.json")
    data = json.loads(response.content)
    assert data["counts"]["firms"] == 2 + firms


def test_grouped_map_data_costs_a_fixed_number_of_queries(
    bridge, staff_client, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(network, "MAX_FIRM_NODES", 1)
    with django_assert_num_queries(2 + 6):
        response = staff_client.get("/staff/map/data.json")
    assert json.loads(response.content)["grouped"] is True


def test_map_csv_lists_every_link(bridge, staff_client):
    text = staff_client.get("/staff/map/data.csv").content.decode("utf-8-sig")
    assert "가기업,텐센트,협약 체결,1" in text
    assert "나기업,텐센트,교류 활동,1" in text
