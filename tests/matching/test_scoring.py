"""The pure scoring module: no database, no request."""

from __future__ import annotations

import pytest

from directory.matching.scoring import (
    Brief,
    Filters,
    FirmProfile,
    Reason,
    Taxonomy,
    Weights,
    apply_filters,
    normalize_text,
    parse_keywords,
    rank,
    render_reason,
)

# 1 cloud > 2 data centre, 3 cloud services; 10 ai > 11 vision, 12 data
TAXONOMY = Taxonomy({1: None, 2: 1, 3: 1, 10: None, 11: 10, 12: 10})


def profile(id: int, name: str = "", **kw) -> FirmProfile:
    texts = {k: normalize_text(v) for k, v in kw.pop("texts", {}).items()}
    return FirmProfile(id=id, slug=f"f{id}", name_ko=name or f"기업{id}", texts=texts, **kw)


def test_exact_specialty_beats_sibling_beats_nothing():
    firms = [
        profile(1, specialty_ids=frozenset({12})),
        profile(2, specialty_ids=frozenset({11})),
        profile(3),
    ]
    results = rank(firms, Brief(specialty_ids=frozenset({11})), taxonomy=TAXONOMY)
    assert [r.firm_id for r in results] == [2, 1, 3]
    assert results[0].part("specialty").reasons == (
        Reason("specialty_exact", (("specialty", 11),)),
    )
    assert results[1].part("specialty").reasons[0].code == "specialty_sibling"


def test_child_is_exact_parent_counts_more_than_sibling():
    taxonomy = TAXONOMY
    assert taxonomy.relation(sought=11, held=10) == "parent_or_child"
    assert taxonomy.relation(sought=10, held=11) == "exact"  # a top level includes its children
    assert taxonomy.relation(sought=11, held=12) == "sibling"
    assert taxonomy.relation(sought=11, held=2) is None


def test_parent_brief_matches_firms_with_children():
    firms = [profile(1, specialty_ids=frozenset({2})), profile(2, specialty_ids=frozenset({11}))]
    results = rank(firms, Brief(specialty_ids=frozenset({1})), taxonomy=TAXONOMY)
    assert results[0].firm_id == 1
    assert results[0].part("specialty").points == pytest.approx(40.0)
    assert results[0].part("specialty").reasons == (
        Reason("specialty_child", (("held", 2), ("specialty", 1))),
    )
    assert results[1].part("specialty").points == 0


def test_korean_keyword_matches_inside_compound_and_reports_field():
    firms = [
        profile(1, texts={"description_ko": "제조 현장의 정밀검사 전문"}),
        profile(2, texts={"description_ko": "클라우드 서비스"}),
    ]
    results = rank(firms, Brief(keywords=parse_keywords("검사")))
    assert results[0].firm_id == 1
    reason = results[0].part("keywords").reasons[0]
    assert reason == Reason("keyword", (("field", "description_ko"), ("word", "검사")))
    assert render_reason(reason) == "mentions 검사 in description_ko"
    assert results[1].part("keywords").points == 0


def test_keywords_are_nfc_and_casefolded():
    decomposed = "\u1100\u1165\u11b7\u1109\u1161"  # 검사 in conjoining jamo (NFD)
    assert parse_keywords(f"Cloud, {decomposed}") == ("cloud", "검사")
    firm = profile(1, texts={"name_en": "MEGAZONE CLOUD"})
    assert rank([firm], Brief(keywords=("cloud",)))[0].part("keywords").points == 30


def test_a_name_match_counts_more_than_a_description_match():
    firms = [
        profile(1, texts={"description_en": "we do vision"}),
        profile(2, texts={"name_en": "vision works"}),
    ]
    assert [r.firm_id for r in rank(firms, Brief(keywords=("vision",)))] == [2, 1]


def test_short_latin_keywords_match_whole_words_only():
    firms = [
        profile(1, texts={"summary_en": "supply chain"}),
        profile(2, texts={"summary_en": "an AI firm"}),
    ]
    results = rank(firms, Brief(keywords=("ai",)))
    assert results[0].firm_id == 2
    assert results[1].part("keywords").points == 0


def test_market_fit_when_firm_targets_brief_country():
    firms = [profile(1), profile(2, market_codes=frozenset({"CN", "JP"}))]
    results = rank(firms, Brief(country_codes=frozenset({"CN"})))
    assert results[0].firm_id == 2
    assert results[0].part("market").reasons == (Reason("market", (("country", "CN"),)),)


def test_readiness_rewards_complete_translated_confirmed_profiles():
    ready = profile(1, completeness=1.0, has_en=True, has_zh=True, confirmed_recently=True)
    bare = profile(2, completeness=0.2)
    results = rank([bare, ready], Brief())
    assert [r.firm_id for r in results] == [1, 2]
    assert results[0].total == pytest.approx(10.0)
    codes = [r.code for r in results[0].part("readiness").reasons]
    assert codes == ["completeness", "has_en", "has_zh", "confirmed"]


def test_never_connected_firms_get_the_boost_and_every_firm_a_label():
    firms = [profile(1), profile(2), profile(3)]
    brief = Brief(partner_id=7, relationships={1: "pipeline", 2: "agreement"})
    results = rank(firms, brief)
    assert results[0].firm_id == 3
    assert results[0].relationship == "none"
    assert results[0].part("relationship").reasons[0].code == "relationship_none"
    labels = {r.firm_id: r.relationship for r in results}
    assert labels == {1: "pipeline", 2: "agreement", 3: "none"}


def test_no_relationship_part_without_a_partner():
    assert rank([profile(1)], Brief())[0].part("relationship") is None


def test_ties_break_by_name_then_id():
    firms = [profile(3, "나"), profile(2, "가"), profile(1, "가")]
    assert [r.firm_id for r in rank(firms, Brief())] == [1, 2, 3]


def test_total_is_the_sum_of_parts():
    firm = profile(
        1,
        specialty_ids=frozenset({11, 2}),
        market_codes=frozenset({"CN"}),
        completeness=0.5,
        has_en=True,
        texts={"summary_ko": "산업 비전 검사"},
    )
    brief = Brief(
        specialty_ids=frozenset({11, 3}),
        keywords=("검사", "없는말"),
        country_codes=frozenset({"CN"}),
        partner_id=1,
    )
    result = rank([firm], brief, taxonomy=TAXONOMY)[0]
    assert result.total == pytest.approx(sum(p.points for p in result.parts))
    assert result.total <= Weights().maximum(brief)


def test_limit_explains_only_the_top_results_in_the_same_order():
    firms = [profile(i, completeness=i / 100) for i in range(1, 101)]
    full = rank(firms, Brief())
    top = rank(firms, Brief(), limit=5)
    assert [r.firm_id for r in top] == [r.firm_id for r in full[:5]]


def test_weights_from_settings_mapping():
    weights = Weights.from_mapping({"market": 0, "never_connected": "20"})
    assert weights.market == 0 and weights.never_connected == 20 and weights.specialty == 40
    with pytest.raises(ValueError, match="speciality"):
        Weights.from_mapping({"speciality": 1})


def test_filters():
    firms = [
        profile(1, is_verified=True, cluster_id=5, size_band="small"),
        profile(2, is_verified=False, cluster_id=5, size_band="small"),
        profile(3, is_verified=True, cluster_id=6, size_band="large"),
    ]
    brief = Brief(partner_id=1, relationships={1: "pipeline"})
    ids = lambda fs: [f.id for f in fs]  # noqa: E731
    assert ids(apply_filters(firms, Filters(exclude_connected=True), brief)) == [2, 3]
    assert ids(apply_filters(firms, Filters(only_verified=True), brief)) == [1, 3]
    assert ids(apply_filters(firms, Filters(cluster_id=5, size_band="small"), brief)) == [1, 2]


def test_reason_round_trips_through_json_form():
    reason = Reason("keyword", (("field", "name_en"), ("word", "cloud")))
    assert Reason.from_dict(reason.to_dict()) == reason


def test_empty_brief_still_ranks_by_readiness():
    assert Brief().is_empty
    assert len(rank([profile(1), profile(2)], Brief())) == 2


def test_indexed_ranking_equals_exhaustive_scoring():
    """rank() scores only the firms a brief concerns; it must agree with scoring every firm."""
    import random

    from directory.matching.scoring import rank_exhaustive

    rng = random.Random(7)
    words = ["검사", "정밀검사", "클라우드", "cloud", "ai", "vision", "보안인증", "数据"]
    firms = []
    for i in range(1, 400):
        firms.append(
            profile(
                i,
                f"기업{rng.randint(1, 40)}",
                texts={
                    field: " ".join(rng.sample(words, 2))
                    for field in rng.sample(
                        ["name_en", "summary_ko", "description_ko", "summary_zh"], 2
                    )
                },
                specialty_ids=frozenset(rng.sample([1, 2, 3, 10, 11, 12], rng.randint(0, 2))),
                market_codes=frozenset(rng.sample(["CN", "JP"], rng.randint(0, 1))),
                completeness=rng.randint(0, 10) / 10,
                has_en=rng.random() < 0.5,
                confirmed_recently=rng.random() < 0.3,
                is_verified=rng.random() < 0.5,
                cluster_id=rng.choice([None, 1, 2]),
            )
        )
    for case in range(40):
        brief = Brief(
            specialty_ids=frozenset(rng.sample([1, 2, 3, 10, 11, 12], rng.randint(0, 2))),
            keywords=tuple(rng.sample(words, rng.randint(0, 2))),
            country_codes=frozenset(rng.sample(["CN", "JP"], rng.randint(0, 1))),
            partner_id=rng.choice([None, 9]),
            relationships={rng.randint(1, 399): "pipeline" for _ in range(5)},
        )
        filters = rng.choice(
            [Filters(), Filters(only_verified=True), Filters(exclude_connected=True, cluster_id=1)]
        )
        expected = rank_exhaustive(apply_filters(firms, filters, brief), brief, taxonomy=TAXONOMY)
        limit = rng.choice([None, 1, 10, 50])
        got = rank(firms, brief, taxonomy=TAXONOMY, limit=limit, filters=filters)
        want = expected if limit is None else expected[:limit]
        assert [(r.firm_id, r.total) for r in got] == [(r.firm_id, r.total) for r in want], case


def test_negative_weights_are_refused():
    with pytest.raises(ValueError, match="negative"):
        Weights.from_mapping({"market": -1})


def test_zero_weights_still_rank_like_the_exhaustive_scorer():
    from directory.matching.scoring import rank_exhaustive

    firms = [
        profile(1, texts={"name_en": "cloud"}, completeness=0.2),
        profile(2, texts={"summary_en": "cloud"}, completeness=0.9),
        profile(3, completeness=0.5, market_codes=frozenset({"CN"})),
    ]
    brief = Brief(keywords=("cloud",), country_codes=frozenset({"CN"}), partner_id=1)
    for weights in (
        Weights(keywords=0),
        Weights(readiness=0, market=0),
        Weights(never_connected=0),
    ):
        got = [(r.firm_id, r.total) for r in rank(firms, brief, weights, limit=2)]
        want = [(r.firm_id, r.total) for r in rank_exhaustive(firms, brief, weights)][:2]
        assert got == want


def _random_profile(rng, i: int, words: list[str]) -> FirmProfile:
    return profile(
        i,
        f"기업{rng.randint(1, 40)}",
        texts={
            field: " ".join(rng.sample(words, 2))
            for field in rng.sample(["name_en", "summary_ko", "description_ko", "summary_zh"], 2)
        },
        specialty_ids=frozenset(rng.sample([1, 2, 3, 10, 11, 12], rng.randint(0, 2))),
        market_codes=frozenset(rng.sample(["CN", "JP", "VN"], rng.randint(0, 2))),
        completeness=rng.randint(0, 10) / 10,
        has_en=rng.random() < 0.5,
        confirmed_recently=rng.random() < 0.3,
        is_verified=rng.random() < 0.5,
        cluster_id=rng.choice([None, 1, 2]),
    )


def test_a_patched_index_ranks_exactly_like_one_built_afresh():
    """An edit patches the match index (issue 13: no request waits for a rebuild): after any
    series of edits, additions and removals it must answer every brief as a fresh build."""
    import random

    from directory.matching.scoring import ProfileIndex, rank_exhaustive

    rng = random.Random(13)
    words = ["검사", "정밀검사", "클라우드", "cloud", "ai", "vision", "보안인증", "数据", "드론"]
    firms = {i: _random_profile(rng, i, words) for i in range(1, 300)}
    index = ProfileIndex(firms.values())
    next_id = 300
    for step in range(25):
        gone, fresh = set(), []
        for _ in range(rng.randint(1, 6)):
            action = rng.random()
            if action < 0.5 and firms:  # edited
                firm_id = rng.choice(sorted(firms))
                firms[firm_id] = _random_profile(rng, firm_id, words)
                fresh.append(firms[firm_id])
            elif action < 0.75 and firms:  # unpublished or deleted
                firm_id = rng.choice(sorted(firms))
                del firms[firm_id]
                gone.add(firm_id)
            else:  # new
                firms[next_id] = _random_profile(rng, next_id, words)
                fresh.append(firms[next_id])
                next_id += 1
        fresh = [p for p in fresh if firms.get(p.id) is p]  # the last version of each firm
        index = index.patched(fresh, gone)
        assert len(index) == len(firms)
        assert {p.id for p in index.live_profiles()} == set(firms)
        for case in range(6):
            brief = Brief(
                specialty_ids=frozenset(rng.sample([1, 2, 3, 10, 11, 12], rng.randint(0, 2))),
                keywords=tuple(rng.sample(words, rng.randint(0, 2))),
                country_codes=frozenset(rng.sample(["CN", "JP"], rng.randint(0, 1))),
                partner_id=rng.choice([None, 9]),
                relationships={rng.choice(sorted(firms)): "pipeline" for _ in range(3)},
            )
            filters = rng.choice([Filters(), Filters(only_verified=True), Filters(cluster_id=1)])
            live = list(firms.values())
            want = rank_exhaustive(apply_filters(live, filters, brief), brief, taxonomy=TAXONOMY)
            for limit in (1, 10, 40):
                got = rank(index, brief, taxonomy=TAXONOMY, limit=limit, filters=filters)
                assert [(r.firm_id, r.total) for r in got] == [
                    (r.firm_id, r.total) for r in want[:limit]
                ], (step, case, limit)
            assert index.count(filters, brief) == len(apply_filters(live, filters, brief))
    fresh_index = ProfileIndex(firms.values())
    assert index.base_order != [] and len(index.base_order) == len(fresh_index.base_order)
    assert [index.profiles[i].id for i in index.base_order] == [
        fresh_index.profiles[i].id for i in fresh_index.base_order
    ]
