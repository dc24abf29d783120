"""The dry run as plain Python: column guessing, row validation, matching, duplicates in a file."""

from __future__ import annotations

from django.utils import translation

from directory.firms.importing.columns import guess_mapping
from directory.firms.importing.planning import (
    CREATE,
    REJECTED,
    UNCHANGED,
    UPDATE,
    Catalogue,
    ExistingFirm,
    plan_rows,
    size_band,
)
from directory.firms.importing.reading import Table

HEADERS = [
    "기업명",
    "영문명",
    "사업자등록번호",
    "홈페이지",
    "전문분야",
    "설립연도",
    "직원수",
    "담당자 이메일",
    "Website note",
]


def catalogue(**kwargs) -> Catalogue:
    return Catalogue(
        firms=kwargs.get("firms", []),
        specialties={
            "클라우드서비스": "cloud-services",
            "cloudservices": "cloud-services",
            "ai데이터": "ai-data",
        },
        specialty_names=["클라우드 서비스", "AI 데이터", "산업 비전"],
        clusters={"판교테크노밸리": "pangyo"},
        countries={"중국": "CN", "cn": "CN"},
    )


def plan(rows, headers=HEADERS, cat=None):
    table = Table("csv", headers, [(n + 2, row) for n, row in enumerate(rows)])
    with translation.override("en"):
        return plan_rows(table, guess_mapping(headers), cat or catalogue())


def row(name="가온클라우드", en="Gaon Cloud", brn="", web="", spec="", year="", staff="", email=""):
    return [name, en, brn, web, spec, year, staff, email, ""]


def test_korean_and_english_headers_are_guessed():
    mapping = guess_mapping(["회사명", "English name", "사업자 번호", "홈페이지 주소", "E-mail"])
    assert mapping == {
        "0": "name_ko",
        "1": "name_en",
        "2": "business_registration_number",
        "3": "website",
        "4": "contact_email",
    }
    assert "8" not in guess_mapping(HEADERS)  # an unknown header is left unmapped


def test_a_new_firm_is_created_with_a_slug_from_its_english_name():
    [result] = plan([row(spec="클라우드 서비스", year="2019년", staff="37명")])
    assert result.action == CREATE
    assert result.slug == "gaon-cloud"
    assert result.values["specialties"] == ["cloud-services"]
    assert result.values["founded_year"] == 2019
    assert result.values["size_band"] == "small"


def test_slug_is_romanised_from_korean_when_there_is_no_english_name():
    [result] = plan([row(name="가교", en="")])
    assert result.slug == "gagyo"


def test_bad_registration_number_is_rejected_with_row_column_and_reason():
    [result] = plan([row(brn="123-45-67892")])
    assert result.action == REJECTED
    assert result.row == 2
    assert result.problems[0].column == "사업자등록번호"
    assert "check digit" in result.problems[0].message


def test_unknown_specialty_is_rejected_with_the_closest_suggestions():
    [result] = plan([row(spec="클라우드 서비쓰")])
    assert result.action == REJECTED
    assert "클라우드 서비스" in result.problems[0].message


def test_malformed_url_and_email_are_rejected():
    [result] = plan([row(web="http://exa mple", email="not-an-email")])
    assert {p.column for p in result.problems} == {"홈페이지", "담당자 이메일"}


def test_duplicate_inside_the_file_is_rejected():
    first, second = plan([row(), row(name="가온 클라우드", en="")])
    assert first.action == CREATE
    assert second.action == REJECTED
    assert "row 2" in second.problems[0].message


def test_rows_match_by_registration_number_then_slug_then_normalised_name():
    existing = [
        ExistingFirm(
            1, "nhn", {"name_ko": "엔에이치엔", "business_registration_number": "220-81-62517"}
        ),
        ExistingFirm(
            2, "gaon", {"name_ko": "㈜가온클라우드", "business_registration_number": None}
        ),
    ]
    cat = catalogue(firms=existing)
    by_brn, by_name = plan([row(name="다른 이름", brn="2208162517"), row(en="")], cat=cat)
    assert (by_brn.action, by_brn.firm_id) == (UPDATE, 1)
    assert by_brn.values == {"name_ko": "다른 이름", "name_en": "Gaon Cloud"}
    assert (by_name.action, by_name.firm_id) == (UPDATE, 2)


def test_a_row_equal_to_the_firm_is_unchanged():
    existing = [ExistingFirm(2, "gaon", {"name_ko": "가온클라우드", "name_en": "Gaon Cloud"})]
    [result] = plan([row()], cat=catalogue(firms=existing))
    assert result.action == UNCHANGED


def test_size_band_reads_counts_ranges_and_names():
    assert size_band("5") == "micro"
    assert size_band("10~49") == "small"
    assert size_band("1,200명") == "large"
    assert size_band("medium") == "medium"
    assert size_band("많음") is None
