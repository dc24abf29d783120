"""Every new URL: anonymous -> login, firm member -> 403, staff -> 200; refused POSTs change
nothing."""

from __future__ import annotations

import pytest

from directory.firms.models import Firm, ImportJob, Specialty
from tests.factories import make_cluster, make_country, make_firm, make_specialty

pytestmark = pytest.mark.django_db


@pytest.fixture
def things(db):
    firm = make_firm(slug="gaon", name_ko="가온", is_published=False)
    make_firm(slug="gaon-2", name_ko="가온")
    specialty = make_specialty(slug="cloud")
    make_cluster(slug="pangyo")
    make_country("CN")
    job = ImportJob.objects.create(
        filename="f.csv", file_format="csv", content=b"x", headers=["기업명"], row_count=1
    )
    return {"firm": firm, "specialty": specialty, "job": job}


JOB_PK = 1  # the URL shape only; the tests use the real job's id


def get_urls(job_pk: int) -> list[str]:
    return [
        "/staff/firms/",
        "/staff/firms/new/",
        "/staff/firms/gaon/edit/",
        "/staff/firms/export.csv",
        "/staff/firms/export.xlsx",
        "/staff/firms/import/",
        f"/staff/firms/import/{job_pk}/",
        f"/staff/firms/import/{job_pk}/progress.json",
        "/staff/firms/duplicates/",
        "/staff/firms/merge/?survivor=gaon&other=gaon-2",
        "/staff/firms/taxonomy/",
        "/staff/firms/taxonomy/specialties/new/",
        "/staff/firms/taxonomy/specialties/merge/",
        "/staff/firms/taxonomy/specialties/cloud/",
        "/staff/firms/taxonomy/clusters/new/",
        "/staff/firms/taxonomy/clusters/pangyo/",
        "/staff/firms/taxonomy/countries/CN/",
        "/staff/firms/taxonomy/countries/new/",
        "/staff/connections/export.csv",
        "/staff/connections/export.xlsx",
        "/staff/engagements/export.csv",
        "/staff/engagements/export.xlsx",
        "/en/staff/firms/",
        "/zh-hans/staff/firms/duplicates/",
    ]


POSTS = [
    ("/staff/firms/new/", {"name_ko": "새 기업", "token": ""}),
    ("/staff/firms/gaon/edit/", {"name_ko": "바뀐 이름", "token": "x"}),
    ("/staff/firms/gaon/status/", {"action": "publish"}),
    ("/staff/firms/bulk/", {"firms": ["1"], "action": "publish"}),
    ("/staff/firms/merge/", {"survivor": "gaon", "other": "gaon-2"}),
    ("/staff/firms/taxonomy/specialties/new/", {"name_ko": "새 분야", "slug": "new-one"}),
    ("/staff/firms/import/", {}),
    (f"/staff/firms/import/{JOB_PK}/apply/", {}),
    (f"/staff/firms/import/{JOB_PK}/invite/", {}),
]


def covered_url_names() -> set[str]:
    """The workspace routes this matrix covers (tests/partners covers the others)."""
    from django.urls import resolve

    urls = get_urls(JOB_PK) + [url for url, _data in POSTS]
    # Unprefixed (Korean) URLs only: resolve() follows the active language's prefix.
    return {resolve(url.split("?")[0]).url_name for url in urls if url.startswith("/staff/")}


def test_every_new_route_is_in_the_matrix():
    names = covered_url_names()
    assert {"firm-list", "firm-create", "firm-edit", "firm-status", "firm-bulk", "firm-merge",
            "firm-import-apply", "firm-import-invite", "country-edit", "cluster-edit"} <= names  # fmt: skip


def _state():
    return (
        sorted(Firm.objects.values_list("slug", "name_ko", "is_published")),
        Specialty.objects.count(),
        ImportJob.objects.count(),
    )


def test_anonymous_is_sent_to_login(client, things):
    for url in get_urls(things["job"].pk):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"], url
    before = _state()
    for url, data in POSTS:
        url = url.replace(f"/import/{JOB_PK}/", f"/import/{things['job'].pk}/")
        assert client.post(url, data).status_code == 302, url
    assert _state() == before


def test_member_gets_403(member_client, things):
    for url in get_urls(things["job"].pk):
        assert member_client.get(url).status_code == 403, url
    before = _state()
    for url, data in POSTS:
        url = url.replace(f"/import/{JOB_PK}/", f"/import/{things['job'].pk}/")
        assert member_client.post(url, data).status_code == 403, url
    assert _state() == before


def test_staff_gets_200(staff_client, things):
    for url in get_urls(things["job"].pk):
        assert staff_client.get(url).status_code == 200, url


def test_firm_detail_of_an_unknown_slug_is_404_and_bad_input_is_no_500(staff_client, things):
    assert staff_client.get("/staff/firms/nope/edit/").status_code == 404
    assert staff_client.get("/staff/firms/merge/?survivor=gaon&other=nope").status_code == 404
    assert staff_client.get("/staff/firms/?specialty=nope&page=999&size=huge").status_code == 200
    assert staff_client.get("/staff/firms/import/999999/").status_code == 404
    assert staff_client.post("/staff/firms/gaon/status/", {"action": "explode"}).status_code == 302
