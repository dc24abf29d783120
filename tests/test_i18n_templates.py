"""Every visible template string is marked for translation."""

from __future__ import annotations

from tests.search.i18n_helpers import ROOT, untranslated_text


def test_scanner_finds_unmarked_text_and_attributes():
    source = (
        '{% load i18n %}<p title="Hello">{% translate "Fine" %}</p>\n'
        "<h1>Not marked</h1>\n"
        "{# a comment #}<span>{{ value }} · 12 &middot;</span>\n"
        "{% blocktranslate %}Also fine{% endblocktranslate %} <b>架</b>\n"
        "<script>var x = 'code';</script><!-- note -->\n"
    )
    assert untranslated_text(source) == [(1, "title=Hello"), (2, "Not marked")]


def test_every_template_string_is_translated():
    problems = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for line, text in untranslated_text(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    assert not problems, "mark these with {% translate %}:\n" + "\n".join(problems)
