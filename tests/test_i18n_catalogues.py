"""The Korean and Chinese catalogues are complete, unfuzzy and compiled."""

from __future__ import annotations

import gettext

import pytest

from tests.search.i18n_helpers import ROOT, read_po

TRANSLATED = ["ko", "zh_Hans"]
ALL = [*TRANSLATED, "en"]


def catalogue(language: str):
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", ALL)
def test_catalogue_exists_with_compiled_file(language):
    assert catalogue(language).exists()
    assert catalogue(language).with_suffix(".mo").exists(), "run `make messages`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    path = catalogue(language)
    missing = [
        f"{path.relative_to(ROOT)}:{entry.line}: {entry.msgid!r}"
        for entry in read_po(path)
        if entry.msgid and (not entry.msgstr or not all(entry.msgstr.values()))
    ]
    assert not missing, "untranslated:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", ALL)
def test_no_fuzzy_entries(language):
    path = catalogue(language)
    fuzzy = [
        f"{path.relative_to(ROOT)}:{entry.line}: {entry.msgid!r}"
        for entry in read_po(path)
        if "fuzzy" in entry.flags
    ]
    assert not fuzzy, "fuzzy (check and remove the flag):\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_the_po_file(language):
    """The .mo was compiled after the last edit of the .po (`make messages`)."""
    path = catalogue(language)
    with path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in read_po(path):
        if not entry.msgid or entry.msgid_plural or entry.msgctxt:
            continue
        if compiled.gettext(entry.msgid) != entry.msgstr[0]:
            stale.append(entry.msgid)
    assert not stale, f"recompile {path.relative_to(ROOT)}: {stale[:5]}"


def test_placeholders_survive_translation():
    for language in TRANSLATED:
        for entry in read_po(catalogue(language)):
            wanted = sorted(set(_placeholders(entry.msgid_plural or entry.msgid)))
            for text in entry.msgstr.values():
                assert sorted(set(_placeholders(text))) == wanted, (language, entry.msgid)


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"%\(\w+\)[sd]", text)
