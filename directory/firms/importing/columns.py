"""The columns an import understands, and guessing them from Korean or English headers."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

#: Import field -> its label. Order is the order of the mapping form.
FIELDS: dict[str, object] = {
    "name_ko": _("name (Korean)"),
    "name_en": _("name (English)"),
    "name_zh": _("name (Chinese)"),
    "slug": _("slug"),
    "business_registration_number": _("business registration number"),
    "website": _("website"),
    "address": _("address"),
    "specialties": _("specialties"),
    "founded_year": _("founded"),
    "size_band": _("size"),
    "cluster": _("cluster"),
    "target_markets": _("target markets"),
    "summary_ko": _("summary (Korean)"),
    "summary_en": _("summary (English)"),
    "description_ko": _("description (Korean)"),
    "aliases": _("aliases"),
    "contact_name": _("contact person"),
    "contact_email": _("contact email"),
    "is_published": _("published"),
}

#: Header spellings seen in staff spreadsheets, compared after ``header_key``.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name_ko": (
        "기업명",
        "회사명",
        "업체명",
        "상호",
        "상호명",
        "기업명국문",
        "국문명",
        "한글명",
        "기업이름",
        "회사이름",
        "name",
        "company",
        "companyname",
        "firm",
        "firmname",
        "nameko",
        "koreanname",
    ),
    "name_en": (
        "영문명",
        "영문기업명",
        "영문회사명",
        "영문상호",
        "기업명영문",
        "englishname",
        "nameen",
        "nameenglish",
        "companynameenglish",
    ),
    "name_zh": ("중문명", "중국어명", "기업명중문", "chinesename", "namezh", "namechinese"),
    "slug": ("슬러그", "slug", "주소이름", "urlname"),
    "business_registration_number": (
        "사업자등록번호",
        "사업자번호",
        "사업자등록",
        "brn",
        "businessregistrationnumber",
        "registrationnumber",
        "bizno",
    ),
    "website": (
        "홈페이지",
        "웹사이트",
        "홈페이지주소",
        "사이트",
        "website",
        "homepage",
        "url",
        "web",
    ),
    "address": ("주소", "소재지", "본사주소", "사업장주소", "address"),
    "specialties": (
        "전문분야",
        "분야",
        "주요분야",
        "기술분야",
        "사업분야",
        "specialties",
        "specialty",
        "fields",
        "field",
    ),
    "founded_year": (
        "설립연도",
        "설립년도",
        "설립일",
        "설립년",
        "창업연도",
        "founded",
        "foundedyear",
        "yearfounded",
        "established",
    ),
    "size_band": (
        "직원수",
        "종업원수",
        "임직원수",
        "인원",
        "규모",
        "employees",
        "size",
        "staff",
        "headcount",
        "numberofemployees",
    ),
    "cluster": ("클러스터", "단지", "산업단지", "cluster"),
    "target_markets": (
        "목표시장",
        "진출희망국가",
        "진출국가",
        "희망시장",
        "targetmarkets",
        "targetmarket",
        "markets",
    ),
    "summary_ko": ("요약", "한줄소개", "소개", "기업요약", "summary", "summaryko"),
    "summary_en": ("영문요약", "영문소개", "summaryen", "summaryenglish", "englishsummary"),
    "description_ko": ("설명", "상세설명", "기업소개", "상세소개", "description", "descriptionko"),
    "aliases": ("별칭", "약칭", "다른이름", "aliases", "alias"),
    "contact_name": ("담당자", "담당자명", "담당자이름", "contact", "contactname", "contactperson"),
    "contact_email": (
        "담당자이메일",
        "이메일",
        "담당자email",
        "email",
        "e-mail",
        "contactemail",
        "메일",
    ),
    "is_published": ("공개", "공개여부", "published", "public", "ispublished"),
}


def header_key(header: str) -> str:
    """Lower case, NFC, without spaces, punctuation and brackets: ``기업명 (국문)`` -> ``기업명국문``."""
    text = unicodedata.normalize("NFC", header).casefold()
    return re.sub(r"[\s_\-().\[\]/:*]+", "", text).replace("e-mail", "email")


_LOOKUP = {header_key(s): name for name, spellings in SYNONYMS.items() for s in spellings}


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Column index (as text, for JSON) -> import field; each field at most once, first wins."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        name = _LOOKUP.get(header_key(header))
        if name and name not in taken:
            mapping[str(index)] = name
            taken.add(name)
    return mapping
