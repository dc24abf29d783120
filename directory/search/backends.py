"""How each database finds candidate documents. Picked by ``connection.vendor``.

Each backend returns a ``Q`` on the searched model (Firm, OverseasPartner) for a query that is
already folded (see ``text.fold``); ``relation`` is the reverse one-to-one name of the document
(``search_document``), so the filter and the ranking in ``services`` share one join.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q
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


def _like(relation: str, columns: tuple[str, ...], query: str) -> Q:
    cond = Q()
    for column in columns:
        cond |= Q(**{f"{relation}__{column}__contains": query})
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

    def condition(self, document_model, relation: str, query: str, columns: tuple[str, ...]) -> Q:
        if len(query) >= TRIGRAM:
            table = FTS_TABLES[document_model]
            # '{names body} : "..."' restricts the phrase to these columns. The FTS rowid is the
            # document's primary key, which is the firm's (partner's) primary key.
            match = "{" + " ".join(columns) + "} : " + fts_phrase(query)
            ids = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", (match,))
            return Q(pk__in=ids)
        return _like(relation, columns, query)


class PostgreSQLBackend:
    """``LIKE '%q%'`` on folded columns, served by pg_trgm GIN indexes; similarity for typos."""

    vendor = "postgresql"
    supports_typos = True

    def condition(self, document_model, relation: str, query: str, columns: tuple[str, ...]) -> Q:
        cond = _like(relation, columns, query)
        if "names" in columns and is_fuzzy_candidate(query):
            # names %> q: word_similarity(q, names) above pg_trgm.word_similarity_threshold (0.6).
            cond |= Q(**{f"{relation}__names__trigram_word_similar": query})
        return cond


class GenericBackend:
    """Any other database: plain LIKE on the document table (correct, not indexed)."""

    vendor = "other"
    supports_typos = False

    def condition(self, document_model, relation: str, query: str, columns: tuple[str, ...]) -> Q:
        return _like(relation, columns, query)


def get_backend():
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    return GenericBackend()
