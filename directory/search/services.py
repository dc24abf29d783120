"""Firm and partner search: parse a query once, find and rank its matches one way.

Ranking, defined once (``rank_key``): exact name matches first, then names that start with the
query (both decided by ``backends.tier_sql``), then the field-weighted score of the analysed
text (FTS5 ``bm25()`` / ``ts_rank_cd``: names and aliases above specialties, above summaries,
above descriptions); ties by name, then id. Every caller runs the same ``find``: the
directory's facet index (public/facet_index.py), the combined results page, autocomplete
(``suggest``) and the public partner list (``search_partners``).

Queries of two or more characters are analysed (``analysis.query_terms``) and searched through
the index in every text field and language; a query naming a specialty (in any language or by a
synonym) also searches that specialty's other terms. One-character queries compare names (and
initial consonants) only. Typo tolerance runs only when the index found almost nothing.
See docs/search.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import Case, FloatField, IntegerField, QuerySet, Value, When

from directory.changes import log
from directory.changes.log import Batch, Follower

from . import freshness
from .analysis import MIN_INDEXED_LENGTH, Lexicon, Term, fold, query_terms
from .backends import get_backend, names_sql
from .documents import name_key, specialty_terms
from .hangul import choseong_query, is_choseong_query

RANK_EXACT = 0
RANK_PREFIX = 1
RANK_OTHER = 2
# Typo tolerance only when the index found fewer matches than this.
FUZZY_BELOW = 3


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # folded
    key: str  # folded, without spaces: compared with names (or initials)
    is_choseong: bool
    terms: tuple[Term, ...] = ()  # every term must match (analysed query)
    synonyms: tuple[tuple[Term, ...], ...] = field(default=(), compare=True)
    # The search documents were brought up to the change log for this query (prepare_query).
    synced: bool = field(default=False, compare=False)

    @property
    def is_short(self) -> bool:
        """One character (or nothing but stopwords): names only, as before the analyser."""
        return len(self.key) < MIN_INDEXED_LENGTH or not self.terms

    @property
    def rank_column(self) -> str:
        return "choseong" if self.is_choseong else "names"

    @property
    def alternatives(self) -> list[tuple[Term, ...]]:
        """The query's terms, or any specialty term it names (synonym layer)."""
        return [self.terms, *self.synonyms]


def prepare_query(q: str | None) -> ParsedQuery | None:
    """``q`` parsed for searching now: the search documents are brought up to the change log
    and the lexicon read as of the same change (one query when nothing changed)."""
    end = log.latest()
    freshness.sync(end)
    parsed = parse_query(q, current_lexicon(end))
    return None if parsed is None else replace(parsed, synced=True)


def parse_query(q: str | None, lexicon: Lexicon | None = None) -> ParsedQuery | None:
    """Fold and analyse the query; None for an empty one. ``lexicon`` adds the synonyms of a
    specialty the query names (``current_lexicon()`` when not given)."""
    text = fold(q)
    if not text:
        return None
    if is_choseong_query(text):
        key = choseong_query(text)
        terms = (Term(tuple(key[i : i + 2] for i in range(len(key) - 1)) or (key,), key),)
        return ParsedQuery(text=key, key=key, is_choseong=True, terms=terms)
    key = name_key(text)
    terms = tuple(query_terms(text))
    synonyms: tuple[tuple[Term, ...], ...] = ()
    if terms and len(key) >= MIN_INDEXED_LENGTH:
        lexicon = lexicon if lexicon is not None else current_lexicon()
        alternatives = []
        for synonym in lexicon.synonyms(text):
            alternative = tuple(query_terms(synonym, prefix=False))
            if alternative and alternative != terms and alternative not in alternatives:
                alternatives.append(alternative)
        synonyms = tuple(alternatives)
    return ParsedQuery(text=text, key=key, is_choseong=False, terms=terms, synonyms=synonyms)


def load_lexicon() -> Lexicon:
    """Every specialty's names and synonyms (one query)."""
    from directory.firms.models import Specialty

    specialties = Specialty.objects.only("pk", "name_ko", "name_en", "name_zh", "synonyms")
    return Lexicon.build((s.pk, specialty_terms(s)) for s in specialties)


def _lexicon_updated(lexicon: Lexicon, batch: Batch) -> Lexicon:
    return load_lexicon() if batch.specialties else lexicon


# The lexicon: specialty terms, kept per process and reloaded when a specialty changes.
_lexicon: Follower[Lexicon] = Follower(load_lexicon, _lexicon_updated)


def current_lexicon(end: int | None = None) -> Lexicon:
    """The lexicon as of change ``end`` (default: the newest; the directory passes the id it
    read for the request, so this costs no query)."""
    return _lexicon.get(end)


def forget_lexicon() -> None:
    _lexicon.clear()


@dataclass(frozen=True)
class Hit:
    pk: int
    tier: int
    score: float


def rank_key(tier: int, score: float) -> tuple[int, float]:
    """THE ranking order (ascending): tier, then the field-weighted score, best first (to nine
    significant digits, so float noise never decides). Callers break ties by name, then id."""
    return (tier, -float(f"{score:.9g}"))


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def find(parsed: ParsedQuery, kind: str = "firm", *, fresh: bool = False) -> list[Hit]:
    """Every firm (or partner, ``kind="partner"``) matching the query, published or not, with
    its tier and score: one query, and a second for typo tolerance when the first found fewer
    than ``FUZZY_BELOW``. The search documents are brought up to the change log first, unless
    the caller did (``fresh``: the directory does it once per request). In ranking order
    (``find_ranked``)."""
    rows = find_ranked(parsed, kind, fresh=fresh)
    return [Hit(pk, tier, float(score or 0)) for pk, tier, score in rows]


Row = tuple[int, int, float]


def find_ranked(parsed: ParsedQuery, kind: str = "firm", *, fresh: bool = False) -> list[Row]:
    """``find``'s hits as (pk, tier, score) rows in ranking order: tier, then the score, best
    first, then pk. The database sorts them (a broad query has thousands of matches, which
    Python would sort several times slower); hits whose scores differ only in float noise
    (``rank_key``) may come in score order rather than by pk within their run of equal keys,
    which callers order by name anyway."""
    if not (fresh or parsed.synced):
        freshness.sync()
    backend = get_backend()
    if parsed.is_short:
        sql, params = names_sql(kind, parsed)
        return _rows(f"{sql} ORDER BY 2, 1", params)
    sql, params = backend.match_sql(kind, parsed)
    found = _rows(f"{sql} ORDER BY 2, 3 DESC, 1", params)
    if len(found) >= FUZZY_BELOW:
        return found
    typos = backend.typos_sql(kind, parsed)
    if typos is None:
        return found
    hits = {pk: Hit(pk, tier, float(score or 0)) for pk, tier, score in found}
    for pk, tier, score in _rows(*typos):
        # A typo match always ranks below every real match of the query.
        hits.setdefault(pk, Hit(pk, max(tier, RANK_OTHER), float(score or 0) - 1000.0))
    return [(hit.pk, hit.tier, hit.score) for hit in ranked(hits.values())]


def match_firm_ids(q: str | None) -> list[int] | None:
    """Primary keys of every firm matching ``q`` (published or not); None without a query."""
    parsed = parse_query(q)
    return None if parsed is None else [hit.pk for hit in find(parsed)]


def ranked(hits: Iterable[Hit]) -> list[Hit]:
    return sorted(hits, key=lambda hit: (*rank_key(hit.tier, hit.score), hit.pk))


def _annotated(queryset: QuerySet, hits: list[Hit]) -> QuerySet:
    """``queryset`` narrowed to the hits, with ``search_rank`` and ``search_score``: for the
    small result sets of partners and of ``ranked_objects``' pages."""
    if not hits:
        return queryset.none().annotate(
            search_rank=Value(RANK_OTHER, output_field=IntegerField()),
            search_score=Value(0.0, output_field=FloatField()),
        )
    tiers = Case(
        *(When(pk=hit.pk, then=Value(hit.tier)) for hit in hits if hit.tier != RANK_OTHER),
        default=Value(RANK_OTHER),
        output_field=IntegerField(),
    )
    scores = Case(
        *(When(pk=hit.pk, then=Value(float(f"{hit.score:.9g}"))) for hit in hits),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=[hit.pk for hit in hits]).annotate(
        search_rank=tiers, search_score=scores
    )


def search_partners(queryset: QuerySet, q: Query) -> QuerySet:
    """Partners matching ``q``, annotated with ``search_rank`` and ``search_score``: order by
    ``SEARCH_ORDER`` (partners are few, so the hits travel as values)."""
    parsed = parsed_query(q)
    if parsed is None:
        return queryset.annotate(
            search_rank=Value(RANK_OTHER, output_field=IntegerField()),
            search_score=Value(0.0, output_field=FloatField()),
        )
    return _annotated(queryset, find(parsed, "partner"))


# How a queryset annotated by search_partners / ranked_objects is ordered.
SEARCH_ORDER = ("search_rank", "-search_score", "name_ko", "pk")


# At most this many extra hits tied with the last one chosen are fetched to order ties by name.
TIES_CAP = 200
CHUNK = 5000

Query = str | ParsedQuery | None


def parsed_query(q: Query) -> ParsedQuery | None:
    """A query as given, parsed once (callers searching firms and partners parse once)."""
    return q if isinstance(q, ParsedQuery) else parse_query(q)


def ranked_objects(
    queryset: QuerySet, q: Query, limit: int, kind: str = "firm", *, count: bool = False
) -> tuple[int | None, list]:
    """(how many objects of ``queryset`` match — when ``count`` — and the best ``limit`` of them
    in ranking order, ties by Korean name then id), each with ``search_rank`` and
    ``search_score``. Walks the hits in ranking order in batches, so a broad query never loads
    every match: usually two queries (find, one batch), a third with ``count``."""
    parsed = parsed_query(q)
    if parsed is None:
        return (0 if count else None), []
    hits = find(parsed, kind)  # in ranking order
    total = None
    if count:
        total = sum(
            queryset.filter(pk__in=[h.pk for h in hits[i : i + CHUNK]]).count()
            for i in range(0, len(hits), CHUNK)
        )
    chosen: list = []
    last: tuple | None = None
    batch = max(4 * limit, 50)
    position = 0
    while position < len(hits):
        candidates = hits[position : position + batch]
        position += batch
        objects = queryset.filter(pk__in=[h.pk for h in candidates]).in_bulk()
        for hit in candidates:
            obj = objects.get(hit.pk)
            if obj is None:
                continue
            key = rank_key(hit.tier, hit.score)
            if len(chosen) >= limit and (key != last or len(chosen) >= limit + TIES_CAP):
                position = len(hits)
                break
            obj.search_rank, obj.search_score = hit.tier, hit.score
            chosen.append(obj)
            last = key
    chosen.sort(key=lambda o: (*rank_key(o.search_rank, o.search_score), o.name_ko, o.pk))
    return total, chosen[:limit]


def search_firms(queryset: QuerySet, q: Query) -> QuerySet:
    """Firms of ``queryset`` matching ``q``, annotated with ``search_rank`` and
    ``search_score`` (order by ``SEARCH_ORDER``). Carries every hit as a value: for small
    result sets and tests; pages use ``ranked_objects`` or the facet index."""
    parsed = parsed_query(q)
    if parsed is None:
        return queryset.annotate(
            search_rank=Value(RANK_OTHER, output_field=IntegerField()),
            search_score=Value(0.0, output_field=FloatField()),
        )
    return _annotated(queryset, find(parsed, "firm"))


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

    parsed = prepare_query(q)
    if parsed is None:
        return []
    _count, firms = ranked_objects(Firm.objects.published().only(*_NAME_FIELDS), parsed, limit)
    _count, partners = ranked_objects(
        OverseasPartner.objects.for_public_display().only(*_NAME_FIELDS), parsed, limit, "partner"
    )
    found: list[Suggestion] = []
    for kind, objects in (("firm", firms), ("partner", partners)):
        for obj in objects:
            name = localize(obj, "name")
            found.append(
                Suggestion(name.text, name.language, kind, obj.get_absolute_url(), obj.search_rank)
            )
    # Stable sort: at equal rank firms stay before partners, each in ranking order.
    found.sort(key=lambda suggestion: suggestion.rank)
    return found[:limit]
