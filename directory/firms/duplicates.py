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

import math
from collections import Counter, defaultdict
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


def find_pairs(firms: list[FirmNames], threshold: float = THRESHOLD) -> list[Pair]:
    """Every probable duplicate pair (a < b), strongest first, each with its reasons."""
    pairs: dict[tuple[int, int], Pair] = {}

    def add(a: int, b: int, reason: str, shared: str = "", score: float = 0.0) -> None:
        key = (a, b) if a < b else (b, a)
        pair = pairs.setdefault(key, Pair(*key))
        if reason not in pair.reasons:
            pair.reasons.append(reason)
        pair.similarity = max(pair.similarity, score)
        pair.shared = pair.shared or shared

    by_brn: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, list[int]] = defaultdict(list)
    for firm in firms:
        if firm.brn:
            by_brn[firm.brn].append(firm.pk)
        for key in firm.name_keys():
            by_key[key].append(firm.pk)
    for brn, pks in by_brn.items():
        for i, a in enumerate(pks):
            for b in pks[i + 1 :]:
                add(a, b, SAME_BRN, brn)
    for key, pks in by_key.items():
        unique = sorted(set(pks))
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                add(a, b, SAME_NAME, key, 1.0)

    # Similar names (Korean and English main names), by prefix filtering: with each name's
    # trigrams sorted rarest first, two names of Jaccard >= t must share one of the first
    # len - ceil(t * len) + 1 trigrams of each. Exact, and only rare trigrams are compared.
    for lang in ("ko", "en"):
        grams_of: list[tuple[int, set[str]]] = []
        frequency: Counter = Counter()
        for firm in firms:
            key = name_key(strip_marks((firm.name_ko if lang == "ko" else firm.name_en) or ""))
            if len(key) < 2:
                continue
            grams = trigrams(key)
            grams_of.append((firm.pk, grams))
            frequency.update(grams)
        index: dict[str, list[int]] = defaultdict(list)
        sets = dict(grams_of)
        for pk, grams in grams_of:
            ordered = sorted(grams, key=lambda g: (frequency[g], g))
            prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]
            seen: set[int] = set()
            for gram in prefix:
                posting = index[gram]
                if len(posting) > MAX_POSTING:
                    continue  # a trigram of very many names proposes no candidates
                for other in posting:
                    if other in seen:
                        continue
                    seen.add(other)
                    other_grams = sets[other]
                    score = len(grams & other_grams) / len(grams | other_grams)
                    if score >= threshold:
                        add(pk, other, SIMILAR_NAME, "", round(score, 2))
                index[gram].append(pk)
    return sorted(pairs.values(), key=lambda p: p.strength)
