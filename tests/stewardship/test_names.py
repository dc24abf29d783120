"""Name keys and slugs from Korean names (Revised Romanization)."""

from directory.firms.names import name_key, romanize, slug_base, unique_slug


def test_romanize_follows_revised_romanization_syllable_by_syllable():
    assert romanize("가교") == "gagyo"
    assert romanize("한글과컴퓨터") == "hangeulgwakeompyuteo"
    assert romanize("판교 테크노밸리") == "pangyo tekeunobaelli"


def test_slug_prefers_the_english_name_and_drops_marks_and_legal_forms():
    assert slug_base("Hancom Inc.", "한글과컴퓨터") == "hancom"
    assert slug_base("", "[예시] 가온") == "gaon"
    assert slug_base("", "") == "firm"


def test_unique_slug_adds_a_number():
    assert unique_slug("gaon", {"gaon", "gaon-2"}) == "gaon-3"
    assert unique_slug("gaon", set()) == "gaon"


def test_name_key_ignores_legal_forms_case_and_spaces():
    assert name_key("㈜ 한글과 컴퓨터") == name_key("한글과컴퓨터 주식회사")
    assert name_key("Megazone Cloud Co., Ltd.") == name_key("megazone cloud")
