"""The foundation serves the directory with the article's demo data."""

import pytest


@pytest.mark.django_db
def test_home_and_directory_render_in_korean(client, demo):
    response = client.get("/firms/")
    assert response.status_code == 200
    assert "한글과컴퓨터" in response.content.decode()
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_demo_loader_is_idempotent(demo):
    from directory.demo.firms import load_firms
    from directory.firms.models import Firm

    firm = Firm.objects.get(slug="hancom")
    firm.summary_ko = "편집된 요약"
    firm.save()
    load_firms()
    assert Firm.objects.count() == 6
    assert Firm.objects.get(slug="hancom").summary_ko == "편집된 요약"
