"""Database-specific index paths: SQLite FTS5 trigram vs base table, PostgreSQL pg_trgm GIN."""

import pytest
from django.db import connection

from directory.firms.models import Firm
from directory.search import freshness
from directory.search.backends import fts_phrase, get_backend
from directory.search.index import rebuild_index
from directory.search.models import FirmSearchDocument
from directory.search.services import search_firms
from tests.factories import make_firm

from .conftest import postgres_only, sqlite_only

pytestmark = pytest.mark.django_db


def test_fts_phrase_quotes_the_query_and_doubles_quotes():
    assert fts_phrase("한컴") == '"한컴"'
    assert fts_phrase('a"b') == '"a""b"'


def test_backend_follows_the_database_vendor():
    assert get_backend().vendor == connection.vendor


def _sql(q):
    return str(search_firms(Firm.objects.all(), q).query)


@sqlite_only
def test_sqlite_uses_fts_match_for_three_or_more_characters(demo):
    sql = _sql("컴퓨터")
    assert "search_firm_fts MATCH" in sql
    assert [f.slug for f in search_firms(Firm.objects.all(), "컴퓨터")] == ["hancom"]


@sqlite_only
def test_sqlite_uses_the_base_table_for_short_queries(demo):
    sql = _sql("한컴")
    assert "MATCH" not in sql
    assert "search_firmsearchdocument" in sql
    assert [f.slug for f in search_firms(Firm.objects.all(), "한컴")] == ["hancom"]


@sqlite_only
def test_sqlite_fts_table_follows_the_document_table(demo):
    def fts_ids(phrase):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_firm_fts WHERE search_firm_fts MATCH %s", [phrase]
            )
            return [row[0] for row in cursor.fetchall()]

    firm = make_firm(name_ko="가나다컴퓨팅")
    freshness.sync()
    assert fts_ids('"다컴퓨"') == [firm.pk]
    firm.name_ko = "가나다소프트"
    firm.save()
    freshness.sync()
    assert fts_ids('"다컴퓨"') == []
    assert fts_ids('"다소프"') == [firm.pk]
    firm.delete()  # the document goes with it (cascade), and the FTS row with the document
    assert fts_ids('"다소프"') == []


@sqlite_only
def test_sqlite_340_like_on_the_fts_table_misses_short_korean_patterns(demo):
    """Why short queries never go to the FTS table: this LIKE finds nothing there."""
    freshness.sync()
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_firm_fts WHERE names LIKE '%한컴%'")
        on_fts = cursor.fetchall()
        cursor.execute("SELECT firm_id FROM search_firmsearchdocument WHERE names LIKE '%한컴%'")
        on_base = cursor.fetchall()
    assert len(on_base) == 1
    if connection.Database.sqlite_version_info[:2] == (3, 40):
        assert on_fts == []


@pytest.fixture
def many_firms(demo):
    """Enough rows (and fresh statistics) for the planner to prefer an index, as in production."""
    Firm.objects.bulk_create(
        Firm(
            slug=f"bulk-{n}", name_ko=f"[합성] 대량기업 {n}", name_en=f"Bulk {n}", is_published=True
        )
        for n in range(3000)
    )
    rebuild_index()
    with connection.cursor() as cursor:
        # Rows inserted in this (test) transaction sit in the GIN pending lists, which makes the
        # planner shun the indexes; flush them as autovacuum would, then refresh statistics.
        for index in ("names", "choseong", "keywords", "body"):
            cursor.execute(f"SELECT gin_clean_pending_list('search_firm_{index}_trgm'::regclass)")
        cursor.execute("ANALYZE")


def _explain(queryset):
    sql, params = queryset.query.get_compiler(using="default").as_sql()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("컴퓨터", "search_firm_names_trgm"),
        ("컴퓨터", "search_firm_body_trgm"),
        ("컴퓨터", "search_firm_keywords_trgm"),
        ("ㅎㄱㄱㅋ", "search_firm_choseong_trgm"),
        ("megazome", "search_firm_names_trgm"),
    ],
)
def test_postgresql_query_uses_the_trigram_index(many_firms, query, index):
    plan = _explain(search_firms(Firm.objects.published(), query))
    assert index in plan, plan


@postgres_only
def test_postgresql_indexes_and_extension_exist(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s",
            [FirmSearchDocument._meta.db_table],
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {"search_firm_names_trgm", "search_firm_choseong_trgm", "search_firm_body_trgm"} <= names


@postgres_only
def test_postgresql_trigrams_see_hangul_in_this_database(db):
    """With LC_CTYPE C.UTF-8 pg_trgm treats Hangul as letters (with C it would not)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_length(show_trgm('한글과컴퓨터'), 1)")
        assert cursor.fetchone()[0] > 0
