"""The one text analyser (directory/search/analysis.py): pure, no database."""

from __future__ import annotations

import unicodedata

import pytest

from directory.search.analysis import (
    HAN,
    HANGUL,
    JAMO,
    WORD,
    Lexicon,
    Term,
    bigrams,
    fold,
    has_final_consonant,
    index_text,
    index_tokens,
    keywords,
    query_terms,
    stem,
    with_particle,
    words,
)


def test_fold_normalises_width_case_and_composition():
    assert fold("  ＡＩ\u3000Cloud\x00 ") == "ai cloud"
    assert fold(unicodedata.normalize("NFD", "한글")) == "한글"
    assert fold("Straße") == "strasse"
    assert fold(None) == ""


def test_words_are_runs_of_one_script():
    assert words("NHN클라우드 AI데이터 人工智能 ㅎㄱ") == [
        ("nhn", WORD),
        ("클라우드", HANGUL),
        ("ai", WORD),
        ("데이터", HANGUL),
        ("人工智能", HAN),
        ("ㅎㄱ", JAMO),
    ]


def test_punctuation_separates_and_is_never_kept():
    assert [w.text for w in words('"한컴" AND (AI-클라우드)* {names}:')] == [
        "한컴",
        "ai",
        "클라우드",
        "names",
    ]


def test_stopwords_in_three_languages():
    assert [w.text for w in words("the AI and robots for IT in the US")] == [
        "ai",
        "robots",
        "it",
        "us",
    ]
    assert [w.text for w in words("보안 및 인증 과 데이터를")] == ["보안", "인증", "데이터를"]
    assert [w.text for w in words("人工智能和机器人的")] == ["人工智能", "机器人"]


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("robots", "robot"),
        ("companies", "company"),
        ("boxes", "box"),
        ("services", "service"),
        ("class", "class"),
        ("analysis", "analysis"),
        ("status", "status"),
        ("ai", "ai"),
        ("data", "data"),
    ],
)
def test_light_stemming_of_plurals(word, stemmed):
    assert stem(word) == stemmed


def test_cjk_runs_become_bigrams_plus_the_whole_run():
    assert bigrams("데이터센터") == ["데이", "이터", "터센", "센터"]
    assert index_tokens("데이터센터를 운영") == [
        *["데이", "이터", "터센", "센터", "터를", "데이터센터를"],
        "운영",
    ]
    assert index_tokens("云") == ["云"]
    assert index_text("Robots", "人工智能") == "robot 人工 工智 智能 人工智能"


def test_query_terms_are_bigram_phrases_and_latin_prefixes():
    assert query_terms("운영") == [Term(("운영",), "운영")]
    assert query_terms("컴퓨터 megazon") == [
        Term(("컴퓨", "퓨터"), "컴퓨터"),
        Term(("megazon",), "megazon", prefix=True),
    ]
    assert query_terms("the and") == []


def test_a_query_phrase_matches_the_text_containing_it():
    tokens = frozenset(index_tokens("국가 데이터센터를 운영한다"))
    assert query_terms("데이터센터")[0].matches(tokens)
    assert query_terms("운영")[0].matches(tokens)
    assert not query_terms("센터운영")[0].matches(tokens)


LEXICON = Lexicon.build(
    [
        (1, ["AI", "AI", "人工智能", "인공지능"]),
        (2, ["로보틱스", "Robotics", "机器人", "로봇"]),
        (3, ["AI 비서", "AI assistants", "AI助手"]),
        (4, ["보안", "Security", "安全"]),
        (5, ["인증", "Authentication", "认证"]),
    ]
)


def test_lexicon_maps_any_language_to_the_specialty():
    assert LEXICON.specialties_of("人工智能") == {1}
    assert LEXICON.specialties_of("ROBOTICS") == {2}
    assert LEXICON.specialties_of("ai 비서") == {3}
    assert LEXICON.specialties_of("없는말") == frozenset()
    assert "robotics" in LEXICON.synonyms("로봇") and "机器人" in LEXICON.synonyms("로봇")


def test_runs_without_spaces_are_split_at_specialty_terms():
    assert LEXICON.segment("人工智能机器人") == ["人工智能", "机器人"]
    assert LEXICON.segment("보안인증솔루션") == ["보안", "인증", "솔루션"]


def test_brief_keywords():
    assert keywords("人工智能机器人", LEXICON) == ("人工智能", "机器人")
    assert keywords("AI 비서 and robots, 보안인증", LEXICON) == (
        "ai 비서",
        "robots",
        "보안",
        "인증",
    )
    assert keywords("and with at for the") == ()
    assert len(keywords(" ".join(f"단어{n}" for n in range(30)))) == 12


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("보안", "와/과", "보안과"),
        ("인증", "와/과", "인증과"),
        ("AI", "와/과", "AI와"),
        ("검사", "을/를", "검사를"),
        ("보안", "을/를", "보안을"),
        ("클라우드", "이/가", "클라우드가"),
        ("vision", "와/과", "vision과"),
        ("computing", "을/를", "computing을"),
        ("5", "이/가", "5가"),
        ("人工智能", "이/가", "人工智能이(가)"),
    ],
)
def test_korean_particles_follow_the_final_consonant(word, pair, expected):
    assert with_particle(word, pair) == expected


def test_final_consonant_is_unknown_for_han():
    assert has_final_consonant("人工智能") is None
    assert has_final_consonant("한") is True
    assert has_final_consonant("가") is False
