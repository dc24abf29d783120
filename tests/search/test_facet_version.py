"""The facet index's change counter: database triggers count every write to firms and links."""

import pytest
from django.db import connection

from directory.firms.models import Cluster, Country, Firm, Specialty
from directory.partners.models import Engagement, OverseasPartner, Participation
from directory.search.facet_index import data_version, read_versions
from tests.factories import (
    make_cluster,
    make_country,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

from .conftest import postgres_only, sqlite_only

pytestmark = pytest.mark.django_db

TABLES = [
    "firms_firm",
    "firms_firm_specialties",
    "firms_firm_target_markets",
    "search_firmsearchdocument",
]

# The reference tables: the directory's filter values and partner facet (row 2).
REFERENCE_TABLES = [
    "firms_specialty",
    "firms_cluster",
    "firms_country",
    "partners_overseaspartner",
    "partners_engagement",
    "partners_engagement_partners",
    "partners_participation",
]


def counter(row: int = 1) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM gagyo_facet_version WHERE id = %s", [row])
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


def test_every_write_to_a_reference_table_moves_the_reference_counter():
    firm = make_firm()
    partner = make_partner()
    engagement = make_engagement()
    steps = {
        "specialty added": lambda: make_specialty(),
        "specialty renamed": lambda: Specialty.objects.update(name_en="Renamed"),
        "cluster added": lambda: make_cluster(),
        "cluster renamed": lambda: Cluster.objects.update(name_en="Renamed"),
        "country added": lambda: make_country("JP"),
        "country renamed": lambda: Country.objects.filter(code="JP").update(name_en="Japan"),
        "partner archived": lambda: OverseasPartner.objects.update(is_archived=True),
        "engagement made private": lambda: Engagement.objects.update(is_public=False),
        "partner linked": lambda: engagement.partners.add(partner),
        "partner unlinked": lambda: engagement.partners.remove(partner),
        "participation": lambda: Participation.objects.create(
            engagement=engagement, firm=firm, role=Participation.Role.DELEGATE
        ),
        "participation deleted": lambda: Participation.objects.all().delete(),
    }
    for name, step in steps.items():
        firms_before, before = counter(1), counter(2)
        step()
        assert counter(2) > before, name
        # The firms' counter (the facet index) is not moved by reference data.
        assert counter(1) == firms_before, name


def test_the_versions_are_read_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        versions = read_versions()
    make_partner()
    later = read_versions()
    assert later.reference != versions.reference
    assert later.firms == versions.firms


@sqlite_only
def test_sqlite_triggers_exist_on_every_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND (name LIKE '%facet%' OR name LIKE '%reference%')"
        )
        names = {row[0] for row in cursor.fetchall()}
    for table in TABLES:
        for event in ("insert", "update", "delete"):
            assert f"{table}_facet_{event}" in names
    for table in REFERENCE_TABLES:
        for event in ("insert", "update", "delete"):
            assert f"{table}_reference_{event}" in names


@postgres_only
def test_postgres_triggers_exist_on_every_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name LIKE '%facet%'"
        )
        tables = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name LIKE '%reference%'"
        )
        reference_tables = {row[0] for row in cursor.fetchall()}
    assert tables == set(TABLES)
    assert reference_tables == set(REFERENCE_TABLES)
