"""Every search case of the issue, through search_firms/search_partners and GET /firms/?q=.

Runs unchanged on SQLite (FTS5 trigram + LIKE) and PostgreSQL (pg_trgm); the backend is picked
by connection.vendor.
"""

import unicodedata

import pytest

from directory.firms.models import Firm
from directory.partners.models import OverseasPartner
from directory.search.services import SEARCH_ORDER, search_firms, search_partners
from tests.factories import make_firm, make_specialty

pytestmark = pytest.mark.django_db


def found(q, queryset=None):
    """Firm slugs matching q, best first."""
    queryset = Firm.objects.published() if queryset is None else queryset
    return [f.slug for f in search_firms(queryset, q).order_by(*SEARCH_ORDER)]


def ranks(q):
    return {f.slug: f.search_rank for f in search_firms(Firm.objects.all(), q)}


def test_hangul_substring_finds_the_firm(demo):
    assert found("컴퓨터") == ["hancom"]
    assert found("글과컴") == ["hancom"]


def test_chinese_substring_finds_the_partner(demo):
    partners = OverseasPartner.objects.for_public_display()
    assert [p.slug for p in search_partners(partners, "腾讯")] == ["tencent-cloud"]
    assert [p.slug for p in search_partners(partners, "腾讯云")] == ["tencent-cloud"]


def test_two_character_alias_finds_the_firm_first(demo):
    assert found("한컴")[0] == "hancom"
    assert ranks("한컴")["hancom"] == 0


def test_two_latin_characters_find_names_and_texts(demo):
    result = found("AI")
    assert result[0] == "aiworks"  # name prefix (AIWorks) before other fields
    assert "hancom" in result  # "AI 비서" specialty and description


def test_one_character_query_works(demo):
    assert "hancom" in found("컴")


def test_initial_consonants_find_the_firm(demo):
    assert found("ㅎㄱㄱㅋ") == ["hancom"]  # 3+ characters: the trigram index
    assert found("ㅎㄱ") == ["hancom"]  # 1–2 characters: the base table
    assert found("ㅎㄱ ㄱㅋ ㅍㅌ") == ["hancom"]
    assert ranks("ㅎㄱㄱㅋㅍㅌ")["hancom"] == 0


def test_initial_consonants_of_an_alias_find_the_firm(demo):
    assert ranks("ㅎㅋ")["hancom"] == 0  # 한컴


def test_alias_edited_by_staff_is_found_after_save(demo):
    firm = Firm.objects.get(slug="hypernology")
    assert found("옛날이름") == []
    firm.aliases = "옛날이름\nHYPER"
    firm.save()
    assert found("옛날이름") == ["hypernology"]
    assert ranks("hyper")["hypernology"] == 0


def test_case_and_spacing_do_not_matter_for_names(demo):
    assert ranks("HANCOM")["hancom"] == 0
    assert ranks("메가존클라우드")["megazone-cloud"] == 0
    assert ranks("메가존 클라우드")["megazone-cloud"] == 0


def test_english_prefix_without_typo_finds_the_firm(demo):
    assert found("megazon") == ["megazone-cloud"]


def test_english_typo_is_tolerated_on_both_databases(demo):
    """pg_trgm on PostgreSQL, the name vocabulary on SQLite; only when nothing else matched."""
    assert found("megazome") == ["megazone-cloud"]
    assert found("hancon") == ["hancom"]


def test_a_typo_never_outranks_a_real_match(demo):
    make_firm(slug="megazome", name_ko="메가좀", name_en="Megazome")
    assert found("megazome")[0] == "megazome"


def test_decomposed_query_finds_composed_name(demo):
    assert found(unicodedata.normalize("NFD", "컴퓨터")) == ["hancom"]
    assert found(unicodedata.normalize("NFD", "한컴"))[0] == "hancom"


def test_decomposed_name_is_stored_composed_and_found(db):
    make_firm(slug="nfd", name_ko=unicodedata.normalize("NFD", "가나다라기업"))
    assert Firm.objects.get(slug="nfd").name_ko == "가나다라기업"
    assert found("다라기") == ["nfd"]
    assert found("ㄱㄴㄷ") == ["nfd"]


def test_ranking_exact_name_then_prefix_then_field_weighted_score(db):
    make_firm(slug="described", name_ko="가무관", summary_ko="", description_ko="데이터 분석")
    make_firm(slug="summarised", name_ko="나무관", summary_ko="데이터 분석 기업")
    make_firm(slug="other", name_ko="빅데이터랩", summary_ko="")
    make_firm(slug="prefix", name_ko="데이터랩")
    make_firm(slug="exact", name_ko="데이터")
    result = search_firms(Firm.objects.all(), "데이터").order_by(*SEARCH_ORDER)
    # In a name before a summary before a description, whatever the names' order.
    assert [(f.slug, f.search_rank) for f in result] == [
        ("exact", 0),
        ("prefix", 1),
        ("other", 2),
        ("summarised", 2),
        ("described", 2),
    ]


def test_specialty_names_in_every_language_are_searched(db):
    parent = make_specialty(name_ko="소프트웨어", name_en="Software", name_zh="软件")
    child = make_specialty(parent=parent, name_ko="오피스 SW", name_en="Office", name_zh="办公软件")
    make_firm(slug="office", specialties=[child])
    assert found("办公软件") == ["office"]
    assert found("软件") == ["office"]  # the parent, 2 characters
    assert found("software") == ["office"]


def test_unpublished_firms_stay_out_of_a_published_queryset(db):
    make_firm(slug="draft", name_ko="비공개기업", is_published=False)
    assert found("비공개기업") == []
    assert found("비공개기업", Firm.objects.all()) == ["draft"]


def test_empty_query_keeps_every_row_with_the_lowest_rank(demo):
    result = search_firms(Firm.objects.all(), "   ")
    assert result.count() == Firm.objects.count()
    assert {f.search_rank for f in result} == {2}


@pytest.mark.parametrize("query", ['"', "NEAR(a b)", "*", "%", "_", "^", "ㅎ%", ":", "AND"])
def test_query_syntax_characters_are_plain_text(demo, query):
    assert found(query) == []


@pytest.mark.parametrize("query", ['"한컴', "컴퓨터\"'", "한컴 AND", "(한컴):", "{한컴}"])
def test_punctuation_and_operators_in_a_query_are_ignored(demo, query):
    assert found(query)[:1] == ["hancom"]


def test_wildcards_are_literal(db):
    make_firm(slug="pct", name_ko="100% 기업")
    assert found("100% 기업") == ["pct"]
    assert found("%") == ["pct"]  # no word at all: compared with names


def test_firm_list_page_searches(client, demo):
    body = client.get("/firms/", {"q": "컴퓨터"}).content.decode()
    assert "한글과컴퓨터" in body
    assert "메가존 클라우드" not in body
    body = client.get("/firms/", {"q": "ㅎㄱㄱㅋ"}).content.decode()
    assert "한글과컴퓨터" in body


@pytest.mark.parametrize("query", ["", "한", "x" * 500, '"', "\x00", "ㅎ" * 101])
def test_firm_list_page_accepts_any_query(client, demo, query):
    assert client.get("/firms/", {"q": query}).status_code == 200


def test_two_character_query_searches_every_text_name_first(db):
    make_firm(slug="named", name_ko="가나")
    make_firm(slug="described", name_ko="무관", description_ko="가나 지역 협력")
    assert found("가나") == ["named", "described"]
    assert found("가나 지역") == ["described"]


def test_one_character_query_matches_names_only(db):
    make_firm(slug="named", name_ko="가나")
    make_firm(slug="described", name_ko="무관", description_ko="가 지역 협력")
    assert found("가") == ["named"]


def test_two_syllable_word_in_a_description_finds_the_firm(demo):
    """Issue 12: 운영 stands only in NHN Cloud's summary and description."""
    assert found("운영") == ["nhn-cloud"]


def test_a_name_match_ranks_before_a_description_match(db):
    make_firm(slug="a-described", name_ko="가기업", description_ko="드론 촬영 서비스")
    make_firm(slug="z-named", name_ko="하늘드론")
    assert found("드론") == ["z-named", "a-described"]


def test_specialty_synonyms_and_other_languages_find_the_firm(db):
    drone = make_specialty(
        name_ko="드론", name_en="Drones", name_zh="无人机", synonyms="무인기\nUAV"
    )
    make_firm(slug="drone", specialties=[drone])
    make_firm(slug="text", name_ko="기타", description_en="We fly a drone for mapping")
    for query in ("드론", "무인기", "无人机", "drone", "UAV"):
        assert "drone" in found(query), query
    # A query naming the specialty also finds the word in other languages in texts.
    assert set(found("무인기")) == {"drone", "text"}


def test_plural_and_singular_find_each_other(db):
    make_firm(slug="robots", name_ko="로봇기업", description_en="Builds service robots")
    assert found("robot") == ["robots"]
    assert found("robots") == ["robots"]


def test_stopwords_alone_find_nothing_beyond_names(demo):
    assert found("the and") == []


def test_full_width_letters_are_folded(demo):
    assert found("ＨＡＮＣＯＭ") == ["hancom"]


def test_directory_page_finds_nhn_cloud_by_a_word_of_its_description(client, demo):
    """Done-when of issue 12: /firms/?q=운영 finds NHN Cloud."""
    response = client.get("/firms/", {"q": "운영"})
    assert [firm.slug for firm in response.context["firms"]] == ["nhn-cloud"]
