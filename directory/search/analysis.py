"""The one text analyser of search and matching: pure functions, no database, no Django.

Every piece of text that is searched or matched goes through here, on the way into the index
and on the way in from a query or a brief, so both sides always agree:

1. ``fold``: NFC, control characters dropped, full-width forms folded to ASCII, case folded,
   white space collapsed.
2. ``words``: runs of one script. Hangul syllables, Han characters (with kana) and Hangul
   initial consonants (choseong, ``ㅎㄱ``) form runs; Latin letters and digits form words;
   everything else separates. Han runs are also split at Chinese function characters
   (的, 和, 与 …), so ``人工智能和机器人`` is two runs.
3. Stopwords: English function words, Chinese function characters and Korean particles or
   conjunctions that stand alone (``보안 및 인증``) are dropped. Particles attached to a word
   (``데이터센터를``) stay: the bigrams below still match the word inside.
4. ``index_tokens``: a Hangul/Han run becomes its overlapping character bigrams (the way
   Lucene's CJK analyser indexes text) plus the whole run; a Latin word is lightly stemmed
   (plurals: ``robots`` → ``robot``, ``companies`` → ``company``).
5. ``query_terms``: the same steps for a query, as terms: a Hangul/Han run is a *phrase* of its
   bigrams (consecutive bigrams == the run occurs as a substring), a Latin word a stem that may
   also be a prefix of a longer word (what the user is still typing).
6. ``Lexicon``: the synonym and cross-language layer, fed by the specialty taxonomy: each
   specialty's names in three languages plus its editable synonyms. A query or brief keyword
   naming a specialty in any language also means that specialty; ``segment`` finds
   specialty terms inside text written without spaces (``人工智能机器人``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

# Character classes of a run.
HANGUL, HAN, JAMO, WORD = "hangul", "han", "jamo", "word"
CJK = frozenset({HANGUL, HAN, JAMO})

_ENGLISH = """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is its itself just me more most
    my no nor not of off on once only or other our ours out over own per same she should so some
    such than that the their theirs them then there these they this those through to too under
    until up very via was we were what when where which while who whom why will with within
    without would you your yours s t"""
# "it" and "us" are not stopwords: IT and US are words in this directory.
ENGLISH_STOPWORDS = frozenset(_ENGLISH.split())

# Chinese function characters: a Han run is split where they stand.
CHINESE_FUNCTION_CHARS = frozenset("的了和与及或之并且而把被等")

# Korean particles, conjunctions and function words, dropped only when they stand alone.
_KOREAN = """은 는 이 가 을 를 의 에 에서 에게 와 과 및 로 으로 도 만 등 또는 그리고 또한 하는 위한
    대한 통한 있는"""
KOREAN_STOPWORDS = frozenset(_KOREAN.split())

STOPWORDS = ENGLISH_STOPWORDS | KOREAN_STOPWORDS | CHINESE_FUNCTION_CHARS

# Queries shorter than this (in characters, without spaces) are compared with names only.
MIN_INDEXED_LENGTH = 2


# Full-width ASCII to ASCII, the ideographic space to a space, half-width katakana and Hangul
# to their normal forms; control characters (category Cc) to spaces.
_FOLD_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD_TABLE[0x3000] = 0x20
_FOLD_TABLE.update(
    {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFF61, 0xFFDD)}
)
_FOLD_TABLE.update({code: 0x20 for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)})
_FOLD_TABLE.update(dict.fromkeys(range(127, 160), 32))


_NEEDS_TABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLD_TABLE)) + "]")


def fold(text: str | None) -> str:
    """NFC, without control characters, full-width folded, case-folded, spaces collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_TABLE.search(text):  # str.translate is slow on long non-ASCII text: only if needed
        text = text.translate(_FOLD_TABLE)
    return unicodedata.normalize("NFC", " ".join(text.casefold().split()))


def script(char: str) -> str | None:
    """The class of a character: hangul, han, jamo, word (letters and digits) or None."""
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3:
        return HANGUL
    if 0x3131 <= code <= 0x318E or 0x1100 <= code <= 0x11FF:
        return JAMO
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
        or 0x3040 <= code <= 0x30FF  # kana: written without spaces too
    ):
        return HAN
    if char.isalnum():
        return WORD
    return None


class Word(NamedTuple):
    text: str
    kind: str  # hangul, han, jamo or word

    @property
    def is_cjk(self) -> bool:
        return self.kind in CJK


_HANGUL_CHARS = "\uac00-\ud7a3"
_JAMO_CHARS = "\u3131-\u318e\u1100-\u11ff"
_HAN_CHARS = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f\u3040-\u30ff"
_RUNS = re.compile(
    f"(?P<{HANGUL}>[{_HANGUL_CHARS}]+)"
    f"|(?P<{JAMO}>[{_JAMO_CHARS}]+)"
    f"|(?P<{HAN}>[{_HAN_CHARS}]+)"
    f"|(?P<{WORD}>[^\\W_{_HANGUL_CHARS}{_JAMO_CHARS}{_HAN_CHARS}]+)"
)
_HAN_FUNCTION = re.compile("[" + "".join(sorted(CHINESE_FUNCTION_CHARS)) + "]+")


def words(text: str | None, *, folded: bool = False) -> list[Word]:
    """The words of ``text`` in order, stopwords dropped (see the module doc). One regular
    expression finds the runs of each script (``script`` says the same per character)."""
    text = text if folded else fold(text)
    found: list[Word] = []
    stopwords = STOPWORDS
    for hangul, jamo, han, word in _RUNS.findall(text):
        if hangul:
            if hangul not in stopwords:
                found.append(Word(hangul, HANGUL))
        elif word:
            if word not in stopwords:
                found.append(Word(word, WORD))
        elif jamo:
            found.append(Word(jamo, JAMO))
        else:
            for piece in _HAN_FUNCTION.split(han):
                if piece:
                    found.append(Word(piece, HAN))
    return found


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light English stemming: plural endings only (robots → robot, companies → company)."""
    if len(word) < 4 or not word.isalpha() or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def bigrams(run: str) -> list[str]:
    """Overlapping character bigrams; a single character stays a unigram."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def word_tokens(word: Word) -> list[str]:
    """The index tokens of one word: bigrams then the whole run, or the Latin stem."""
    if word.kind != WORD:
        grams = bigrams(word.text)
        return grams if len(word.text) <= 2 else [*grams, word.text]
    return [stem(word.text)]


def index_tokens(text: str | None) -> list[str]:
    """The tokens of a text as stored in the index, in order."""
    tokens: list[str] = []
    for word in words(text):
        tokens.extend(word_tokens(word))
    return tokens


def index_text(*texts: str | None) -> str:
    """Texts as one space-separated string of index tokens (what FTS5 and tsvector store)."""
    return " ".join(token for text in texts for token in index_tokens(text))


def token_set(text: str | None) -> frozenset[str]:
    return frozenset(index_tokens(text))


@dataclass(frozen=True, slots=True)
class Term:
    """One query word: a phrase of tokens (bigrams of a Hangul/Han run, or one stem)."""

    tokens: tuple[str, ...]
    text: str  # the word as folded, for messages and reasons
    prefix: bool = False  # a Latin word may be the start of a longer one

    def matches(self, tokens: frozenset[str]) -> bool:
        """Whether a text with ``tokens`` contains this term (bigram bag, no positions)."""
        if self.prefix:
            token = self.tokens[0]
            return token in tokens or any(t.startswith(token) for t in tokens)
        return all(token in tokens for token in self.tokens)


def term_of(word: Word, *, prefix: bool = True) -> Term:
    if word.is_cjk:
        return Term(tuple(bigrams(word.text)), word.text)
    stemmed = stem(word.text)
    # A prefix of 2+ letters; digits-only words are matched whole.
    return Term((stemmed,), word.text, prefix=prefix and not word.text.isdigit())


def query_terms(text: str | None, *, prefix: bool = True) -> list[Term]:
    """A query's terms (every term must match), stopwords dropped, duplicates removed."""
    terms: list[Term] = []
    for word in words(text):
        term = term_of(word, prefix=prefix)
        if term not in terms:
            terms.append(term)
    return terms


_SPLIT = re.compile(r"[\s,;、，；/|]+")


@dataclass(frozen=True)
class Lexicon:
    """Specialty terms in every language (names and synonyms), folded, to their specialties.

    ``entries`` maps a folded term (spaces removed) to the ids of the specialties it names;
    ``terms`` maps a specialty id to every folded term naming it (for query expansion).
    """

    entries: Mapping[str, frozenset[int]] = field(default_factory=dict)
    terms: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    longest: int = 0

    @classmethod
    def build(cls, specialties: Iterable[tuple[int, Iterable[str | None]]]) -> Lexicon:
        """From (specialty id, names and synonyms) pairs."""
        entries: dict[str, set[int]] = {}
        terms: dict[int, list[str]] = {}
        for pk, names in specialties:
            for name in names:
                term = fold(name)
                if not term or term in STOPWORDS:
                    continue
                key = term.replace(" ", "")
                entries.setdefault(key, set()).add(pk)
                terms.setdefault(pk, [])
                if term not in terms[pk]:
                    terms[pk].append(term)
        return cls(
            entries={k: frozenset(v) for k, v in entries.items()},
            terms={k: tuple(v) for k, v in terms.items()},
            longest=max((len(k) for k in entries), default=0),
        )

    def specialties_of(self, text: str | None) -> frozenset[int]:
        """The specialties a whole query or keyword names (spaces ignored), else empty."""
        return self.entries.get(fold(text).replace(" ", ""), frozenset())

    def synonyms(self, text: str | None) -> list[str]:
        """Every other term of the specialties ``text`` names, in every language."""
        own = fold(text)
        found: list[str] = []
        for pk in sorted(self.specialties_of(text)):
            for term in self.terms.get(pk, ()):
                if term != own and term not in found:
                    found.append(term)
        return found

    def segment(self, run: str) -> list[str]:
        """Split a run written without spaces at the specialty terms inside it (greedy, longest
        first): ``人工智能机器人`` → ``人工智能``, ``机器人``. Text between terms stays a piece."""
        pieces: list[str] = []
        rest_start = 0
        i = 0
        while i < len(run):
            match = None
            for length in range(min(self.longest, len(run) - i), 1, -1):
                if run[i : i + length] in self.entries:
                    match = run[i : i + length]
                    break
            if match is None:
                i += 1
                continue
            if rest_start < i:
                pieces.append(run[rest_start:i])
            pieces.append(match)
            i += len(match)
            rest_start = i
        if rest_start < len(run):
            pieces.append(run[rest_start:])
        return pieces


EMPTY_LEXICON = Lexicon()


def keywords(raw: str | Iterable[str] | None, lexicon: Lexicon = EMPTY_LEXICON) -> tuple[str, ...]:
    """A brief's keywords: folded, stopwords dropped, specialty terms kept whole (also when they
    have spaces, ``AI 비서``), Hangul/Han runs without spaces split at the specialty terms inside
    them. Order kept, duplicates dropped, at most 12."""
    if raw is None:
        return ()
    text = fold(raw if isinstance(raw, str) else " ".join(raw))
    found: list[str] = []

    def add(word: str) -> None:
        if word and word not in STOPWORDS and word not in found:
            found.append(word)

    # Multi-word specialty terms ("ai 비서", "cloud services") stay whole.
    for term, _ids in phrases(text, lexicon):
        add(term)
        text = text.replace(term, " ")
    for chunk in _SPLIT.split(text):
        for word in words(chunk, folded=True):
            if word.kind in (HANGUL, HAN) and lexicon.entries and len(word.text) > 2:
                for piece in lexicon.segment(word.text):
                    add(piece)
            else:
                add(word.text)
    return tuple(found[:12])


def phrases(raw: str | None, lexicon: Lexicon) -> Iterator[tuple[str, frozenset[int]]]:
    """Multi-word specialty terms in a text (``AI 비서``, ``cloud services``), longest first,
    with the specialties they name."""
    text = f" {fold(raw)} "
    multi = {term for terms in lexicon.terms.values() for term in terms if " " in term}
    for term in sorted(multi, key=len, reverse=True):
        if f" {term} " in text:
            text = text.replace(f" {term} ", " | ")
            yield term, lexicon.specialties_of(term)


# Korean particles chosen by whether the word before ends with a final consonant (batchim).
PARTICLES = {
    "와/과": ("와", "과"),
    "을/를": ("를", "을"),
    "이/가": ("가", "이"),
    "은/는": ("는", "은"),
    "로/으로": ("로", "으로"),
}
# How the last Latin letter or digit is read in Korean: True when it ends in a consonant.
_DIGIT_FINAL = {
    "0": True, "1": True, "2": False, "3": True, "4": False,
    "5": False, "6": True, "7": True, "8": True, "9": False,
}  # fmt: skip
_LATIN_FINAL = frozenset("lmn")  # vision → 비전과, film → 필름을; -ng below (computing → 컴퓨팅)


def has_final_consonant(word: str) -> bool | None:
    """True/False when the Korean reading of the word's end is known, else None."""
    for char in reversed(word.strip()):
        code = ord(char)
        if 0xAC00 <= code <= 0xD7A3:
            return (code - 0xAC00) % 28 != 0
        if char in _DIGIT_FINAL:
            return _DIGIT_FINAL[char]
        if char.isascii() and char.isalpha():
            return char.lower() in _LATIN_FINAL or word.lower().endswith("ng")
        if char.isalnum():
            return None  # Han and other scripts: the Korean reading is unknown
    return None


def with_particle(word: str, pair: str) -> str:
    """``word`` followed by the right particle of ``pair`` (``"와/과"``): 보안과, AI와.

    When the reading is unknown (Han characters), both forms are shown: ``人工智能과(와)``.
    """
    without, with_final = PARTICLES[pair]
    final = has_final_consonant(word)
    if final is None:
        return f"{word}{with_final}({without})"
    return word + (with_final if final else without)
