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

Text goes through the project's one analyser (``directory.search.analysis``, pure): keywords
are folded, stopwords dropped, Hangul/Han briefs without spaces split at the specialty terms
inside them; a keyword matches a field when it occurs in one of the field's words (Hangul/Han:
inside a compound; Latin: the same word up to a plural). ``prepare_brief`` adds what the
taxonomy and the directory know about the keywords: the specialties they name, their synonyms
in other languages, and their weight (rarer words weigh more: IDF over the published firms).
"""

from __future__ import annotations

import heapq
import math
import unicodedata
from bisect import bisect_right, insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from directory.firms.profile_fields import LOCALIZED_TEXT_FIELDS
from directory.search.analysis import (
    CJK,
    EMPTY_LEXICON,
    Lexicon,
    Term,
    query_terms,
    script,
    stem,
    words,
)
from directory.search.analysis import keywords as analyse_keywords

Relationship = Literal["none", "pipeline", "agreement", "ended"]
RELATIONSHIPS: tuple[Relationship, ...] = ("none", "pipeline", "agreement", "ended")

# Searchable text fields of a profile, in the order they are reported.
TEXT_FIELDS: tuple[str, ...] = LOCALIZED_TEXT_FIELDS
# How much a keyword found in each kind of field counts (a name says more than a description).
FIELD_FACTORS: Mapping[str, float] = {"name": 1.0, "summary": 0.8, "description": 0.6}

# Specialty fit per sought specialty: the best relation of any of the firm's specialties.
EXACT, PARENT_OR_CHILD, SIBLING = "exact", "parent_or_child", "sibling"
RELATION_FACTORS: Mapping[str, float] = {EXACT: 1.0, PARENT_OR_CHILD: 0.5, SIBLING: 0.3}


def normalize_text(text: str | None) -> str:
    """NFC, casefolded, white space collapsed: the form both profiles and keywords are kept in."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def parse_keywords(
    raw: str | Iterable[str] | None, lexicon: Lexicon = EMPTY_LEXICON
) -> tuple[str, ...]:
    """A brief's keywords through the analyser: folded, stopwords dropped, at most 12; with a
    lexicon, runs written without spaces are split at specialty terms (人工智能机器人)."""
    return analyse_keywords(raw, lexicon)


SEPARATOR = "\0"


def field_words(text: str | None) -> str:
    """A field as its analysed words (Latin words stemmed), each between separators, so that a
    Hangul/Han keyword is found inside a compound and a Latin one as a whole word."""
    if text and text.startswith(SEPARATOR):
        return text  # already analysed
    parts = [word.text if word.is_cjk else stem(word.text) for word in words(text)]
    return SEPARATOR + SEPARATOR.join(parts) + SEPARATOR if parts else ""


def is_cjk(term: Term) -> bool:
    return script(term.text[0]) in CJK


def term_in(term: Term, text: str) -> bool:
    """Whether a keyword term occurs in an analysed field (``field_words``)."""
    if is_cjk(term):
        return term.text in text
    return f"{SEPARATOR}{term.tokens[0]}{SEPARATOR}" in text


Alternative = tuple[str, tuple[Term, ...]]  # the words as shown, their terms


def alternatives(keyword: str, synonyms: Iterable[str] = ()) -> list[Alternative]:
    """The keyword and its synonyms, each as the terms that must all occur in one field."""
    found: list[Alternative] = []
    for text in (keyword, *synonyms):
        terms = tuple(query_terms(text, prefix=False))
        if terms and all(terms != other for _text, other in found):
            found.append((text, terms))
    return found


def matching_alternative(options: Sequence[Alternative], text: str) -> str | None:
    """The first alternative all of whose terms occur in ``text`` (analysed), or None."""
    for shown, terms in options:
        if all(term_in(term, text) for term in terms):
            return shown
    return None


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

    def __post_init__(self) -> None:
        # The searchable texts are kept analysed (``field_words``), whoever built the profile.
        analysed = {name: field_words(text) for name, text in self.texts.items() if text}
        object.__setattr__(self, "texts", {k: v for k, v in analysed.items() if v})

    @property
    def sort_name(self) -> str:
        return self.name_ko

    def kind_text(self, kind: str) -> str:
        """The analysed texts of one kind of field (name, summary, description), together."""
        return "".join(self.texts.get(f"{kind}_{lang}", "") for lang in ("ko", "en", "zh"))

    def field_of(self, kind: str, options: Sequence[Alternative], word: str) -> str:
        """The field of ``kind`` the matched words stand in (the first that has them all,
        else the first that has one of them), to name it in a reason."""
        fields_ = [f"{kind}_{lang}" for lang in ("ko", "en", "zh")]
        terms = next(terms for shown, terms in options if shown == word)
        for name in fields_:
            if all(term_in(term, self.texts.get(name, "")) for term in terms):
                return name
        for name in fields_:
            if any(term_in(term, self.texts.get(name, "")) for term in terms):
                return name
        return fields_[0]


@dataclass(frozen=True, slots=True)
class Brief:
    """What a partner seeks: specialties, keywords, target countries, and the partner itself."""

    specialty_ids: frozenset[int] = frozenset()
    keywords: tuple[str, ...] = ()
    country_codes: frozenset[str] = frozenset()
    partner_id: int | None = None
    # Firm id -> relationship with partner_id; firms not in it fall back to profile.relationship.
    relationships: Mapping[int, Relationship] = field(default_factory=dict)
    # What prepare_brief adds about the keywords: the specialties each one names, its other
    # words (synonyms, other languages) and its weight (IDF; 1 when not given).
    keyword_specialties: Mapping[str, frozenset[int]] = field(default_factory=dict)
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    keyword_weights: Mapping[str, float] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.specialty_ids or self.keywords or self.country_codes)

    @property
    def sought_specialties(self) -> dict[int, str]:
        """Every sought specialty: the brief's, and those its keywords name (-> the keyword)."""
        sought: dict[int, str] = dict.fromkeys(self.specialty_ids, "")
        for word in self.keywords:
            for pk in sorted(self.keyword_specialties.get(word, ())):
                sought.setdefault(pk, word)
        return sought


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The two-level specialty tree as a map of specialty id -> parent id (None at the top)."""

    parent: Mapping[int, int | None] = field(default_factory=dict)

    def children(self, specialty_id: int) -> frozenset[int]:
        return frozenset(s for s, p in self.parent.items() if p == specialty_id)

    def relation(self, sought: int, held: int) -> str | None:
        """How a firm's specialty `held` relates to a sought specialty. A child of a sought
        specialty is exact: a top-level specialty includes its children (as the directory's
        filter and the partner form say)."""
        if sought == held:
            return EXACT
        sought_parent, held_parent = self.parent.get(sought), self.parent.get(held)
        if held_parent == sought:
            return EXACT
        if held == sought_parent:
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
            result.setdefault(child, EXACT)
        return result


@dataclass(frozen=True, slots=True)
class Weights:
    """Points available per part. A perfect firm scores the sum of the parts that apply.

    Defaults (overridable in settings.GAGYO_MATCHING_WEIGHTS):
      specialty 40   the firm has every sought specialty or a child of it (a parent counts half,
                     a sibling 0.3); specialties named by keywords are sought too
      keywords 30    every keyword appears in a name (summary 0.8, description 0.6), each
                     keyword weighted by its rarity (IDF)
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
        values = {k: float(v) for k, v in overrides.items()}
        negative = sorted(k for k, v in values.items() if v < 0)
        if negative:
            raise ValueError(f"Matching weights cannot be negative: {', '.join(negative)}")
        return replace(cls(), **values)

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
    "specialty_child": "has {held}, part of {specialty}",
    "specialty_keyword": "asked for {word}: has {held}",
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

    __slots__ = (
        "brief",
        "weights",
        "sought",
        "sought_by",
        "related_ids",
        "matchers",
        "keyword_total",
        "countries",
    )

    def __init__(self, brief: Brief, weights: Weights, taxonomy: Taxonomy) -> None:
        self.brief = brief
        self.weights = weights
        self.sought_by = brief.sought_specialties  # id -> keyword that named it ("" if none)
        self.sought: list[tuple[int, dict[int, str]]] = [
            (s, taxonomy.related(s)) for s in sorted(self.sought_by)
        ]
        self.related_ids: frozenset[int] = frozenset(i for _s, rel in self.sought for i in rel)
        # (keyword, weight, alternatives): keywords whose words all are stopwords are gone.
        self.matchers: list[tuple[str, float, list[Alternative]]] = []
        for keyword in brief.keywords:
            options = alternatives(keyword, brief.synonyms.get(keyword, ()))
            if options:
                self.matchers.append((keyword, brief.keyword_weights.get(keyword, 1.0), options))
        self.keyword_total = sum(weight for _k, weight, _o in self.matchers)
        self.countries = brief.country_codes


def idf(firms: int, having: int) -> float:
    """BM25's inverse document frequency, always positive: a word few firms use weighs more."""
    return math.log(1 + (firms - having + 0.5) / (having + 0.5))


def prepare_brief(
    brief: Brief, lexicon: Lexicon = EMPTY_LEXICON, index: ProfileIndex | None = None
) -> Brief:
    """The brief with what the taxonomy and the directory know about its keywords: the
    specialties each names (in any language or by a synonym), its other words, and its weight
    (IDF over the firms of ``index``, the published firms)."""
    named: dict[str, frozenset[int]] = {}
    synonyms: dict[str, tuple[str, ...]] = {}
    for keyword in brief.keywords:
        ids = lexicon.specialties_of(keyword)
        if ids:
            named[keyword] = ids
            synonyms[keyword] = tuple(lexicon.synonyms(keyword))
    weights: dict[str, float] = {}
    if index is not None and len(index):
        for keyword in brief.keywords:
            options = alternatives(keyword, synonyms.get(keyword, ()))
            if options:
                weights[keyword] = idf(len(index), index.document_frequency(options))
    return replace(brief, keyword_specialties=named, synonyms=synonyms, keyword_weights=weights)


def relationship_of(profile: FirmProfile, brief: Brief) -> Relationship:
    return brief.relationships.get(profile.id, profile.relationship)


def readiness_fraction(profile: FirmProfile) -> float:
    return (
        0.5 * max(0.0, min(1.0, profile.completeness))
        + (0.15 if profile.has_en else 0.0)
        + (0.15 if profile.has_zh else 0.0)
        + (0.2 if profile.confirmed_recently else 0.0)
    )


def _specialty_reason(sought: int, held: int, relation: str, ctx: _Context) -> Reason:
    """Why a sought specialty fits: the firm has it, a child of it, or a related one; named by
    the keyword that asked for it when the brief's words did."""
    word = ctx.sought_by.get(sought, "")
    if word:
        return Reason("specialty_keyword", (("held", held), ("specialty", sought), ("word", word)))
    if relation == EXACT and held == sought:
        return Reason("specialty_exact", (("specialty", sought),))
    if relation == EXACT:
        return Reason("specialty_child", (("held", held), ("specialty", sought)))
    return Reason(f"specialty_{relation}", (("held", held), ("specialty", sought)))


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
                    reasons.append(_specialty_reason(sought, best_held, best_rel, ctx))
            points = w.specialty * fit / len(ctx.sought)
            if explain:
                parts.append(ScorePart("specialty", points, tuple(reasons)))
        elif explain:
            parts.append(ScorePart("specialty", 0.0))
        total += points

    # Keyword relevance: each keyword counts by the best field it appears in, by its weight.
    if ctx.matchers:
        fit = 0.0
        reasons = []
        for _keyword, weight, options in ctx.matchers:
            best, best_field, best_word = 0.0, "", ""
            for kind in _KINDS:  # by falling factor: the first kind that matches is the best
                text = profile.kind_text(kind)
                word = matching_alternative(options, text) if text else None
                if word is not None:
                    best, best_word = FIELD_FACTORS[kind], word
                    best_field = profile.field_of(kind, options, word) if explain else ""
                    break
            fit += weight * best
            if explain and best:
                reasons.append(Reason("keyword", (("field", best_field), ("word", best_word))))
        points = w.keywords * fit / ctx.keyword_total
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


_KINDS = ("name", "summary", "description")  # by falling factor


class _Vocabulary:
    """The distinct analysed words of one kind of field, each with the firms using it.

    A keyword term matches a text exactly when it matches one of its words (a Hangul/Han term
    inside a word, a Latin stem equal to one), so finding a term means scanning the distinct
    words once, in C (one long string), or one bisection for a stem, and uniting the firms of
    the words found: no per-firm Python work.
    """

    __slots__ = ("text", "starts", "postings", "words")

    def __init__(self, postings: dict[str, list[int]]) -> None:
        words = sorted(postings)
        self.words = words
        self.postings = [postings[w] for w in words]
        self.starts, offset = [], 0
        for w in words:
            self.starts.append(offset)
            offset += len(w) + 1
        self.text = "\0".join(words)

    def firms_with(self, term: Term) -> set[int]:
        """Firms whose words contain a Hangul/Han term, or a word with a Latin term's stem."""
        found: set[int] = set()
        if not self.text:
            return found
        if not is_cjk(term):
            j = bisect_right(self.words, term.tokens[0]) - 1
            if j >= 0 and self.words[j] == term.tokens[0]:
                found.update(self.postings[j])
            return found
        hits: list[int] = []
        last, pos = len(self.starts) - 1, self.text.find(term.text)
        while pos != -1:
            j = bisect_right(self.starts, pos) - 1
            hits.append(j)
            pos = -1 if j == last else self.text.find(term.text, self.starts[j + 1])
        return found.union(*(self.postings[j] for j in hits)) if hits else found

    def firms(self, options: Sequence[Alternative]) -> set[int]:
        """Firms where one of the alternatives has every term (score_firm's rule)."""
        found: set[int] = set()
        for _shown, terms in options:
            sets = [self.firms_with(term) for term in terms]
            found |= set.intersection(*sets) if sets else set()
        return found


def _postings(
    positioned: Iterable[tuple[int, FirmProfile]],
) -> dict[str, dict[str, list[int]]]:
    """Per kind of field: word -> positions of the (position, profile) pairs using it."""
    postings: dict[str, dict[str, list[int]]] = {kind: {} for kind in _KINDS}
    for i, p in positioned:
        for kind in _KINDS:
            kind_postings = postings[kind]
            for word in set(p.kind_text(kind).split(SEPARATOR)):
                if word:
                    kind_postings.setdefault(word, []).append(i)
    return postings


class _PatchedVocabulary:
    """A built vocabulary less the positions of firms changed since (``dead``), plus a small
    vocabulary of their new profiles (``overlay``): an edit costs the edited firms, not a
    rebuild of every firm's words."""

    __slots__ = ("base", "dead", "overlay")

    def __init__(self, base: _Vocabulary, dead: frozenset[int], overlay: _Vocabulary) -> None:
        self.base, self.dead, self.overlay = base, dead, overlay

    def firms_with(self, term: Term) -> set[int]:
        found = self.base.firms_with(term)
        found -= self.dead
        found |= self.overlay.firms_with(term)
        return found

    firms = _Vocabulary.firms


class ProfileIndex:
    """Profiles plus indexes, built once, so a brief is ranked with set operations.

    A firm's total is its *signal* (specialty + keywords + market points) plus readiness and
    the never-connected boost, which lie between 0 and ``readiness + never_connected``.
    Firms with the same signal form a *level*; inside a level the order is known in advance
    (readiness, then name, then id). So ranking builds the levels with set operations on
    inverted indexes (by specialty set, market and word), visits them best first, takes
    only the first firms of each in the precomputed order, scores those with score_firm, and
    stops when no remaining level can reach the current top ``limit``.
    """

    def __init__(self, profiles: Iterable[FirmProfile]) -> None:
        self.profiles: list[FirmProfile] = list(profiles)
        n = len(self.profiles)
        self.position = {p.id: i for i, p in enumerate(self.profiles)}
        self.readiness = [readiness_fraction(p) for p in self.profiles]
        order = sorted(range(n), key=self._sort_key)
        self.base_order = order
        self.base_rank = [0] * n
        for rank_number, i in enumerate(order):
            self.base_rank[i] = rank_number
        self.by_specialty_set: dict[frozenset[int], set[int]] = {}
        self.by_market: dict[str, set[int]] = {}
        for i, p in enumerate(self.profiles):
            self.by_specialty_set.setdefault(p.specialty_ids, set()).add(i)
            for c in p.market_codes:
                self.by_market.setdefault(c, set()).add(i)
        postings = _postings(enumerate(self.profiles))
        self.vocabularies: dict[str, _Vocabulary | _PatchedVocabulary] = {
            kind: _Vocabulary(postings[kind]) for kind in _KINDS
        }
        self.related_by_default = {
            i for i, p in enumerate(self.profiles) if p.relationship != "none"
        }
        # Patching (``patched``): positions whose profile was replaced or removed since the
        # build, and where the profiles added since begin. ``profiles`` keeps a replaced
        # profile at its old position (never reached: no index or order holds the position).
        self.dead: frozenset[int] = frozenset()
        self.overlay_start = n
        self._base_vocabularies = self.vocabularies

    def __len__(self) -> int:
        return len(self.profiles) - len(self.dead)

    @property
    def overlay_size(self) -> int:
        """Profiles added or replaced by patches since the last full build."""
        return len(self.profiles) - self.overlay_start

    def live_profiles(self) -> list[FirmProfile]:
        """Every profile the index holds now (without the replaced or removed ones)."""
        if not self.dead:
            return self.profiles
        dead = self.dead
        return [p for i, p in enumerate(self.profiles) if i not in dead]

    def _sort_key(self, i: int) -> tuple:
        return (-round(self.readiness[i], 9), self.profiles[i].sort_name, self.profiles[i].id)

    def patched(self, fresh: Iterable[FirmProfile], gone: Iterable[int]) -> ProfileIndex:
        """A new index with the firms ``gone`` (ids) removed and ``fresh`` profiles added or
        replacing those of the same firms; this index is left unchanged (requests still using
        it are not disturbed). Costs the changed firms plus a few passes over plain lists,
        not a rebuild: unchanged firms keep their positions, and the big word vocabularies
        are shared, less the changed positions, with a small one for the new profiles."""
        fresh = list(fresh)
        changed_ids = set(gone) | {p.id for p in fresh}
        killed = {self.position[f] for f in changed_ids if f in self.position}
        new = ProfileIndex.__new__(ProfileIndex)
        start = len(self.profiles)
        new.profiles = [*self.profiles, *fresh]
        new.position = dict(self.position)
        for f in changed_ids:
            new.position.pop(f, None)
        new.position.update({p.id: i for i, p in enumerate(fresh, start)})
        new.readiness = [*self.readiness, *(readiness_fraction(p) for p in fresh)]
        new.dead = self.dead | killed
        new.overlay_start = self.overlay_start
        new._base_vocabularies = self._base_vocabularies
        # The precomputed order: drop the killed positions, insert the new ones in place.
        order = [i for i in self.base_order if i not in killed] if killed else list(self.base_order)
        for i in range(start, len(new.profiles)):
            insort(order, i, key=new._sort_key)
        new.base_order = order
        rank = [0] * len(new.profiles)
        for rank_number, i in enumerate(order):
            rank[i] = rank_number
        new.base_rank = rank
        # Specialty sets and markets: copy only the entries the change touches.
        new.by_specialty_set = dict(self.by_specialty_set)
        new.by_market = dict(self.by_market)
        touched = [self.profiles[i] for i in killed]
        for key in {p.specialty_ids for p in (*touched, *fresh)}:
            members = set(new.by_specialty_set.get(key, ())) - killed
            members.update(i for i, p in enumerate(fresh, start) if p.specialty_ids == key)
            if members:
                new.by_specialty_set[key] = members
            else:
                new.by_specialty_set.pop(key, None)
        for code in {c for p in (*touched, *fresh) for c in p.market_codes}:
            members = set(new.by_market.get(code, ())) - killed
            members.update(i for i, p in enumerate(fresh, start) if code in p.market_codes)
            if members:
                new.by_market[code] = members
            else:
                new.by_market.pop(code, None)
        new.related_by_default = (self.related_by_default - killed) | {
            i for i, p in enumerate(fresh, start) if p.relationship != "none"
        }
        # Words: the vocabularies of the last full build, less every dead position, plus one
        # small vocabulary over the live profiles added since.
        postings = _postings(
            (i, new.profiles[i])
            for i in range(new.overlay_start, len(new.profiles))
            if i not in new.dead
        )
        new.vocabularies = {
            kind: _PatchedVocabulary(
                new._base_vocabularies[kind], new.dead, _Vocabulary(postings[kind])
            )
            for kind in _KINDS
        }
        return new

    def document_frequency(self, options: Sequence[Alternative]) -> int:
        """How many firms have the keyword (or one of its synonyms) in any field."""
        found: set[int] = set()
        for kind in _KINDS:
            found |= self.vocabularies[kind].firms(options)
        return len(found)

    def count(self, filters: Filters, brief: Brief) -> int:
        if filters == Filters():
            return len(self)
        return sum(1 for p in self.live_profiles() if passes(p, filters, brief))


def _specialty_points(ctx: _Context, held: frozenset[int]) -> float:
    if not ctx.sought:
        return 0.0
    fit = 0.0
    for _sought, related in ctx.sought:
        fit += max((RELATION_FACTORS[related[h]] for h in held if h in related), default=0.0)
    return ctx.weights.specialty * fit / len(ctx.sought)


def _levels(index: ProfileIndex, ctx: _Context) -> tuple[list[tuple[float, set[int]]], set[int]]:
    """(signal, firms) for every non-zero signal, best first; and all firms with a signal."""
    w = ctx.weights
    partitions: list[dict[float, set[int]]] = []
    if ctx.sought:
        spec: dict[float, set[int]] = {}
        for held, members in index.by_specialty_set.items():
            points = _specialty_points(ctx, held)
            if points > 0:
                spec.setdefault(points, set()).update(members)
        partitions.append(spec)
    if ctx.matchers:
        # The same arithmetic as score_firm, in the same order (so the floats are equal).
        fits: dict[int, float] = {}
        for _keyword, weight, options in ctx.matchers:
            seen: set[int] = set()
            for kind in _KINDS:
                found = index.vocabularies[kind].firms(options) - seen
                seen |= found
                contribution = weight * FIELD_FACTORS[kind]
                for i in found:
                    fits[i] = fits.get(i, 0.0) + contribution
        keyword: dict[float, set[int]] = {}
        for i, fit in fits.items():
            keyword.setdefault(w.keywords * fit / ctx.keyword_total, set()).add(i)
        partitions.append(keyword)
    if ctx.countries:
        market: set[int] = set()
        for code in ctx.countries:
            market |= index.by_market.get(code, set())
        partitions.append({w.market: market} if market else {})

    unions = [set().union(*p.values()) for p in partitions]
    signalled = set().union(*unions) if unions else set()
    combos: list[tuple[float, list[set[int]], list[set[int]]]] = [(0.0, [], [])]
    for partition, union in zip(partitions, unions, strict=True):
        combos = [
            combo
            for value, inside, outside in combos
            for combo in (
                [(value + v, [*inside, members], outside) for v, members in partition.items()]
                + [(value, inside, [*outside, union])]
            )
        ]
    levels = []
    for value, inside, outside in sorted(combos, key=lambda c: -c[0]):
        if not inside:
            continue  # the zero level: every firm without a signal
        members = set.intersection(*inside) if len(inside) > 1 else set(inside[0])
        for union in outside:
            members -= union
        if members:
            levels.append((value, members))
    # Several combinations can share a value; merged, they keep the best-first order.
    merged: dict[float, set[int]] = {}
    for value, members in levels:
        merged.setdefault(value, set()).update(members)
    return sorted(merged.items(), key=lambda item: -item[0]), signalled


def _rank_indexed(
    index: ProfileIndex, ctx: _Context, filters: Filters, limit: int
) -> list[FirmProfile]:
    """The best `limit` profiles, in ranking order, scoring as few firms as possible."""
    brief, w, profiles = ctx.brief, ctx.weights, index.profiles
    has_partner = brief.partner_id is not None
    related: set[int] = set()
    if has_partner:
        related = {
            index.position[f]
            for f, state in brief.relationships.items()
            if f in index.position and state != "none"
        }
        related |= {
            i for i in index.related_by_default if relationship_of(profiles[i], brief) != "none"
        }
    unfiltered = filters == Filters()
    headroom = w.readiness + (w.never_connected if has_partner else 0.0) + 1e-6
    best: list[tuple[tuple[float, str, int], int]] = []  # max-heap via negated keys

    def threshold() -> float | None:
        """The (rounded) total of the current last place, once the top is full."""
        return best[0][0][0] if len(best) >= limit else None

    def consider(i: int) -> None:
        key = _order_key(score_firm(profiles[i], ctx)[0], profiles[i])
        inverted = ((-key[0], _Inverted(key[1]), -key[2]), i)
        if len(best) < limit:
            heapq.heappush(best, inverted)
        elif inverted > best[0]:
            heapq.heapreplace(best, inverted)

    def take(ordered: Iterable[int], skip: set[int] | None = None) -> None:
        """Walk firms in base order; stop after `limit` unrelated ones that pass the filters."""
        wanted = limit
        for i in ordered:
            if skip is not None and i in skip:
                continue
            if not unfiltered and not passes(profiles[i], filters, brief):
                continue
            consider(i)
            if i not in related:
                wanted -= 1
                if wanted == 0:
                    return

    levels, signalled = _levels(index, ctx)
    rank_of = index.base_rank.__getitem__
    for value, members in levels:
        last = threshold()
        if last is not None and value + headroom < last:
            break
        if unfiltered:
            take(heapq.nsmallest(limit + len(related & members), members, key=rank_of))
        else:
            take(sorted(members, key=rank_of))
    last = threshold()
    if last is None or headroom >= last:
        take(index.base_order, skip=signalled)
    best.sort(reverse=True)
    return [profiles[i] for _key, i in best]


class _Inverted(str):
    """A string that sorts backwards, so a min-heap of keys keeps the worst key on top."""

    __slots__ = ()

    def __lt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__lt__(self, other)


def rank(
    profiles: Sequence[FirmProfile] | ProfileIndex,
    brief: Brief,
    weights: Weights | None = None,
    taxonomy: Taxonomy | None = None,
    limit: int | None = None,
    filters: Filters | None = None,
) -> list[MatchResult]:
    """Rank firms for a brief: total descending, then name, then id. Explain the top `limit`."""
    filters = filters or Filters()
    if limit is None or limit <= 0:
        plain = profiles.live_profiles() if isinstance(profiles, ProfileIndex) else profiles
        return rank_exhaustive(apply_filters(plain, filters, brief), brief, weights, taxonomy)
    index = profiles if isinstance(profiles, ProfileIndex) else ProfileIndex(profiles)
    ctx = _Context(brief, weights or Weights(), taxonomy or Taxonomy())
    results = []
    for p in _rank_indexed(index, ctx, filters, limit):
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
