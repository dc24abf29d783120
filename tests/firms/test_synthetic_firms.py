"""The benchmark's synthetic firms are clearly labelled and never mixed into the demo."""

import pytest
from django.core.management import call_command

from directory.firms.models import Firm

pytestmark = pytest.mark.django_db


def test_generates_labelled_synthetic_firms_with_relations(capsys):
    call_command("generate_synthetic_firms", 25, "--batch-size", "10")
    firms = Firm.objects.filter(slug__startswith="synthetic-")
    assert firms.count() == 25
    for firm in firms:
        assert firm.name_ko.startswith("[합성] ")
        assert firm.name_en.startswith("[Synthetic] ")
        assert firm.specialties.exists()
    assert len({f.created_at for f in firms}) > 1  # dates are spread for realistic sorting
    call_command("generate_synthetic_firms", 5)
    assert Firm.objects.filter(slug__startswith="synthetic-").count() == 30  # new slugs


def test_synthetic_firms_are_searchable(client):
    call_command("generate_synthetic_firms", 20)
    published = Firm.objects.filter(slug__startswith="synthetic-", is_published=True).count()
    response = client.get("/firms/", {"q": "[합성]"})
    assert response.context["result_count"] == published


def test_demo_loader_creates_no_synthetic_firms():
    call_command("load_demo")
    assert not Firm.objects.filter(slug__startswith="synthetic-").exists()
    assert not Firm.objects.filter(name_ko__startswith="[합성]").exists()
