"""Tiny .po reader and template scanner for the i18n tests (no extra dependency)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class PoEntry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def _unquote(text: str) -> str:
    return ast.literal_eval(text)  # a PO string is a C string literal, close enough to Python's


def read_po(path: Path) -> list[PoEntry]:
    """Entries of a .po file (the header is the entry with an empty msgid; obsolete #~ skipped)."""
    entries: list[PoEntry] = []
    current: PoEntry | None = None
    key: tuple[str, int | None] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            current, key = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = PoEntry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(current, key, _unquote(line))
        else:
            word, _, value = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", word)
            if match:
                key = ("msgstr", int(match.group(1)))
            elif word in {"msgid", "msgid_plural", "msgctxt", "msgstr"}:
                key = (word, 0 if word == "msgstr" else None)
            else:
                raise ValueError(f"{path}:{number}: cannot read {line!r}")
            _set(current, key, _unquote(value))
    return entries


def _set(entry: PoEntry, key, value: str) -> None:
    name, index = key
    if name == "msgstr":
        entry.msgstr[index] = value
    else:
        setattr(entry, name, value)


def _append(entry: PoEntry, key, value: str) -> None:
    name, index = key
    if name == "msgstr":
        entry.msgstr[index] += value
    else:
        setattr(entry, name, (getattr(entry, name) or "") + value)


# --- templates -------------------------------------------------------------------------------

# Visible marks that are not words to translate: the brand mark, file-format names, the
# "[KO]" fallback marker and each language's own name (shown in that language on purpose).
ALLOWED_TEXT = ["架", "CSV", "XLSX", "[KO]", "한국어", "English", "中文"]
CHECKED_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label", "aria-description", "label")

_REGIONS = [
    # CSS class names, not visible text.
    re.compile(r"{%\s*block\s+body_class\s*%}.*?{%\s*endblock\s*%}", re.S),
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S),
    re.compile(r"<script\b.*?</script>", re.S | re.I),
    re.compile(r"<style\b.*?</style>", re.S | re.I),
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
    re.compile(r"<!--.*?-->", re.S),
]
_TAG = re.compile(r"<[^>]*>", re.S)
_ATTRIBUTE = re.compile(
    r"\b(" + "|".join(CHECKED_ATTRIBUTES) + r")\s*=\s*(\"[^\"]*\"|'[^']*')", re.I
)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.I)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _words(text: str) -> str:
    text = _ENTITY.sub(" ", text)
    for allowed in ALLOWED_TEXT:
        text = text.replace(allowed, " ")
    return "".join(char for char in text if char.isalpha())


def untranslated_text(source: str) -> list[tuple[int, str]]:
    """(line, text) of visible text or user-facing attributes outside translation tags."""
    for region in _REGIONS:
        source = region.sub(_blank, source)
    problems: list[tuple[int, str]] = []

    def line_of(offset: int) -> int:
        return source.count("\n", 0, offset) + 1

    for tag in _TAG.finditer(source):
        for attribute in _ATTRIBUTE.finditer(tag.group(0)):
            value = attribute.group(2)[1:-1]
            if _words(value):
                problems.append((line_of(tag.start()), f"{attribute.group(1)}={value.strip()}"))
    source = _TAG.sub(_blank, source)
    for number, line in enumerate(source.splitlines(), start=1):
        if _words(line):
            problems.append((number, line.strip()))
    return problems
