"""Hangul helpers for search: pure functions, no database.

Korean users often type only the initial consonants (choseong) of a name, e.g. ``ㅎㄱㄱㅋ`` for
한글과컴퓨터. We store the choseong form of every name in the search index and match such
queries against it.
"""

from __future__ import annotations

import unicodedata

# The 19 initial consonants, in Unicode syllable order, as compatibility jamo (what keyboards type).
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_CHOSEONG_SET = frozenset(CHOSEONG)

SYLLABLE_FIRST = 0xAC00  # 가
SYLLABLE_LAST = 0xD7A3  # 힣
_SYLLABLES_PER_INITIAL = 21 * 28  # medial vowels × final consonants (incl. none)
# Conjoining initial jamo U+1100..U+1112 (what NFD produces) map to the same 19 consonants.
CONJOINING_FIRST = 0x1100
CONJOINING_LAST = 0x1112


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def initial_of(char: str) -> str | None:
    """The compatibility-jamo initial consonant of a Hangul syllable or initial jamo, else None."""
    code = ord(char)
    if SYLLABLE_FIRST <= code <= SYLLABLE_LAST:
        return CHOSEONG[(code - SYLLABLE_FIRST) // _SYLLABLES_PER_INITIAL]
    if CONJOINING_FIRST <= code <= CONJOINING_LAST:
        return CHOSEONG[code - CONJOINING_FIRST]
    if char in _CHOSEONG_SET:
        return char
    return None


def choseong(text: str) -> str:
    """Replace every Hangul syllable by its initial consonant and drop white space.

    Other characters are kept (lower-cased), so ``NHN클라우드`` becomes ``nhnㅋㄹㅇㄷ``.
    """
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace():
            continue
        initial = initial_of(char)
        out.append(initial if initial is not None else char.casefold())
    return "".join(out)


def is_choseong_query(query: str) -> bool:
    """True when the query consists only of initial consonants (white space allowed)."""
    chars = [char for char in query if not char.isspace()]
    if not chars:
        return False
    return all(
        char in _CHOSEONG_SET or CONJOINING_FIRST <= ord(char) <= CONJOINING_LAST for char in chars
    )


def choseong_query(query: str) -> str:
    """The form of a choseong query that is compared with the index (jamo unified, no spaces)."""
    return choseong(query)
