"""Firm names as plain text: the key two names are compared by, and a Latin slug for a Korean
name (Revised Romanization of Korean, syllable by syllable). No Django imports."""

from __future__ import annotations

import re
import unicodedata

# Legal forms that do not tell firms apart: (주)한글과컴퓨터 = 한글과컴퓨터 주식회사.
_LEGAL_FORMS = re.compile(
    r"\(주\)|\(유\)|\(사\)|㈜|주식회사|유한회사|유한책임회사|"
    r"\b(co\.?,?\s*ltd\.?|ltd\.?|inc\.?|corp\.?|corporation|llc|limited|co\.)(?=\W|$)",
    re.IGNORECASE,
)
_EXAMPLE_MARKS = re.compile(r"\[[^\]]*\]")


def name_key(name: str | None) -> str:
    """The comparison key of a name: NFC, case-folded, without legal forms, spaces and
    punctuation. ``㈜ 한글과 컴퓨터`` and ``한글과컴퓨터 주식회사`` share a key."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _LEGAL_FORMS.sub(" ", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


# Revised Romanization: initial consonants, vowels, final consonants of a Hangul syllable.
_INITIALS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_FINALS = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]


def romanize(text: str) -> str:
    """Hangul syllables in Revised Romanization; other letters are kept. Of the sound-change
    rules only ㄹㄹ -> ``ll`` is applied. ``가교 클라우드`` -> ``gagyo keullaudeu``."""
    out = []
    previous_final = ""
    for ch in unicodedata.normalize("NFC", text or ""):
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial, rest = divmod(code, 588)
            vowel, final = divmod(rest, 28)
            start = _INITIALS[initial]
            if start == "r" and previous_final == "l":
                start = "l"
            out.append(start + _VOWELS[vowel] + _FINALS[final])
            previous_final = _FINALS[final]
        else:
            out.append(ch)
            previous_final = ""
    return "".join(out)


def slug_base(name_en: str | None, name_ko: str | None, max_length: int = 60) -> str:
    """A slug from the English name, else the romanised Korean name: lowercase ASCII words
    joined by hyphens. Bracketed marks such as ``[예시]`` are left out."""
    source = strip_marks(name_en or "") or romanize(strip_marks(name_ko or ""))
    source = _LEGAL_FORMS.sub(" ", source)
    ascii_text = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or "firm"


def unique_slug(base: str, taken, max_length: int = 80) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not in ``taken`` (a container)."""
    if base not in taken:
        return base
    n = 2
    while True:
        candidate = f"{base[: max_length - len(str(n)) - 1]}-{n}"
        if candidate not in taken:
            return candidate
        n += 1


def strip_marks(name: str) -> str:
    """A name without bracketed marks such as ``[예시]``."""
    return _EXAMPLE_MARKS.sub("", name).strip()
