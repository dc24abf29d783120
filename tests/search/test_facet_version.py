"""The facet index's change counter: database triggers count every write to firms and links."""

import pytest
from django.db import connection

from directory.firms.facet_index import data_version
from directory.firms.models import Firm
from tests.factories import make_country, make_firm, make_specialty

from .conftest import postgres_only, sqlite_only

pytestmark = pytest.mark.django_db

TABLES = [
    "firms_firm",
    "firms_firm_specialties",
    "firms_firm_target_markets",
    "search_firmsearchdocument",
]


def counter() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM gagyo_facet_version WHERE id = 1")
        return cursor.fetchone()[0]


def test_every_kind_of_write_moves_the_counter():
    firm = make_firm()
    specialty = make_specialty()
    steps = {
        "save": lambda: firm.save(),
        "update() without save()": lambda: Firm.objects.filter(pk=firm.pk).update(size_band="1-9"),
        "specialty added": lambda: firm.specialties.add(specialty),
        "specialty removed": lambda: firm.specialties.remove(specialty),
        "market added": lambda: firm.target_markets.add(make_country("CN")),
        "market removed": lambda: firm.target_markets.clear(),
        "bulk_create": lambda: Firm.objects.bulk_create([Firm(slug="bulk", name_ko="일괄")]),
        "delete": lambda: Firm.objects.filter(slug="bulk").delete(),
    }
    for name, step in steps.items():
        before = counter()
        step()
        assert counter() > before, name


def test_the_data_version_changes_with_a_link():
    firm = make_firm()
    version = data_version()
    firm.specialties.add(make_specialty())
    assert data_version() != version


@sqlite_only
def test_sqlite_triggers_exist_on_every_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%facet%'"
        )
        names = {row[0] for row in cursor.fetchall()}
    for table in TABLES:
        for event in ("insert", "update", "delete"):
            assert f"{table}_facet_{event}" in names


@postgres_only
def test_postgres_triggers_exist_on_every_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name LIKE '%facet%'"
        )
        tables = {row[0] for row in cursor.fetchall()}
    assert tables == set(TABLES)
