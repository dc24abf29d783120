"""Issue 12: matching through the one analyser (stopwords, IDF, specialty keywords, CJK briefs,
children as exact, reasons with the matched words and Korean particles)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory.firms.models import Specialty
from directory.matching.reasons import ReasonRenderer
from directory.matching.scoring import (
    Brief,
    FirmProfile,
    Reason,
    Taxonomy,
    idf,
    parse_keywords,
    prepare_brief,
    rank,
)
from directory.search.analysis import ENGLISH_STOPWORDS, KOREAN_STOPWORDS, Lexicon

URL = reverse("matching:match")


def _rows(response) -> list[dict]:
    return response.context["rows"]


def _slug(row) -> str:
    return row["firm"].slug


def test_stopwords_never_become_keywords():
    assert parse_keywords("AI and robots with vision for the factory") == (
        "ai",
        "robots",
        "vision",
        "factory",
    )
    assert parse_keywords("and with at for") == ()
    assert parse_keywords("보안 및 인증") == ("보안", "인증")


def test_a_brief_of_only_stopwords_scores_nobody():
    firm = FirmProfile(id=1, slug="a", name_ko="가", texts={"summary_en": "and with at for"})
    result = rank([firm], Brief(keywords=parse_keywords("and with at for")))[0]
    assert result.part("keywords") is None  # no keyword part at all


def test_chinese_brief_without_spaces_is_split_at_specialty_terms():
    lexicon = Lexicon.build([(1, ["AI", "人工智能"]), (2, ["로보틱스", "机器人"])])
    assert parse_keywords("人工智能机器人", lexicon) == ("人工智能", "机器人")
    assert parse_keywords("보안인증", Lexicon.build([(3, ["보안"]), (4, ["인증"])])) == (
        "보안",
        "인증",
    )


def test_keywords_naming_a_specialty_count_as_specialty_fit():
    lexicon = Lexicon.build([(10, ["AI", "人工智能", "인공지능"]), (11, ["비전"])])
    taxonomy = Taxonomy({10: None, 11: 10})
    brief = prepare_brief(Brief(keywords=("人工智能",)), lexicon)
    assert brief.sought_specialties == {10: "人工智能"}
    child = FirmProfile(id=1, slug="c", name_ko="가", specialty_ids=frozenset({11}))
    other = FirmProfile(id=2, slug="o", name_ko="나")
    results = rank([other, child], brief, taxonomy=taxonomy)
    assert results[0].firm_id == 1
    assert results[0].part("specialty").reasons == (
        Reason("specialty_keyword", (("held", 11), ("specialty", 10), ("word", "人工智能"))),
    )


def test_a_specialty_keyword_also_matches_its_synonyms_in_texts():
    lexicon = Lexicon.build([(10, ["AI", "人工智能"])])
    brief = prepare_brief(Brief(keywords=("人工智能",)), lexicon)
    firm = FirmProfile(id=1, slug="a", name_ko="가", texts={"description_en": "An AI assistant"})
    reasons = rank([firm], brief)[0].part("keywords").reasons
    assert reasons == (Reason("keyword", (("field", "description_en"), ("word", "ai"))),)


def test_rarer_keywords_weigh_more():
    assert idf(100, 1) > idf(100, 50) > 0
    common = [
        FirmProfile(id=n, slug=f"c{n}", name_ko=f"가{n}", texts={"summary_ko": "클라우드"})
        for n in range(1, 9)
    ]
    rare = FirmProfile(id=20, slug="r", name_ko="하", texts={"summary_ko": "양자"})
    both = FirmProfile(id=30, slug="b", name_ko="하하", texts={"summary_ko": "클라우드"})
    from directory.matching.scoring import ProfileIndex

    index = ProfileIndex([*common, rare, both])
    brief = prepare_brief(Brief(keywords=("클라우드", "양자")), index=index)
    assert brief.keyword_weights["양자"] > brief.keyword_weights["클라우드"]
    results = rank(index, brief, limit=3)
    assert results[0].firm_id == 20  # the rare word outweighs the common one


def test_plural_keyword_matches_singular_text():
    firm = FirmProfile(id=1, slug="a", name_ko="가", texts={"summary_en": "Service robot maker"})
    assert rank([firm], Brief(keywords=parse_keywords("robots")))[0].part("keywords").points == 24


def test_korean_particles_follow_the_final_consonant(db):
    security = Specialty.objects.create(slug="sec", name_ko="보안", name_en="Security")
    ai = Specialty.objects.create(slug="ai-x", name_ko="AI", name_en="AI")
    renderer = ReasonRenderer("ko")
    close = Reason("specialty_parent_or_child", (("held", ai.pk), ("specialty", security.pk)))
    assert renderer.reason(close).startswith("보안과 ")
    close = Reason("specialty_parent_or_child", (("held", security.pk), ("specialty", ai.pk)))
    assert renderer.reason(close).startswith("AI와 ")
    keyword = Reason("keyword", (("field", "description_ko"), ("word", "검사")))
    assert "검사를 언급" in renderer.reason(keyword)
    keyword = Reason("keyword", (("field", "description_ko"), ("word", "보안")))
    assert "보안을 언급" in renderer.reason(keyword)


@pytest.mark.django_db
def test_chinese_brief_ranks_hancom_first_naming_both_words(staff_client, demo):
    """Done-when of issue 12: /staff/match/?keywords=人工智能机器人."""
    response = staff_client.get(URL, {"keywords": "人工智能机器人"})
    rows = _rows(response)
    assert _slug(rows[0]) == "hancom"
    assert "人工智能" in rows[0]["summary"] and "机器人" in rows[0]["summary"]


@pytest.mark.django_db
def test_no_reason_ever_says_a_stopword(staff_client, demo):
    response = staff_client.get(URL, {"keywords": "AI and robots with vision for the 및 와"})
    stopwords = ENGLISH_STOPWORDS | KOREAN_STOPWORDS
    for row in _rows(response):
        for part in row["parts"]:
            for sentence in part["reasons"]:
                words = set(sentence.replace(";", " ").replace(":", " ").split())
                assert not words & {"and", "with", "for", "the", "및", "와"}, sentence
    assert "and" not in response.context["brief"].keywords
    assert not set(response.context["brief"].keywords) & stopwords


@pytest.mark.django_db
def test_child_of_a_sought_specialty_counts_as_exact(staff_client, demo):
    """With AI and 보안 sought, the firms holding their children lead, not Megazone."""
    ids = Specialty.objects.filter(slug__in=["ai", "security"]).values_list("pk", flat=True)
    response = staff_client.get(URL, {"specialties": list(ids), "countries": ["CN"]})
    rows = _rows(response)
    order = [_slug(row) for row in rows]
    # Each of these holds a child of AI or of 보안 (exact: half of the specialty points);
    # Megazone holds neither and only targets China (15 points).
    assert set(order[:4]) == {"hancom", "aiworks", "hypernology", "initech"}
    assert order.index("megazone-cloud") == 4
    assert rows[0]["parts"][0]["points"] == 40 * 0.5


@pytest.mark.django_db
def test_keyword_naming_a_specialty_in_korean_finds_its_firms(staff_client, demo):
    response = staff_client.get(URL, {"keywords": "인공지능"})
    top = {_slug(row) for row in _rows(response)[:3]}
    assert top == {"hancom", "aiworks", "hypernology"}  # they hold children of AI
