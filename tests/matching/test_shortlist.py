"""Shortlists from match results, and introducing their firms to the partner."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from directory.firms.models import Firm, Specialty
from directory.matching.models import Shortlist
from directory.partners.models import Connection, ConnectionEvent, OverseasPartner, Stage
from tests.factories import make_firm, make_partner

CREATE = reverse("matching:shortlist-create")


def _firm(slug):
    return Firm.objects.get(slug=slug)


def test_shortlist_saves_firms_with_brief_scores_and_reasons(staff_client, staff, demo):
    vision = Specialty.objects.get(slug="industrial-vision")
    response = staff_client.post(
        CREATE,
        {
            "name": "비전 후보",
            "partner": "tencent-cloud",
            "specialties": [vision.pk],
            "keywords": "검사",
            "countries": ["CN"],
            "firms": [_firm("aiworks").pk, _firm("hypernology").pk],
        },
    )
    shortlist = Shortlist.objects.get()
    assert response.status_code == 302
    assert response.url == shortlist.get_absolute_url()
    assert shortlist.author == staff
    assert shortlist.partner.slug == "tencent-cloud"
    assert shortlist.brief == {
        "specialties": [vision.pk],
        "keywords": "검사",
        "countries": ["CN"],
        "partner": shortlist.partner.pk,
    }
    entries = list(shortlist.entries.select_related("firm"))
    assert [e.firm.slug for e in entries] == ["hypernology", "aiworks"]  # ranked, not as ticked
    assert [e.position for e in entries] == [1, 2]
    assert entries[0].score > entries[1].score
    codes = [r["code"] for part in entries[0].reasons for r in part["reasons"]]
    assert "specialty_exact" in codes and "keyword" in codes

    detail = staff_client.get(shortlist.get_absolute_url())
    assert detail.status_code == 200
    assert "산업 비전" in detail.text


def test_shortlist_without_firms_keeps_the_brief_and_explains(staff_client, demo):
    response = staff_client.post(CREATE, {"name": "빈 목록", "keywords": "검사"})
    assert response.status_code == 200
    assert "firms" in response.context["shortlist_form"].errors
    assert response.context["form"].cleaned_data["keywords"] == "검사"
    assert Shortlist.objects.count() == 0


def test_shortlist_ignores_unpublished_and_unknown_firms(staff_client, db):
    hidden = make_firm(is_published=False)
    response = staff_client.post(
        CREATE, {"name": "x", "keywords": "a", "firms": [hidden.pk, 987654, "abc"]}
    )
    assert response.status_code == 200
    assert Shortlist.objects.count() == 0


def test_shortlist_keeps_ticked_firms_when_name_is_missing(staff_client, db):
    firm = make_firm()
    response = staff_client.post(CREATE, {"name": "", "keywords": "test", "firms": [firm.pk]})
    assert response.status_code == 200
    assert response.context["selected"] == {firm.pk}
    assert f'value="{firm.pk}" checked' in response.text


def test_shortlist_list_and_empty_state(staff_client, staff, db, django_assert_max_num_queries):
    with translation.override("en"):  # the English page, /en/...; unprefixed is Korean
        url = reverse("matching:shortlist-list")
    assert url.startswith("/en/")
    assert "No shortlists yet" in staff_client.get(url).text
    partner = make_partner()
    for i in range(30):
        Shortlist.objects.create(name=f"목록 {i}", partner=partner, author=staff)
    with django_assert_max_num_queries(4):
        response = staff_client.get(url)
    assert len(response.context["page_obj"]) == 25
    assert staff_client.get(url, {"page": 2}).context["page_obj"].number == 2


def _shortlist_for(partner, firms, staff, name="소개 후보"):
    from directory.matching.scoring import Brief
    from directory.matching.services import create_shortlist

    return create_shortlist(
        name=name,
        brief=Brief(partner_id=partner.pk),
        firm_ids=[f.pk for f in firms],
        author=staff,
        partner=partner,
    )


def test_introduce_creates_proposed_connections_once(staff_client, staff, demo):
    partner = OverseasPartner.objects.get(slug="tencent-cloud")
    new_firm = make_firm(slug="newcomer")
    already = _firm("initech")
    shortlist = _shortlist_for(partner, [new_firm, already], staff)
    url = reverse("matching:shortlist-introduce", args=[shortlist.pk])

    response = staff_client.post(url, follow=True)
    connection = Connection.objects.get(firm=new_firm, partner=partner)
    assert connection.stage == Stage.PROPOSED
    assert connection.origin == "shortlist 소개 후보"
    event = connection.events.get()
    assert event.kind == ConnectionEvent.Kind.CREATED and event.author == staff
    # The existing connection (met at the visit) is untouched and reported as such.
    assert Connection.objects.get(firm=already, partner=partner).stage == Stage.MET
    texts = [str(m) for m in response.context["messages"]]
    assert any("newcomer" in t or new_firm.name_ko in t for t in texts)
    assert any("이니텍" in t for t in texts)

    count = Connection.objects.count()
    staff_client.post(url)
    assert Connection.objects.count() == count
    assert ConnectionEvent.objects.filter(connection=connection).count() == 1


def test_introduce_without_partner_says_so(staff_client, staff, db):
    from directory.matching.scoring import Brief
    from directory.matching.services import create_shortlist

    shortlist = create_shortlist(
        name="ad hoc", brief=Brief(), firm_ids=[make_firm().pk], author=staff
    )
    with translation.override("en"):  # the English page, /en/...; unprefixed is Korean
        url = reverse("matching:shortlist-introduce", args=[shortlist.pk])
    response = staff_client.post(url, follow=True)
    assert "no partner" in " ".join(str(m) for m in response.context["messages"])
    assert Connection.objects.count() == 0


def test_introduce_is_post_only(staff_client, staff, db):
    partner = make_partner()
    shortlist = _shortlist_for(partner, [make_firm()], staff)
    response = staff_client.get(reverse("matching:shortlist-introduce", args=[shortlist.pk]))
    assert response.status_code == 405
    assert Connection.objects.count() == 0


def test_shortlist_detail_query_count_does_not_grow(
    staff_client, staff, db, django_assert_max_num_queries
):
    partner = make_partner()
    firms = [make_firm() for _ in range(20)]
    shortlist = _shortlist_for(partner, firms, staff, name="큰 목록")
    with django_assert_max_num_queries(8):
        response = staff_client.get(shortlist.get_absolute_url())
    assert len(response.context["entries"]) == 20


def test_briefing_pack_query_count_does_not_grow(
    staff_client, staff, db, django_assert_max_num_queries
):
    partner = make_partner()
    shortlist = _shortlist_for(partner, [make_firm() for _ in range(20)], staff, name="자료")
    url = reverse("matching:briefing-csv", args=[shortlist.pk])
    with django_assert_max_num_queries(10):
        assert staff_client.get(url).status_code == 200


def test_admin_lists_shortlists(client, staff, db):
    from tests.factories import make_user

    _shortlist_for(make_partner(), [make_firm()], staff, name="관리자 확인")
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:matching_shortlist_changelist"))
    assert response.status_code == 200
    assert "관리자 확인" in response.text
    shortlist = Shortlist.objects.get()
    assert (
        client.get(reverse("admin:matching_shortlist_change", args=[shortlist.pk])).status_code
        == 200
    )
