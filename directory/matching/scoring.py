"""Explained ranking of firms for a partner's brief. Pure Python: no ORM, no request, no Django.

A firm's score is the sum of named parts (specialty fit, keyword relevance, market fit,
readiness, relationship). Every part carries machine-readable reasons (a code plus
parameters) that the view layer turns into translated sentences, so this module stays
independent of Django and of the active language.

Ranking is built for speed (100,000 firms): a ProfileIndex finds the firms a brief concerns
(inverted indexes by specialty and market, one long string per text field for keywords), only
those are scored one by one, the rest keep their precomputed order, and only the best ``limit``
firms are explained with ``score_firm``. The fast totals use score_firm's arithmetic in the same
order, and the tests hold ``rank`` to the exhaustive ``rank_exhaustive``.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

Relationship = Literal["none", "pipeline", "agreement", "ended"]
RELATIONSHIPS: tuple[Relationship, ...] = ("none", "pipeline", "agreement", "ended")

# Searchable text fields of a profile, in the order they are reported.
TEXT_FIELDS: tuple[str, ...] = (
    "name_ko",
    "name_en",
    "name_zh",
    "summary_ko",
    "summary_en",
    "summary_zh",
    "description_ko",
    "description_en",
    "description_zh",
)
# How much a keyword found in each kind of field counts (a name says more than a description).
FIELD_FACTORS: Mapping[str, float] = {"name": 1.0, "summary": 0.8, "description": 0.6}

# Specialty fit per sought specialty: the best relation of any of the firm's specialties.
EXACT, PARENT_OR_CHILD, SIBLING = "exact", "parent_or_child", "sibling"
RELATION_FACTORS: Mapping[str, float] = {EXACT: 1.0, PARENT_OR_CHILD: 0.5, SIBLING: 0.3}


def normalize_text(text: str | None) -> str:
    """NFC, casefolded, white space collapsed: the form both profiles and keywords are kept in."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


_SPLIT = re.compile(r"[\s,;、，；]+")


def parse_keywords(raw: str | Iterable[str] | None) -> tuple[str, ...]:
    """Split free text into normalised, de-duplicated keywords (order kept, at most 12)."""
    if raw is None:
        return ()
    text = raw if isinstance(raw, str) else " ".join(raw)
    words: list[str] = []
    text = "".join(c for c in text if unicodedata.category(c) != "Cc" or c.isspace())
    for word in _SPLIT.split(normalize_text(text)):
        word = word.strip("\"'()[]{}.!?")
        if word and word not in words:
            words.append(word)
    return tuple(words[:12])


# Short Latin keywords ("ai", "iot") must match whole words, or "ai" would match "chain".
_SHORT_LATIN = re.compile(r"^[a-z0-9]{1,3}$")


def _matcher(keyword: str) -> Callable[[str], bool]:
    if _SHORT_LATIN.match(keyword):
        pattern = re.compile(rf"(?<![a-z0-9]){re.escape(keyword)}(?![a-z0-9])")
        return lambda text: pattern.search(text) is not None
    # Hangul and CJK have no spaces inside compounds: a substring match finds 검사 in 정밀검사.
    return lambda text: keyword in text


@dataclass(frozen=True, slots=True)
class FirmProfile:
    """What the ranking needs to know about one published firm, precomputed once."""

    id: int
    slug: str
    name_ko: str
    name_en: str = ""
    name_zh: str = ""
    # Normalised (normalize_text) searchable text per field of TEXT_FIELDS; names include aliases.
    texts: Mapping[str, str] = field(default_factory=dict)
    specialty_ids: frozenset[int] = frozenset()
    market_codes: frozenset[str] = frozenset()
    completeness: float = 0.0  # 0..1
    has_en: bool = False
    has_zh: bool = False
    confirmed_recently: bool = False
    relationship: Relationship = "none"  # default state; a brief's partner overrides it
    is_verified: bool = False
    cluster_id: int | None = None
    size_band: str = ""

    @property
    def sort_name(self) -> str:
        return self.name_ko


@dataclass(frozen=True, slots=True)
class Brief:
    """What a partner seeks: specialties, keywords, target countries, and the partner itself."""

    specialty_ids: frozenset[int] = frozenset()
    keywords: tuple[str, ...] = ()
    country_codes: frozenset[str] = frozenset()
    partner_id: int | None = None
    # Firm id -> relationship with partner_id; firms not in it fall back to profile.relationship.
    relationships: Mapping[int, Relationship] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.specialty_ids or self.keywords or self.country_codes)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The two-level specialty tree as a map of specialty id -> parent id (None at the top)."""

    parent: Mapping[int, int | None] = field(default_factory=dict)

    def children(self, specialty_id: int) -> frozenset[int]:
        return frozenset(s for s, p in self.parent.items() if p == specialty_id)

    def relation(self, sought: int, held: int) -> str | None:
        """How a firm's specialty `held` relates to a sought specialty."""
        if sought == held:
            return EXACT
        sought_parent, held_parent = self.parent.get(sought), self.parent.get(held)
        if held == sought_parent or held_parent == sought:
            return PARENT_OR_CHILD
        if sought_parent is not None and sought_parent == held_parent:
            return SIBLING
        return None

    def related(self, sought: int) -> dict[int, str]:
        """Every specialty related to `sought`, with the relation (exact included)."""
        result = {sought: EXACT}
        parent = self.parent.get(sought)
        if parent is not None:
            result[parent] = PARENT_OR_CHILD
            for sibling in self.children(parent):
                result.setdefault(sibling, SIBLING)
        for child in self.children(sought):
            result.setdefault(child, PARENT_OR_CHILD)
        return result


@dataclass(frozen=True, slots=True)
class Weights:
    """Points available per part. A perfect firm scores the sum of the parts that apply.

    Defaults (overridable in settings.GAGYO_MATCHING_WEIGHTS):
      specialty 40   the firm has every sought specialty (a parent/child counts half, a sibling 0.3)
      keywords 30    every keyword appears in a name (summary 0.8, description 0.6)
      market 15      the firm targets one of the brief's countries
      readiness 10   complete profile (half), English/Chinese profile (0.15 each), confirmed (0.2)
      never_connected 10  boost for firms with no connection to the brief's partner yet
    """

    specialty: float = 40.0
    keywords: float = 30.0
    market: float = 15.0
    readiness: float = 10.0
    never_connected: float = 10.0

    @classmethod
    def from_mapping(cls, overrides: Mapping[str, Any] | None) -> Weights:
        """Defaults with any known keys replaced; unknown keys raise so typos are caught."""
        if not overrides:
            return cls()
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"Unknown matching weight(s): {', '.join(sorted(unknown))}")
        return replace(cls(), **{k: float(v) for k, v in overrides.items()})

    def maximum(self, brief: Brief) -> float:
        """The best total possible for this brief (for the score bar)."""
        total = self.readiness
        if brief.specialty_ids:
            total += self.specialty
        if brief.keywords:
            total += self.keywords
        if brief.country_codes:
            total += self.market
        if brief.partner_id is not None:
            total += self.never_connected
        return total


@dataclass(frozen=True, slots=True)
class Reason:
    """A machine-readable reason: a code and its parameters, rendered by the view layer."""

    code: str
    params: tuple[tuple[str, str | int | float], ...] = ()

    def param(self, name: str) -> Any:
        return dict(self.params).get(name)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        return cls(str(data["code"]), tuple(sorted(dict(data.get("params") or {}).items())))


# English templates for every reason code; the view layer has translated equivalents.
REASON_TEMPLATES: Mapping[str, str] = {
    "specialty_exact": "shares {specialty}",
    "specialty_parent_or_child": "close to {specialty}: has {held}",
    "specialty_sibling": "related to {specialty}: has {held}",
    "keyword": "mentions {word} in {field}",
    "market": "targets {country}",
    "completeness": "profile {percent}% complete",
    "has_en": "has an English profile",
    "has_zh": "has a Chinese profile",
    "confirmed": "profile confirmed recently",
    "relationship_none": "not yet connected",
    "relationship_pipeline": "already in the pipeline",
    "relationship_agreement": "agreement reached",
    "relationship_ended": "connected before (dormant or closed)",
}


@dataclass(frozen=True, slots=True)
class ScorePart:
    name: str  # specialty | keywords | market | readiness | relationship
    points: float
    reasons: tuple[Reason, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "points": round(self.points, 2),
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class MatchResult:
    firm_id: int
    total: float
    parts: tuple[ScorePart, ...]
    relationship: Relationship
    profile: FirmProfile | None = None

    def part(self, name: str) -> ScorePart | None:
        return next((p for p in self.parts if p.name == name), None)


@dataclass(frozen=True, slots=True)
class Filters:
    """Narrow the candidates before ranking (all optional)."""

    exclude_connected: bool = False
    only_verified: bool = False
    cluster_id: int | None = None
    size_band: str = ""


class _Context:
    """Everything about a brief that can be worked out once, not once per firm."""

    __slots__ = ("brief", "weights", "sought", "related_ids", "matchers", "countries")

    def __init__(self, brief: Brief, weights: Weights, taxonomy: Taxonomy) -> None:
        self.brief = brief
        self.weights = weights
        self.sought: list[tuple[int, dict[int, str]]] = [
            (s, taxonomy.related(s)) for s in sorted(brief.specialty_ids)
        ]
        self.related_ids: frozenset[int] = frozenset(i for _s, rel in self.sought for i in rel)
        self.matchers = [(k, _matcher(k)) for k in brief.keywords]
        self.countries = brief.country_codes


def relationship_of(profile: FirmProfile, brief: Brief) -> Relationship:
    return brief.relationships.get(profile.id, profile.relationship)


def readiness_fraction(profile: FirmProfile) -> float:
    return (
        0.5 * max(0.0, min(1.0, profile.completeness))
        + (0.15 if profile.has_en else 0.0)
        + (0.15 if profile.has_zh else 0.0)
        + (0.2 if profile.confirmed_recently else 0.0)
    )


def score_firm(
    profile: FirmProfile, ctx: _Context, explain: bool = False
) -> tuple[float, tuple[ScorePart, ...]]:
    """The firm's total and, when `explain`, its parts with reasons."""
    w = ctx.weights
    parts: list[ScorePart] = []
    total = 0.0

    # Specialty fit: for each sought specialty, the best relation among the firm's specialties.
    if ctx.sought:
        points = 0.0
        held = profile.specialty_ids
        if held and not held.isdisjoint(ctx.related_ids):
            reasons: list[Reason] = []
            fit = 0.0
            for sought, related in ctx.sought:
                best, best_held, best_rel = 0.0, 0, ""
                for h in sorted(held):
                    rel = related.get(h)
                    if rel and RELATION_FACTORS[rel] > best:
                        best, best_held, best_rel = RELATION_FACTORS[rel], h, rel
                fit += best
                if explain and best:
                    params: tuple[tuple[str, str | int | float], ...] = (("specialty", sought),)
                    if best_rel != EXACT:
                        params = (("held", best_held), ("specialty", sought))
                    reasons.append(Reason(f"specialty_{best_rel}", params))
            points = w.specialty * fit / len(ctx.sought)
            if explain:
                parts.append(ScorePart("specialty", points, tuple(reasons)))
        elif explain:
            parts.append(ScorePart("specialty", 0.0))
        total += points

    # Keyword relevance: each keyword counts by the best field it appears in.
    if ctx.matchers:
        fit = 0.0
        reasons = []
        for word, matches in ctx.matchers:
            best, best_field = 0.0, ""
            for name in TEXT_FIELDS:
                text = profile.texts.get(name, "")
                factor = FIELD_FACTORS[name.rsplit("_", 1)[0]]
                if factor > best and text and matches(text):
                    best, best_field = factor, name
            fit += best
            if explain and best:
                reasons.append(Reason("keyword", (("field", best_field), ("word", word))))
        points = w.keywords * fit / len(ctx.matchers)
        total += points
        if explain:
            parts.append(ScorePart("keywords", points, tuple(reasons)))

    # Market fit: the firm targets a country the brief is about.
    if ctx.countries:
        common = profile.market_codes & ctx.countries
        points = w.market if common else 0.0
        total += points
        if explain:
            reasons = [Reason("market", (("country", c),)) for c in sorted(common)]
            parts.append(ScorePart("market", points, tuple(reasons)))

    # Readiness: can the partner read about the firm, and is the profile current?
    points = w.readiness * readiness_fraction(profile)
    total += points
    if explain:
        reasons = [Reason("completeness", (("percent", round(profile.completeness * 100)),))]
        if profile.has_en:
            reasons.append(Reason("has_en"))
        if profile.has_zh:
            reasons.append(Reason("has_zh"))
        if profile.confirmed_recently:
            reasons.append(Reason("confirmed"))
        parts.append(ScorePart("readiness", points, tuple(reasons)))

    # Relationship with the brief's partner: always labelled, boosted when never connected.
    if ctx.brief.partner_id is not None:
        state = relationship_of(profile, ctx.brief)
        points = w.never_connected if state == "none" else 0.0
        total += points
        if explain:
            parts.append(ScorePart("relationship", points, (Reason(f"relationship_{state}"),)))

    return total, tuple(parts)


def passes(profile: FirmProfile, filters: Filters, brief: Brief) -> bool:
    if filters.exclude_connected and relationship_of(profile, brief) != "none":
        return False
    if filters.only_verified and not profile.is_verified:
        return False
    if filters.cluster_id is not None and profile.cluster_id != filters.cluster_id:
        return False
    return not (filters.size_band and profile.size_band != filters.size_band)


def apply_filters(
    profiles: Iterable[FirmProfile], filters: Filters, brief: Brief
) -> list[FirmProfile]:
    """The profiles that pass the filters (the brief supplies relationships)."""
    return [p for p in profiles if passes(p, filters, brief)]


def _order_key(total: float, profile: FirmProfile) -> tuple[float, str, int]:
    # Round so that float noise never decides an order; then name, then id (deterministic).
    return (-round(total, 6), profile.sort_name, profile.id)


class ProfileIndex:
    """Profiles plus inverted indexes, built once, so a brief touches only the firms it concerns.

    Most firms have no specialty, keyword or market in common with a brief: their total is
    just readiness (plus the never-connected boost), so their order is known in advance. Only
    the candidates (firms the brief's specialties, keywords or countries reach, and firms
    with a relationship) are scored one by one. Keywords are found by scanning one long
    string per text field, in C, instead of 100,000 small strings in Python.
    """

    def __init__(self, profiles: Iterable[FirmProfile]) -> None:
        self.profiles: list[FirmProfile] = list(profiles)
        self.position = {p.id: i for i, p in enumerate(self.profiles)}
        self.readiness = [readiness_fraction(p) for p in self.profiles]
        self.by_specialty: dict[int, list[int]] = {}
        self.by_market: dict[str, list[int]] = {}
        for i, p in enumerate(self.profiles):
            for s in p.specialty_ids:
                self.by_specialty.setdefault(s, []).append(i)
            for c in p.market_codes:
                self.by_market.setdefault(c, []).append(i)
        self.related_by_default = [
            i for i, p in enumerate(self.profiles) if p.relationship != "none"
        ]
        # One string per field: the texts joined by NUL, with each firm's start offset.
        self.corpora: dict[str, tuple[str, list[int], list[int]]] = {}
        for name in TEXT_FIELDS:
            starts, owners, chunks, offset = [], [], [], 0
            for i, p in enumerate(self.profiles):
                text = p.texts.get(name, "")
                if text:
                    starts.append(offset)
                    owners.append(i)
                    chunks.append(text)
                    offset += len(text) + 1
            self.corpora[name] = ("\0".join(chunks), starts, owners)
        self._base_orders: dict[float, list[int]] = {}

    def __len__(self) -> int:
        return len(self.profiles)

    def base_order(self, readiness_weight: float) -> list[int]:
        """All firms by (readiness points desc, name, id): the order of firms without signals."""
        order = self._base_orders.get(readiness_weight)
        if order is None:
            profiles, readiness = self.profiles, self.readiness
            order = sorted(
                range(len(profiles)),
                key=lambda i: _order_key(readiness_weight * readiness[i], profiles[i]),
            )
            self._base_orders[readiness_weight] = order
        return order

    def find(self, name: str, keyword: str) -> set[int]:
        """Indexes of the firms whose field `name` contains `keyword` (see _matcher)."""
        text, starts, owners = self.corpora[name]
        found: set[int] = set()
        if not text:
            return found
        if _SHORT_LATIN.match(keyword):
            pattern = re.compile(rf"(?<![a-z0-9]){re.escape(keyword)}(?![a-z0-9])")
            for match in pattern.finditer(text):
                found.add(owners[bisect_right(starts, match.start()) - 1])
            return found
        pos = text.find(keyword)
        last = len(starts) - 1
        while pos != -1:
            j = bisect_right(starts, pos) - 1
            found.add(owners[j])
            if j == last:
                break
            pos = text.find(keyword, starts[j + 1])
        return found

    def count(self, filters: Filters, brief: Brief) -> int:
        if filters == Filters():
            return len(self.profiles)
        return sum(1 for p in self.profiles if passes(p, filters, brief))


def _rank_indexed(
    index: ProfileIndex, ctx: _Context, filters: Filters, limit: int | None
) -> list[FirmProfile]:
    """The best `limit` profiles in ranking order, scoring only the candidates one by one."""
    brief, w, profiles = ctx.brief, ctx.weights, index.profiles
    spec_fit: dict[int, float] = {}
    for _sought, related in ctx.sought:
        best: dict[int, float] = {}
        for held, relation in related.items():
            factor = RELATION_FACTORS[relation]
            for i in index.by_specialty.get(held, ()):
                if factor > best.get(i, 0.0):
                    best[i] = factor
        for i, factor in best.items():  # summed per sought specialty, in score_firm's order
            spec_fit[i] = spec_fit.get(i, 0.0) + factor
    keyword_fit: dict[int, float] = {}
    fields_by_factor = sorted(TEXT_FIELDS, key=lambda n: -FIELD_FACTORS[n.rsplit("_", 1)[0]])
    for word, _matches in ctx.matchers:
        best = {}
        for name in fields_by_factor:
            factor = FIELD_FACTORS[name.rsplit("_", 1)[0]]
            for i in index.find(name, word):
                best.setdefault(i, factor)
        for i, factor in best.items():
            keyword_fit[i] = keyword_fit.get(i, 0.0) + factor
    in_market: set[int] = set()
    for code in ctx.countries:
        in_market.update(index.by_market.get(code, ()))
    related = {index.position[f] for f in brief.relationships if f in index.position}
    related.update(index.related_by_default)

    n_sought, n_words = len(ctx.sought), len(ctx.matchers)
    has_partner = brief.partner_id is not None

    def total(i: int) -> float:
        # Exactly score_firm's arithmetic, in the same order, so totals are identical.
        t = 0.0
        if n_sought:
            t += w.specialty * spec_fit.get(i, 0.0) / n_sought
        if n_words:
            t += w.keywords * keyword_fit.get(i, 0.0) / n_words
        if ctx.countries:
            t += w.market if i in in_market else 0.0
        t += w.readiness * index.readiness[i]
        if has_partner:
            t += w.never_connected if relationship_of(profiles[i], brief) == "none" else 0.0
        return t

    unfiltered = filters == Filters()
    candidates = set(spec_fit) | set(keyword_fit) | in_market | related
    keyed = [
        (_order_key(total(i), profiles[i]), i)
        for i in candidates
        if unfiltered or passes(profiles[i], filters, brief)
    ]
    # Firms without signals, already in order; the first `limit` that pass the filters.
    wanted = len(profiles) if limit is None else limit
    for i in index.base_order(w.readiness):
        if wanted <= 0:
            break
        if i in candidates or not (unfiltered or passes(profiles[i], filters, brief)):
            continue
        keyed.append((_order_key(total(i), profiles[i]), i))
        wanted -= 1
    if limit is None or limit >= len(keyed):
        keyed.sort()
    else:
        keyed = heapq.nsmallest(limit, keyed)
    return [profiles[i] for _key, i in keyed]


def rank(
    profiles: Sequence[FirmProfile] | ProfileIndex,
    brief: Brief,
    weights: Weights | None = None,
    taxonomy: Taxonomy | None = None,
    limit: int | None = None,
    filters: Filters | None = None,
) -> list[MatchResult]:
    """Rank firms for a brief: total descending, then name, then id. Explain the top `limit`."""
    index = profiles if isinstance(profiles, ProfileIndex) else ProfileIndex(profiles)
    ctx = _Context(brief, weights or Weights(), taxonomy or Taxonomy())
    results = []
    for p in _rank_indexed(index, ctx, filters or Filters(), limit):
        total, parts = score_firm(p, ctx, explain=True)
        results.append(MatchResult(p.id, total, parts, relationship_of(p, brief), p))
    return results


def rank_exhaustive(
    profiles: Sequence[FirmProfile],
    brief: Brief,
    weights: Weights | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[MatchResult]:
    """Reference ranking: score_firm on every firm. Slow; the tests hold rank() to it."""
    ctx = _Context(brief, weights or Weights(), taxonomy or Taxonomy())
    scored = [(_order_key(score_firm(p, ctx)[0], p), p) for p in profiles]
    scored.sort(key=lambda item: item[0])
    results = []
    for _key, p in scored:
        total, parts = score_firm(p, ctx, explain=True)
        results.append(MatchResult(p.id, total, parts, relationship_of(p, brief), p))
    return results


def render_reason(
    reason: Reason,
    templates: Mapping[str, str] | None = None,
    label: Callable[[str, Any], Any] | None = None,
) -> str:
    """Format a reason with templates (English by default); `label(param, value)` names ids."""
    template = (templates or REASON_TEMPLATES).get(reason.code, reason.code)
    values = {k: (label(k, v) if label else v) for k, v in reason.params}
    try:
        return str(template).format(**values)
    except (KeyError, IndexError):
        return str(template)
