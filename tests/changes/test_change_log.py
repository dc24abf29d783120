"""The change log: database triggers write one row per changed firm, partner or reference row."""

import pytest
from django.db import connection

from directory.changes import log
from directory.changes.models import Change, Cursor, Kind
from directory.firms.models import Cluster, Country, Firm, Specialty
from directory.partners.models import Engagement, OverseasPartner, Participation
from tests.factories import (
    make_cluster,
    make_country,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)
from tests.search.conftest import postgres_only, sqlite_only

pytestmark = pytest.mark.django_db

LOGGED_TABLES = {
    "firms_firm",
    "firms_firm_specialties",
    "firms_firm_target_markets",
    "firms_specialty",
    "partners_overseaspartner",
    "partners_overseaspartner_seeks_specialties",
    "firms_cluster",
    "firms_country",
    "partners_engagement",
    "partners_engagement_partners",
    "partners_participation",
}


def logged_after(position: int) -> set[tuple[str, int | None]]:
    return set(Change.objects.filter(id__gt=position).values_list("kind", "object_id"))


def test_every_kind_of_write_to_a_firm_logs_the_firm():
    firm = make_firm()
    specialty = make_specialty()
    steps = {
        "save": lambda: firm.save(),
        "update() without save()": lambda: Firm.objects.filter(pk=firm.pk).update(size_band="1-9"),
        "specialty added": lambda: firm.specialties.add(specialty),
        "specialty removed": lambda: firm.specialties.remove(specialty),
        "market added": lambda: firm.target_markets.add(make_country("CN")),
        "market removed": lambda: firm.target_markets.clear(),
    }
    for name, step in steps.items():
        before = log.latest()
        step()
        assert (Kind.FIRM, firm.pk) in logged_after(before), name


def test_bulk_create_and_delete_log_each_firm():
    before = log.latest()
    created = Firm.objects.bulk_create(
        [Firm(slug="bulk-1", name_ko="일괄 1"), Firm(slug="bulk-2", name_ko="일괄 2")]
    )
    ids = {firm.pk for firm in Firm.objects.filter(slug__startswith="bulk-")}
    assert len(created) == 2
    assert {(Kind.FIRM, pk) for pk in ids} <= logged_after(before)
    before = log.latest()
    Firm.objects.filter(slug__startswith="bulk-").delete()
    assert {(Kind.FIRM, pk) for pk in ids} <= logged_after(before)


def test_partners_and_specialties_are_logged_with_their_id():
    before = log.latest()
    partner = make_partner()
    specialty = make_specialty()
    assert (Kind.PARTNER, partner.pk) in logged_after(before)
    assert (Kind.SPECIALTY, specialty.pk) in logged_after(before)
    before = log.latest()
    partner.seeks_specialties.add(specialty)
    assert (Kind.PARTNER, partner.pk) in logged_after(before)


def test_every_write_to_a_reference_table_is_logged_as_reference():
    firm = make_firm()
    partner = make_partner()
    engagement = make_engagement()
    steps = {
        "cluster added": lambda: make_cluster(),
        "cluster renamed": lambda: Cluster.objects.update(name_en="Renamed"),
        "country added": lambda: make_country("JP"),
        "country renamed": lambda: Country.objects.filter(code="JP").update(name_en="Japan"),
        "engagement made private": lambda: Engagement.objects.update(is_public=False),
        "partner linked": lambda: engagement.partners.add(partner),
        "partner unlinked": lambda: engagement.partners.remove(partner),
        "participation": lambda: Participation.objects.create(
            engagement=engagement, firm=firm, role=Participation.Role.DELEGATE
        ),
        "participation deleted": lambda: Participation.objects.all().delete(),
    }
    for name, step in steps.items():
        before = log.latest()
        step()
        batch = log.since(before)
        assert batch.reference, name
        assert not batch.firms, name  # reference data never touches the firms' structures


def test_since_merges_a_batch_and_ignores_what_came_before():
    first = make_firm()
    position = log.latest()
    second = make_firm()
    Specialty.objects.filter(pk=make_specialty().pk).update(name_en="Renamed")
    OverseasPartner.objects.filter(pk=make_partner().pk).update(is_archived=True)
    batch = log.since(position)
    assert batch.firms == {second.pk}
    assert first.pk not in batch.firms
    assert len(batch.specialties) == 1 and len(batch.partners) == 1
    assert not batch.full
    assert not log.since(log.latest())


def test_a_large_or_everything_batch_is_full(monkeypatch):
    position = log.latest()
    monkeypatch.setattr(log, "MAX_INCREMENTAL", 1)
    make_firm()
    make_firm()
    make_firm()
    assert log.since(position).full
    monkeypatch.setattr(log, "MAX_INCREMENTAL", 2000)
    position = log.latest()
    log.record_all()
    assert log.since(position).full


def test_pruning_moves_the_horizon_so_followers_behind_it_start_afresh():
    make_firm()
    old = log.latest()
    Change.objects.update(at="2000-01-01T00:00:00Z")
    assert log.prune(days=7) >= 1
    assert not Change.objects.filter(id__lte=old).exists()
    assert Cursor.objects.get(name="horizon").position == old
    assert log.latest() == old  # an empty log still knows how far it went
    make_firm()
    assert log.since(0).full
    assert not log.since(old).full


def test_latest_is_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        log.latest()


def test_a_follower_builds_once_and_applies_only_new_batches():
    calls = []
    follower = log.Follower(
        build=lambda: calls.append("build") or 0,
        apply=lambda value, batch: calls.append(sorted(batch.firms)) or value + 1,
    )
    follower.get()
    follower.get()
    assert calls == ["build"]
    firm = make_firm()
    assert follower.get() == 1
    assert calls == ["build", [firm.pk]]
    follower.get()
    assert calls == ["build", [firm.pk]]  # nothing changed: nothing applied
    log.record_all()
    follower.get()
    assert calls[-1] == "build"


@sqlite_only
def test_sqlite_triggers_exist_on_every_logged_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'gagyo_change_%'"
        )
        found = cursor.fetchall()
    tables = {table for table, _name in found}
    assert tables == LOGGED_TABLES
    assert len(found) == 3 * len(LOGGED_TABLES)


@postgres_only
def test_postgres_triggers_exist_on_every_logged_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name = 'gagyo_change'"
        )
        tables = {row[0] for row in cursor.fetchall()}
    assert tables == LOGGED_TABLES


def test_the_old_counters_are_gone():
    assert "gagyo_facet_version" not in connection.introspection.table_names()


def test_the_system_check_reports_a_missing_trigger():
    from django.db import connection

    from directory.changes import triggers
    from directory.changes.checks import triggers_in_place

    assert triggers_in_place(databases=["default"]) == []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER {triggers.sqlite_name('firms_cluster', 'UPDATE')}")
        else:
            cursor.execute("DROP TRIGGER gagyo_change ON firms_cluster")
    warnings = triggers_in_place(databases=["default"])
    assert [w.id for w in warnings] == ["changes.W001"]
    assert "firms_cluster" in warnings[0].msg
