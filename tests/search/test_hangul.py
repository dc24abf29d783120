"""Choseong (initial consonant) helpers: pure functions, no database."""

import unicodedata

from directory.search.hangul import choseong, initial_of, is_choseong_query


def test_syllables_become_their_initial_consonants():
    assert choseong("한글과컴퓨터") == "ㅎㄱㄱㅋㅍㅌ"


def test_double_consonants_and_edges_of_the_syllable_block():
    assert choseong("까치") == "ㄲㅊ"
    assert choseong("가힣") == "ㄱㅎ"


def test_white_space_is_dropped_and_other_characters_are_kept_folded():
    assert choseong("메가존 클라우드") == "ㅁㄱㅈㅋㄹㅇㄷ"
    assert choseong("NHN클라우드") == "nhnㅋㄹㅇㄷ"
    assert choseong("腾讯云") == "腾讯云"


def test_decomposed_input_is_composed_first():
    assert choseong(unicodedata.normalize("NFD", "한글")) == "ㅎㄱ"


def test_conjoining_initial_jamo_map_to_compatibility_jamo():
    assert initial_of("\u1112") == "ㅎ"
    assert initial_of("ㅎ") == "ㅎ"
    assert initial_of("a") is None


def test_a_query_of_only_initial_consonants_is_a_choseong_query():
    assert is_choseong_query("ㅎㄱㄱㅋ")
    assert is_choseong_query("ㅎㄱ ㄱㅋ")
    assert is_choseong_query("\u1112\u1100")


def test_mixed_or_vowel_queries_are_not_choseong_queries():
    assert not is_choseong_query("한ㄱ")
    assert not is_choseong_query("ㅏ")
    assert not is_choseong_query("ㄳ")  # a final-only cluster, never an initial
    assert not is_choseong_query("AI")
    assert not is_choseong_query("  ")
