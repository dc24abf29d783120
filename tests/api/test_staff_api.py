"""The staff API: who may use it, and that it writes through the workspace's services."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from directory.firms.models import Firm
from directory.partners.models import Connection, ConnectionEvent, Stage
from tests.api.conftest import member_client
from tests.factories import make_firm

pytestmark = pytest.mark.django_db

STAFF_GETS = [
    "/api/staff/engagements/",
    "/api/staff/connections/",
    "/api/staff/firms/",
    "/api/staff/firms/hancom/",
]


@pytest.mark.parametrize("url", STAFF_GETS)
def test_anonymous_gets_401_with_a_bearer_challenge(api, demo, url):
    response = api.get(url)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("url", STAFF_GETS)
def test_firm_member_gets_403(demo, member_user, url):
    client = member_client(member_user, Firm.objects.get(slug="hancom"))
    response = client.get(url)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("url", STAFF_GETS)
def test_staff_token_reads(staff_api, demo, url):
    assert staff_api.get(url).status_code == 200


def test_bad_token_is_401(api, demo):
    api.credentials(HTTP_AUTHORIZATION="Bearer gg_not-a-real-token")
    response = api.get("/api/firms/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_member_cannot_change_stage_and_nothing_changes(demo, member_user):
    connection = Connection.objects.first()
    client = member_client(member_user, connection.firm)
    response = client.post(
        f"/api/staff/connections/{connection.pk}/stage/", {"stage": "closed"}, format="json"
    )
    assert response.status_code == 403
    connection.refresh_from_db()
    assert connection.stage == Stage.MET


def test_anonymous_cannot_create_a_firm(api, demo):
    response = api.post("/api/staff/firms/", {"slug": "x", "name_ko": "엑스"}, format="json")
    assert response.status_code == 401
    assert not Firm.objects.filter(slug="x").exists()


def test_stage_change_goes_through_the_timeline_and_history(staff_api, staff_user, demo):
    connection = Connection.objects.filter(firm__slug="hancom").get()
    response = staff_api.post(
        f"/api/staff/connections/{connection.pk}/stage/",
        {"stage": "in_discussion", "note": "두 번째 통화"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["changed"] is True
    assert body["connection"]["stage"] == "in_discussion"
    event = connection.events.filter(kind=ConnectionEvent.Kind.STAGE).get()
    assert (event.from_stage, event.to_stage, event.text) == (
        "met",
        "in_discussion",
        "두 번째 통화",
    )
    assert event.author == staff_user
    assert connection.history.latest().history_user == staff_user
    again = staff_api.post(
        f"/api/staff/connections/{connection.pk}/stage/", {"stage": "in_discussion"}, format="json"
    )
    assert again.json()["changed"] is False


def test_unknown_stage_is_a_validation_error(staff_api, demo):
    connection = Connection.objects.first()
    response = staff_api.post(
        f"/api/staff/connections/{connection.pk}/stage/", {"stage": "married"}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["stage"][0]["code"] == "invalid_choice"


def test_create_connection_never_duplicates(staff_api, demo):
    firm = make_firm(slug="new-firm")
    payload = {"firm": firm.slug, "partner": "tencent-cloud", "origin": "API"}
    first = staff_api.post("/api/staff/connections/", payload, format="json")
    assert first.status_code == 201
    assert first.json()["stage"] == "proposed"
    assert first.json()["events"][0]["kind"] == "created"
    second = staff_api.post("/api/staff/connections/", payload, format="json")
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert Connection.objects.filter(firm=firm).count() == 1


def test_connection_list_filters(staff_api, demo):
    body = staff_api.get("/api/staff/connections/?stage=met&partner=tencent-cloud").json()
    assert body["results"] and all(c["stage"] == "met" for c in body["results"])
    assert staff_api.get("/api/staff/connections/?stage=nope").status_code == 400


def test_staff_list_cursor_pages_by_id(staff_api, demo):
    seen, url = [], "/api/staff/connections/?page_size=4"
    while url:
        body = staff_api.get(url).json()
        seen += [c["id"] for c in body["results"]]
        url = body["next"]
    assert seen == sorted(seen, reverse=True)
    assert len(seen) == Connection.objects.count()


def test_staff_create_firm_with_history(staff_api, staff_user, demo):
    response = staff_api.post(
        "/api/staff/firms/",
        {
            "slug": "example-ai",
            "name_ko": "예시 AI",
            "name_en": "Example AI",
            "specialties": ["ai"],
            "target_markets": ["CN"],
            "is_published": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    firm = Firm.objects.get(slug="example-ai")
    assert firm.is_published
    assert list(firm.target_markets.values_list("code", flat=True)) == ["CN"]
    assert firm.history.earliest().history_user == staff_user
    assert firm.history.earliest().history_type == "+"


def test_staff_create_firm_validates(staff_api, demo):
    response = staff_api.post(
        "/api/staff/firms/",
        {"slug": "hancom", "name_ko": "", "specialties": ["nope"], "founded_year": 1200},
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"slug", "name_ko", "specialties", "founded_year"} <= set(fields)


def test_staff_edit_firm_directly_with_history(staff_api, staff_user, demo):
    token = staff_api.get("/api/staff/firms/hancom/").json()["edit_token"]
    response = staff_api.patch(
        "/api/staff/firms/hancom/",
        {"name_zh": "韩国电脑", "is_verified": True, "edit_token": token},
        format="json",
    )
    assert response.status_code == 200, response.json()
    firm = Firm.objects.get(slug="hancom")
    assert (firm.name_zh, firm.is_verified) == ("韩国电脑", True)
    assert firm.name_ko == "한글과컴퓨터"  # untouched fields stay
    assert firm.history.latest().history_user == staff_user


def test_staff_edit_with_a_stale_token_is_a_conflict(staff_api, demo):
    token = staff_api.get("/api/staff/firms/hancom/").json()["edit_token"]
    staff_api.patch("/api/staff/firms/hancom/", {"name_zh": "一"}, format="json")
    response = staff_api.patch(
        "/api/staff/firms/hancom/", {"name_zh": "二", "edit_token": token}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "edit_conflict"
    assert response.json()["error"]["edit_token"]
    assert Firm.objects.get(slug="hancom").name_zh == "一"


def test_session_writes_need_csrf(demo, staff_user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.get("/api/staff/firms/").status_code == 200
    response = client.patch("/api/staff/firms/hancom/", {"name_zh": "x"}, format="json")
    assert response.status_code == 403
    assert Firm.objects.get(slug="hancom").name_zh == ""


@pytest.mark.parametrize(
    "payload",
    [
        {"slug": 0, "name_ko": "영"},
        {"slug": "zero", "name_ko": "영", "founded_year": "1999"},
        {"slug": "zero", "name_ko": "영", "is_published": "true"},
        {"slug": "zero", "name_ko": "영", "is_published": 1},
        {"slug": "zero", "name_ko": "영", "specialties": "ai"},
        {"slug": "zero", "name_ko": "영", "founded_year": True},
    ],
)
def test_values_of_the_wrong_json_type_are_refused(staff_api, demo, payload):
    response = staff_api.post("/api/staff/firms/", payload, format="json")
    assert response.status_code == 400
    assert not Firm.objects.filter(slug__in=["0", "zero"]).exists()


def test_staff_firm_list_query_count_does_not_grow_with_the_page(
    staff_api, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = staff_api.get("/api/staff/firms/?page_size=100")
    assert len(response.json()["results"]) == 6
