"""The match page and the reverse view on a firm."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory.firms.models import Specialty
from directory.partners.models import OverseasPartner
from tests.factories import make_connection, make_firm, make_partner, make_specialty

URL = reverse("matching:match")


def test_empty_page_asks_for_a_brief(staff_client):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert "rows" not in response.context
    assert (
        "Choose an overseas partner" in response.text or response.context["form"].is_bound is False
    )


def test_partner_prefills_country_and_hints_when_it_seeks_nothing(staff_client, demo):
    response = staff_client.get(URL, {"partner": "tencent-cloud"})
    assert response.status_code == 200
    form = response.context["form"]
    assert [c.code for c in form.cleaned_data["countries"]] == ["CN"]
    assert response.context["needs_more_brief"] is True
    assert 'class="notice hint-fill-brief"' in response.text
    # Every demo firm already met Tencent Cloud: labelled, still listed.
    assert len(response.context["rows"]) == 6
    assert {row["relationship"] for row in response.context["rows"]} == {"pipeline"}


def test_partner_prefills_its_sought_specialties(staff_client, demo):
    tencent = OverseasPartner.objects.get(slug="tencent-cloud")
    tencent.seeks_specialties.set(Specialty.objects.filter(slug="industrial-vision"))
    response = staff_client.get(URL, {"partner": "tencent-cloud"})
    assert [s.slug for s in response.context["form"].cleaned_data["specialties"]] == [
        "industrial-vision"
    ]
    first = response.context["rows"][0]
    assert first["firm"].slug == "hypernology"
    assert "산업 비전" in first["summary"]


def test_ad_hoc_brief_shows_reasons_and_the_not_yet_connected_label(staff_client, demo):
    partner = make_partner(slug="new-partner")
    vision = Specialty.objects.get(slug="industrial-vision")
    response = staff_client.get(
        "/en" + URL,  # the English page: the unprefixed default is Korean
        {
            "partner": partner.slug,
            "specialties": [vision.pk],
            "keywords": "검사",
            "countries": ["CN"],
        },
    )
    first = response.context["rows"][0]
    assert first["firm"].slug == "hypernology"
    assert first["relationship"] == "none"
    assert "검사" in first["summary"]
    assert "not yet connected" in first["summary"]
    assert 'class="score-bar"' in response.text


def test_exclude_connected_filter(staff_client, demo):
    partner = OverseasPartner.objects.get(slug="tencent-cloud")
    extra = make_firm(slug="fresh-firm")
    response = staff_client.get(
        URL, {"partner": partner.slug, "keywords": "cloud", "exclude_connected": "on"}
    )
    assert [row["firm"].slug for row in response.context["rows"]] == [extra.slug]


def test_only_verified_cluster_and_size_filters(staff_client, db):
    verified = make_firm(is_verified=True, size_band="small")
    make_firm(is_verified=False, size_band="small")
    response = staff_client.get(
        URL, {"keywords": "test", "only_verified": "on", "size_band": "small"}
    )
    assert [row["firm"].pk for row in response.context["rows"]] == [verified.pk]


def test_unpublished_firms_are_never_matched(staff_client, db):
    make_firm(is_published=False, name_en="Hidden vision")
    response = staff_client.get(URL, {"keywords": "hidden"})
    assert all(row["firm"].is_published for row in response.context["rows"])
    assert response.context["outcome"].candidates == 0


def test_bad_input_gets_a_message_not_a_500(staff_client, db):
    response = staff_client.get(
        URL, {"partner": "no-such-partner", "specialties": ["abc", "999999"], "limit": "-3"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"partner", "specialties", "limit"} <= set(form.errors)
    assert "rows" not in response.context


def test_long_keywords_are_rejected_with_a_message(staff_client, db):
    response = staff_client.get(URL, {"keywords": "검사" * 200})
    assert "keywords" in response.context["form"].errors


def test_results_are_capped_with_show_more(staff_client, db):
    spec = make_specialty()
    for _ in range(53):
        make_firm(specialties=[spec])
    response = staff_client.get(URL, {"specialties": [spec.pk]})
    assert len(response.context["rows"]) == 50
    assert "limit=100" in response.context["more_url"]
    more = staff_client.get(URL + response.context["more_url"])
    assert len(more.context["rows"]) == 53
    assert "more_url" not in more.context


def test_match_page_query_count_does_not_grow_with_results(
    staff_client, db, django_assert_max_num_queries
):
    spec = make_specialty()
    for _ in range(30):
        make_firm(specialties=[spec], markets=["CN"])
    partner = make_partner()
    staff_client.get(URL, {"specialties": [spec.pk], "partner": partner.slug})  # warm the cache
    with django_assert_max_num_queries(18):  # 17 + the specialty terms (keyword analysis)
        response = staff_client.get(URL, {"specialties": [spec.pk], "partner": partner.slug})
    assert len(response.context["rows"]) == 30


def test_profile_cache_notices_new_specialties(staff_client, db):
    spec = make_specialty()
    firm = make_firm()
    assert staff_client.get(URL, {"specialties": [spec.pk]}).context["rows"][0]["total"] < 40
    firm.specialties.add(spec)
    rows = staff_client.get(URL, {"specialties": [spec.pk]}).context["rows"]
    assert rows[0]["firm"] == firm and rows[0]["total"] >= 40


def test_reverse_view_ranks_partners_for_a_firm(staff_client, demo):
    vision = Specialty.objects.get(slug="industrial-vision")
    wants_vision = make_partner(slug="vision-buyer", seeks=[vision])
    hypernology = demo_firm("hypernology")
    make_connection(firm=hypernology, partner=make_partner(slug="other"), stage="agreement")
    response = staff_client.get(reverse("matching:firm", args=["hypernology"]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows[0]["match"].partner == wants_vision
    assert rows[0]["match"].result.relationship == "none"
    labels = {row["match"].partner.slug: row["match"].result.relationship for row in rows}
    assert labels["tencent-cloud"] == "pipeline"
    assert labels["other"] == "agreement"


def test_reverse_view_404_for_unpublished_firm(staff_client, db):
    firm = make_firm(is_published=False)
    assert staff_client.get(reverse("matching:firm", args=[firm.slug])).status_code == 404


def demo_firm(slug):
    from directory.firms.models import Firm

    return Firm.objects.get(slug=slug)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_match_page_in_other_languages(client, staff, demo, lang):
    client.force_login(staff)
    response = client.get(f"/{lang}/staff/match/", {"partner": "tencent-cloud"})
    assert response.status_code == 200


def test_profile_cache_notices_removed_specialties_and_edits(staff_client, db):
    spec = make_specialty()
    firm = make_firm(specialties=[spec])
    rows = staff_client.get(URL, {"specialties": [spec.pk]}).context["rows"]
    assert rows[0]["total"] >= 40
    firm.specialties.remove(spec)
    rows = staff_client.get(URL, {"specialties": [spec.pk]}).context["rows"]
    assert rows[0]["total"] < 40
    firm.name_en = "Renamed vision firm"
    firm.save()
    rows = staff_client.get(URL, {"keywords": "renamed"}).context["rows"]
    assert "renamed" in rows[0]["summary"]
    firm.is_published = False
    firm.save()
    assert staff_client.get(URL, {"keywords": "renamed"}).context["outcome"].candidates == 0


def test_weights_come_from_settings(staff_client, settings, demo):
    settings.GAGYO_MATCHING_WEIGHTS = {"never_connected": 0, "readiness": 0}
    partner = make_partner()
    response = staff_client.get(URL, {"partner": partner.slug, "keywords": "검사"})
    first = response.context["rows"][0]
    assert first["firm"].slug == "hypernology"
    assert response.context["maximum"] == 30.0  # keywords only
