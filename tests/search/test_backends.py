"""Database-specific index paths: SQLite FTS5 + bm25, PostgreSQL tsvector GIN + pg_trgm for typos."""

import pytest
from django.db import connection

from directory.firms.models import Firm
from directory.search import freshness
from directory.search.backends import fts_phrase, get_backend, names_sql
from directory.search.index import rebuild_index
from directory.search.models import FirmSearchDocument
from directory.search.services import find, parse_query, ranked, search_firms
from tests.factories import make_firm

from .conftest import postgres_only, sqlite_only

pytestmark = pytest.mark.django_db


def test_fts_phrase_quotes_the_query_and_doubles_quotes():
    assert fts_phrase("한컴") == '"한컴"'
    assert fts_phrase('a"b') == '"a""b"'


def test_backend_follows_the_database_vendor():
    assert get_backend().vendor == connection.vendor


def _match_sql(q, kind="firm"):
    return get_backend().match_sql(kind, parse_query(q))[0]


@sqlite_only
def test_sqlite_searches_the_fts5_table_with_bm25(demo):
    sql = _match_sql("컴퓨터")
    assert "search_firm_text MATCH" in sql
    assert "bm25(search_firm_text" in sql
    assert [f.slug for f in search_firms(Firm.objects.all(), "컴퓨터")] == ["hancom"]


@sqlite_only
@pytest.mark.parametrize("query", ["컴퓨터", "ㅎㄱㄱㅋ", "컴"])
def test_sqlite_reads_names_from_the_covering_index(demo, query):
    """The name tier and one-character queries read (key, names, choseong) from the index,
    never the document rows with their analysed text (migration 0009)."""
    parsed = parse_query(query)
    sql, params = names_sql("firm", parsed) if parsed.is_short else _match_sql_params(query)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX search_firm_names" in plan, plan
    assert [f.slug for f in search_firms(Firm.objects.all(), query)] == ["hancom"]


def _match_sql_params(q, kind="firm"):
    return get_backend().match_sql(kind, parse_query(q))


def test_find_returns_hits_in_ranking_order(demo):
    for query in ("클라우드", "cloud", "운영", "클"):
        hits = find(parse_query(query))
        assert hits == ranked(hits), query


def test_two_character_queries_go_through_the_index(demo):
    parsed = parse_query("운영")
    assert not parsed.is_short
    assert "MATCH" in _match_sql("운영") or "@@" in _match_sql("운영")


def test_one_character_queries_compare_names_only(demo):
    parsed = parse_query("컴")
    assert parsed.is_short
    sql, _params = names_sql("firm", parsed)
    assert "MATCH" not in sql and "@@" not in sql
    assert [f.slug for f in search_firms(Firm.objects.all(), "컴")] == ["hancom"]


@sqlite_only
def test_sqlite_fts_table_follows_the_document_table(demo):
    def fts_ids(phrase):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_firm_text WHERE search_firm_text MATCH %s", [phrase]
            )
            return [row[0] for row in cursor.fetchall()]

    firm = make_firm(name_ko="가나다컴퓨팅")
    freshness.sync()
    assert fts_ids('"다컴 컴퓨"') == [firm.pk]
    firm.name_ko = "가나다소프트"
    firm.save()
    freshness.sync()
    assert fts_ids('"다컴 컴퓨"') == []
    assert fts_ids('"다소 소프"') == [firm.pk]
    firm.delete()
    assert fts_ids('"다소 소프"') == []


@sqlite_only
def test_sqlite_typo_tolerance_reads_the_name_vocabulary(demo):
    freshness.sync()
    sql, params = get_backend().typos_sql("firm", parse_query("megazome"))
    assert "{name_tokens}" in params[-1] and "megazone" in params[-1]


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
        for index in ("search_firm_names_trgm", "search_firm_vector_gin"):
            cursor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")
        cursor.execute("ANALYZE")


def _explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("컴퓨터", "search_firm_vector_gin"),
        ("운영", "search_firm_vector_gin"),
        ("ㅎㄱㄱㅋ", "search_firm_vector_gin"),
        ("cloud", "search_firm_vector_gin"),
    ],
)
def test_postgresql_query_uses_the_tsvector_index(many_firms, query, index):
    plan = _explain(*get_backend().match_sql("firm", parse_query(query)))
    assert index in plan, plan


@postgres_only
def test_postgresql_typo_tolerance_uses_the_trigram_index(many_firms):
    plan = _explain(*get_backend().typos_sql("firm", parse_query("megazome")))
    assert "search_firm_names_trgm" in plan, plan


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
    assert {"search_firm_names_trgm", "search_firm_vector_gin"} <= names


@postgres_only
def test_postgresql_trigrams_see_hangul_in_this_database(db):
    """With LC_CTYPE C.UTF-8 pg_trgm treats Hangul as letters (with C it would not)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_length(show_trgm('한글과컴퓨터'), 1)")
        assert cursor.fetchone()[0] > 0
