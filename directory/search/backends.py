"""How each database finds candidate documents. Picked by ``connection.vendor``.

Both backends return a queryset of document primary keys (firm_id/partner_id) for a query that
is already folded (see ``text.fold``). Ranking is done in ``services`` on the same columns.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from .models import FirmSearchDocument, PartnerSearchDocument

# FTS5's trigram tokenizer indexes 3-character sequences: shorter queries cannot use it.
TRIGRAM = 3
# Typo tolerance (PostgreSQL): only for Latin-script queries of this length or more.
FUZZY_MIN_LENGTH = 4

FTS_TABLES = {
    FirmSearchDocument: "search_firm_fts",
    PartnerSearchDocument: "search_partner_fts",
}


def fts_phrase(query: str) -> str:
    """Quote a query as one FTS5 phrase: the whole string must occur, operators are inert."""
    return '"' + query.replace('"', '""') + '"'


def _like(columns: tuple[str, ...], query: str) -> Q:
    cond = Q()
    for column in columns:
        cond |= Q(**{f"{column}__contains": query})
    return cond


def is_fuzzy_candidate(query: str) -> bool:
    return len(query) >= FUZZY_MIN_LENGTH and query.isascii() and any(c.isalpha() for c in query)


class SQLiteBackend:
    """FTS5 trigram MATCH for 3+ characters; LIKE on the document table below that.

    Never LIKE on the FTS table: SQLite 3.40 returns no rows for short non-ASCII LIKE
    patterns there. No typo tolerance on SQLite.
    """

    vendor = "sqlite"
    supports_typos = False

    def matching_ids(self, model, query: str, columns: tuple[str, ...]) -> QuerySet:
        pk = model._meta.pk.attname
        if len(query) >= TRIGRAM:
            table = FTS_TABLES[model]
            # '{names body} : "..."' restricts the phrase to these columns.
            match = "{" + " ".join(columns) + "} : " + fts_phrase(query)
            ids = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", (match,))
            return model.objects.filter(pk__in=ids).values(pk)
        return model.objects.filter(_like(columns, query)).values(pk)


class PostgreSQLBackend:
    """``LIKE '%q%'`` on folded columns, served by pg_trgm GIN indexes; similarity for typos."""

    vendor = "postgresql"
    supports_typos = True

    def matching_ids(self, model, query: str, columns: tuple[str, ...]) -> QuerySet:
        pk = model._meta.pk.attname
        cond = _like(columns, query)
        if "names" in columns and is_fuzzy_candidate(query):
            # names %> q: word_similarity(q, names) above pg_trgm.word_similarity_threshold.
            cond |= Q(names__trigram_word_similar=query)
        return model.objects.filter(cond).values(pk)


class GenericBackend:
    """Any other database: plain LIKE on the document table (correct, not indexed)."""

    vendor = "other"
    supports_typos = False

    def matching_ids(self, model, query: str, columns: tuple[str, ...]) -> QuerySet:
        return model.objects.filter(_like(columns, query)).values(model._meta.pk.attname)


def get_backend():
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    return GenericBackend()
