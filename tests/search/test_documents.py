"""What a search document holds: pure functions, no database."""

from types import SimpleNamespace

from directory.search.documents import build_document, firm_document, split_aliases
from directory.search.services import parse_query
from directory.search.text import fold


def test_names_are_folded_without_spaces_one_per_line():
    doc = build_document(["메가존 클라우드", "Megazone Cloud"], [])
    assert doc.names == "\n메가존클라우드\nmegazonecloud\n"
    assert doc.choseong == "\nㅁㄱㅈㅋㄹㅇㄷ\nmegazonecloud\n"


def test_empty_names_leave_empty_columns():
    doc = build_document(["", "  "], [""], ["", None], [""])
    assert set(doc.as_fields().values()) == {""}


def test_aliases_are_one_per_line_and_blank_lines_ignored():
    assert split_aliases("한컴\n\n  Hancom Inc. \r\n") == ["한컴", "Hancom Inc."]


def test_firm_document_indexes_aliases_and_specialty_names_in_three_languages():
    firm = SimpleNamespace(
        name_ko="한글과컴퓨터",
        name_en="Hancom",
        name_zh="",
        aliases="한컴",
        summary_ko="요약",
        summary_en="",
        summary_zh="",
        description_ko="",
        description_en="Pioneer",
        description_zh="",
    )
    specialty = SimpleNamespace(name_ko="오피스 SW", name_en="Office software", name_zh="办公软件")
    specialty.synonyms = "오피스\n워드프로세서"
    doc = firm_document(firm, [specialty])
    assert "\n한컴\n" in doc.names
    assert "\nㅎㅋ\n" in doc.choseong
    assert doc.summary_tokens == "요약"
    assert doc.body_tokens == "pioneer"
    assert doc.label_tokens.split() == [
        *["오피", "피스", "오피스", "sw", "office", "software", "办公", "公软", "软件", "办公软件"],
        *["오피", "피스", "오피스", "워드", "드프", "프로", "로세", "세서", "워드프로세서"],
    ]
    assert "ㅎㄱ" in doc.name_tokens.split()  # initial-consonant bigrams of 한글과컴퓨터


def test_a_name_with_spaces_is_also_indexed_joined():
    doc = build_document(["메가존 클라우드"])
    assert "존클" in doc.name_tokens.split()


def test_decomposed_text_is_stored_composed():
    decomposed = "\u1112\u1161\u11ab\u1100\u1173\u11af"  # 한글 in NFD
    assert build_document([decomposed], []).names == "\n한글\n"
    assert fold(decomposed) == "한글"


def test_queries_are_folded_and_choseong_queries_recognised(db):
    assert parse_query("  AI  ").text == "ai"
    assert not parse_query("  AI  ").is_short  # two characters: through the index
    assert parse_query("한").is_short  # one: names only
    assert parse_query("Megazone Cloud").key == "megazonecloud"
    assert parse_query("the").is_short  # nothing but a stopword: names only
    assert parse_query("\u1112\u1161\u11ab").text == "한"
    assert parse_query("ㅎㄱ ㄱㅋ").is_choseong
    assert parse_query("ㅎㄱ ㄱㅋ").text == "ㅎㄱㄱㅋ"
    assert parse_query("   ") is None
