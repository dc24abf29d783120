"""Firm and partner search. Views call these functions; how they search is this module's business.

Contract (kept stable for the views):
- ``search_firms(queryset, q)`` returns ``queryset`` narrowed to firms matching ``q`` and
  annotated with ``search_rank`` (lower is better: 0 exact name, 1 name prefix, 2 other field).
- ``search_partners(queryset, q)`` does the same for overseas partners.

Names include aliases and are compared without spaces. A query made only of initial consonants
(``ㅎㄱㄱㅋ``) is matched against the initial consonants of the names instead. Queries of one or
two characters match names and keywords (specialty names, cities) only: a trigram index cannot
serve them and in long texts they mostly match noise. See docs/search.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from . import freshness
from .backends import TRIGRAM, get_backend
from .documents import SEPARATOR, name_key
from .hangul import choseong_query, is_choseong_query
from .text import fold

RANK_EXACT = 0
RANK_PREFIX = 1
RANK_OTHER = 2


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # folded: compared with keywords and body
    key: str  # folded, without spaces: compared with names (or choseong)
    is_choseong: bool

    @property
    def is_short(self) -> bool:
        """Too short for a trigram index: names and keywords only, never long texts."""
        return len(self.key) < TRIGRAM or len(self.text) < TRIGRAM

    @property
    def rank_column(self) -> str:
        return "choseong" if self.is_choseong else "names"


def parse_query(q: str | None) -> ParsedQuery | None:
    """Fold the query and decide what it is compared with; None for an empty query."""
    text = fold(q)
    if not text:
        return None
    if is_choseong_query(text):
        key = choseong_query(text)
        return ParsedQuery(text=key, key=key, is_choseong=True)
    return ParsedQuery(text=text, key=name_key(text), is_choseong=False)


def _rank(relation: str | None, parsed: ParsedQuery) -> Case:
    column = f"{parsed.rank_column}__contains"
    if relation:
        column = f"{relation}__{column}"
    return Case(
        When(Q(**{column: SEPARATOR + parsed.key + SEPARATOR}), then=Value(RANK_EXACT)),
        When(Q(**{column: SEPARATOR + parsed.key}), then=Value(RANK_PREFIX)),
        default=Value(RANK_OTHER),
        output_field=IntegerField(),
    )


def _search(queryset: QuerySet, q: str | None, document_model) -> QuerySet:
    parsed = parse_query(q)
    if parsed is None:
        return queryset.annotate(search_rank=Value(RANK_OTHER, output_field=IntegerField()))
    freshness.sync()
    cond = get_backend().condition(document_model, parsed)
    matches = document_model.objects.filter(cond).values("pk")
    return queryset.filter(pk__in=matches).annotate(search_rank=_rank("search_document", parsed))


def match_firm_ids(q: str | None) -> list[int] | None:
    """Primary keys of every firm matching ``q`` (published or not), in one query; None
    without a query. The directory combines them with its filters in memory, so the search
    condition runs once per request instead of once per count; ``rank_names`` ranks them."""
    parsed = parse_query(q)
    if parsed is None:
        return None
    freshness.sync()
    return match_parsed_ids(parsed)


def match_parsed_ids(parsed: ParsedQuery) -> list[int]:
    """``match_firm_ids`` for a query already parsed; the caller has brought the documents up
    to date (``freshness.sync``), as the directory's facet index does once per request."""
    from .models import FirmSearchDocument

    backend = get_backend()
    direct = backend.match_sql(FirmSearchDocument, parsed)  # SQLite FTS5: no document table
    if direct is None:
        cond = backend.condition(FirmSearchDocument, parsed)
        direct = FirmSearchDocument.objects.filter(cond).values_list("pk").query.sql_with_params()
    sql, params = direct
    # Tens of thousands of ids: aggregated into one value rather than one row each.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT group_concat(pk) FROM ({sql})", params)
            text = cursor.fetchone()[0]
            return [int(pk) for pk in text.split(",")] if text else []
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT array_agg(pk) FROM ({sql}) AS matches", params)
            return cursor.fetchone()[0] or []
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def rank_names(parsed: ParsedQuery, names: str | None) -> int:
    """``search_rank`` of a document, in Python: ``names`` is its ``rank_column`` (names or
    choseong), as ``_rank`` compares them in SQL."""
    if names and SEPARATOR + parsed.key in names:
        return RANK_EXACT if SEPARATOR + parsed.key + SEPARATOR in names else RANK_PREFIX
    return RANK_OTHER


def search_firms(queryset: QuerySet, q: str | None) -> QuerySet:
    from .models import FirmSearchDocument

    return _search(queryset, q, FirmSearchDocument)


def search_partners(queryset: QuerySet, q: str | None) -> QuerySet:
    from .models import PartnerSearchDocument

    return _search(queryset, q, PartnerSearchDocument)


@dataclass(frozen=True)
class Suggestion:
    label: str
    lang: str  # language of the label (Korean when the active language has no name yet)
    kind: str  # "firm" or "partner"
    url: str
    rank: int

    def as_json(self) -> dict[str, str]:
        return {"label": self.label, "lang": self.lang, "kind": self.kind, "url": self.url}


SUGGEST_LIMIT = 8
_NAME_FIELDS = ("pk", "slug", "name_ko", "name_en", "name_zh")


def suggest(q: str | None, limit: int = SUGGEST_LIMIT) -> list[Suggestion]:
    """Published firms and current partners whose names or texts match, best first."""
    from directory.firms.models import Firm
    from directory.firms.translation import localize
    from directory.partners.models import OverseasPartner

    if parse_query(q) is None:
        return []
    firms = search_firms(Firm.objects.published().only(*_NAME_FIELDS), q)
    partners = search_partners(OverseasPartner.objects.for_public_display().only(*_NAME_FIELDS), q)
    found: list[Suggestion] = []
    for kind, queryset in (("firm", firms), ("partner", partners)):
        for obj in queryset.order_by("search_rank", "name_ko", "pk")[:limit]:
            name = localize(obj, "name")
            found.append(
                Suggestion(name.text, name.language, kind, obj.get_absolute_url(), obj.search_rank)
            )
    # Stable sort: at equal rank firms stay before partners, each in name order.
    found.sort(key=lambda suggestion: suggestion.rank)
    return found[:limit]
