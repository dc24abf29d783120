"""Probable duplicate firms: the same registration number, the same name (any language or
alias, compared by ``names.name_key``) or similar Korean or English names.

Similarity is the Jaccard index of padded character trigrams, the measure PostgreSQL's
``pg_trgm`` ``similarity()`` uses, computed here in Python on both databases so both give the
same pairs. Candidate pairs come from an inverted index of each name's rarest trigrams (prefix
filtering; trigrams of very many names propose none, ``MAX_POSTING``), which keeps the work
near-linear (figures: docs/performance.md). A pg_trgm self-join would need a trigram index on the names and
still compares every name with its neighbours in the index; see docs/stewardship.md.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field

from directory.firms.names import name_key, strip_marks

SAME_BRN, SAME_NAME, SIMILAR_NAME = "brn", "name", "similar"
THRESHOLD = 0.6
# Candidates come only from trigrams of at most this many names: typos and variants of a
# name share a rarer trigram; a name made only of common parts is compared with no one.
MAX_POSTING = 30


@dataclass(frozen=True)
class FirmNames:
    pk: int
    name_ko: str
    name_en: str = ""
    name_zh: str = ""
    aliases: str = ""
    brn: str | None = None

    def name_keys(self) -> set[str]:
        names = [self.name_ko, self.name_en, self.name_zh, *self.aliases.splitlines()]
        return {k for k in (name_key(strip_marks(n)) for n in names if n and n.strip()) if k}


@dataclass
class Pair:
    a: int
    b: int
    reasons: list[str] = field(default_factory=list)
    similarity: float = 0.0
    shared: str = ""  # the shared name or number

    @property
    def strength(self) -> tuple:
        order = {SAME_BRN: 0, SAME_NAME: 1, SIMILAR_NAME: 2}
        return (min(order[r] for r in self.reasons), -self.similarity, self.a, self.b)


def trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(x: str, y: str) -> float:
    a, b = trigrams(x), trigrams(y)
    return len(a & b) / len(a | b) if a and b else 0.0


LANGUAGES = ("ko", "en")


def main_name_grams(firm: FirmNames) -> dict[str, frozenset[str]]:
    """The trigrams of the Korean and English main names (names of one character: none)."""
    grams = {}
    for lang in LANGUAGES:
        key = name_key(strip_marks((firm.name_ko if lang == "ko" else firm.name_en) or ""))
        if len(key) >= 2:
            # Interned: 100,000 names share a few tens of thousands of distinct trigrams.
            grams[lang] = frozenset(map(sys.intern, trigrams(key)))
    return grams


class PairIndex:
    """Every probable duplicate pair, kept up to date one firm at a time.

    Two firms are a pair when they share a registration number, a name key (any name or
    alias, ``SAME_NAME``) or when a main name (Korean or English) of each has a trigram
    similarity of at least ``threshold`` and the two names share a trigram held by at most
    ``MAX_POSTING`` names of that language (a name made only of common parts is compared with
    no one). Inverted indexes (number, name key, trigram -> firm ids) give one firm's
    candidates without scanning the others, so ``update`` of a few firms costs milliseconds;
    the rule depends on nothing but the firms, so an index updated after any series of edits
    equals one built from scratch.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.firms: dict[int, FirmNames] = {}
        self.keys: dict[int, frozenset[str]] = {}
        self.grams: dict[int, dict[str, frozenset[str]]] = {}
        self.by_brn: dict[str, set[int]] = defaultdict(set)
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.postings: dict[str, dict[str, set[int]]] = {
            lang: defaultdict(set) for lang in LANGUAGES
        }
        self.pairs: dict[tuple[int, int], Pair] = {}
        self.paired: dict[int, set[int]] = defaultdict(set)  # firm -> the firms it pairs with
        self.sorted_pairs: list[Pair] = []  # replaced whole after each update: safe to read

    @classmethod
    def build(cls, firms: list[FirmNames], threshold: float = THRESHOLD) -> PairIndex:
        index = cls(threshold)
        index.update({firm.pk: firm for firm in firms})
        return index

    def update(self, changed: dict[int, FirmNames | None]) -> None:
        """Apply new names of firms (``None``: the firm is gone or archived)."""
        affected = set(changed)
        for pk in changed:
            if pk in self.firms:
                self._unindex(pk, affected)
        for firm in changed.values():
            if firm is not None:
                self._index(firm, affected)
        for pk in affected:
            for other in self.paired.pop(pk, set()):
                self.pairs.pop((pk, other) if pk < other else (other, pk), None)
                self.paired[other].discard(pk)
        for pk in affected:
            if pk in self.firms:
                for other in self._candidates(pk):
                    if other < pk and other in affected:
                        continue  # compared from the other side
                    pair = self._compare(pk, other)
                    if pair is not None:
                        self.pairs[(pair.a, pair.b)] = pair
                        self.paired[pk].add(other)
                        self.paired[other].add(pk)
        self.sorted_pairs = sorted(self.pairs.values(), key=lambda p: p.strength)

    def _index(self, firm: FirmNames, affected: set[int]) -> None:
        pk = firm.pk
        self.firms[pk] = firm
        self.keys[pk] = frozenset(firm.name_keys())
        self.grams[pk] = main_name_grams(firm)
        if firm.brn:
            self.by_brn[firm.brn].add(pk)
        for key in self.keys[pk]:
            self.by_key[key].add(pk)
        for lang, grams in self.grams[pk].items():
            postings = self.postings[lang]
            for gram in grams:
                posting = postings[gram]
                if len(posting) == MAX_POSTING:  # the trigram stops proposing candidates
                    affected.update(posting)
                posting.add(pk)

    def _unindex(self, pk: int, affected: set[int]) -> None:
        firm = self.firms.pop(pk)
        if firm.brn:
            _discard(self.by_brn, firm.brn, pk)
        for key in self.keys.pop(pk):
            _discard(self.by_key, key, pk)
        for lang, grams in self.grams.pop(pk).items():
            postings = self.postings[lang]
            for gram in grams:
                if len(postings[gram]) == MAX_POSTING + 1:  # proposes candidates again
                    affected.update(postings[gram])
                _discard(postings, gram, pk)

    def _candidates(self, pk: int) -> set[int]:
        firm = self.firms[pk]
        found: set[int] = set()
        if firm.brn:
            found |= self.by_brn[firm.brn]
        for key in self.keys[pk]:
            found |= self.by_key[key]
        for lang, grams in self.grams[pk].items():
            postings = self.postings[lang]
            for gram in grams:
                posting = postings[gram]
                if len(posting) <= MAX_POSTING:
                    found |= posting
        found.discard(pk)
        return found

    def _compare(self, x: int, y: int) -> Pair | None:
        a, b = (x, y) if x < y else (y, x)
        first, second = self.firms[a], self.firms[b]
        reasons, shared, score = [], "", 0.0
        if first.brn and first.brn == second.brn:
            reasons.append(SAME_BRN)
            shared = first.brn
        common = self.keys[a] & self.keys[b]
        if common:
            reasons.append(SAME_NAME)
            shared = shared or min(common)
            score = 1.0
        similar = 0.0
        for lang, grams in self.grams[a].items():
            other = self.grams[b].get(lang)
            if not other:
                continue
            both = grams & other
            shared_count = len(both)
            value = shared_count / (len(grams) + len(other) - shared_count)
            if value < self.threshold:
                continue
            postings = self.postings[lang]
            if any(len(postings[g]) <= MAX_POSTING for g in both):
                similar = max(similar, round(value, 2))
        if similar:
            reasons.append(SIMILAR_NAME)
            score = max(score, similar)
        return Pair(a, b, reasons, score, shared) if reasons else None


def _discard(index: dict[str, set[int]], key: str, pk: int) -> None:
    members = index.get(key)
    if members is not None:
        members.discard(pk)
        if not members:
            del index[key]


def find_pairs(firms: list[FirmNames], threshold: float = THRESHOLD) -> list[Pair]:
    """Every probable duplicate pair (a < b), strongest first, each with its reasons
    (``PairIndex`` says the rule)."""
    return PairIndex.build(firms, threshold).sorted_pairs
