"""Synthetic firms for the search benchmark. Every name is marked "[합성]" (synthetic): these
are invented, never real firms, and never loaded into a real database.

Deterministic (seeded) so that runs are comparable.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

MARK = "[합성]"

PREFIXES = [
    "한빛",
    "미래",
    "누리",
    "다온",
    "새봄",
    "가온",
    "푸른",
    "하늘",
    "별빛",
    "은하",
    "바른",
    "온누리",
    "한결",
    "이음",
    "해오름",
    "두리",
    "나래",
    "아라",
    "세움",
    "도담",
    "초록",
    "마루",
    "슬기",
    "참빛",
    "든솔",
    "가람",
    "비솔",
    "늘품",
    "단비",
    "여울",
]
CORES = [
    "데이터",
    "소프트",
    "클라우드",
    "로보틱스",
    "비전",
    "시큐리티",
    "네트웍스",
    "모빌리티",
    "에너지",
    "컴퓨팅",
    "인공지능",
    "메디컬",
    "핀테크",
    "게임즈",
    "미디어",
    "반도체",
]
SUFFIXES = ["", "랩스", "테크", "솔루션", "시스템즈", "코리아", "이노베이션", "파트너스"]
FIELDS = [
    ("플랫폼", "platform"),
    ("분석", "analytics"),
    ("장비", "equipment"),
    ("서비스", "services"),
]
SENTENCES = [
    "판교에서 {core} 분야 서비스를 개발한다.",
    "{core} 기반 플랫폼을 기업 고객에게 제공한다.",
    "제조 현장의 품질 검사를 자동화하는 기술을 보유했다.",
    "해외 시장 진출을 준비 중인 스타트업이다.",
    "공공기관과 함께 실증 사업을 수행했다.",
    "자체 연구소에서 핵심 알고리즘을 연구한다.",
    "중소기업을 위한 업무 도구를 만든다.",
]
EN_SENTENCES = [
    "Builds {core_en} products for enterprise customers.",
    "A synthetic firm used only for benchmarks.",
    "Automates quality inspection on factory floors.",
]
CORE_EN = {
    "데이터": "data", "소프트": "software", "클라우드": "cloud", "로보틱스": "robotics",
    "비전": "vision", "시큐리티": "security", "네트웍스": "networking", "모빌리티": "mobility",
    "에너지": "energy", "컴퓨팅": "computing", "인공지능": "AI", "메디컬": "medical",
    "핀테크": "fintech", "게임즈": "games", "미디어": "media", "반도체": "semiconductor",
}  # fmt: skip


def synthetic_specialties() -> list[dict]:
    """Four specialties per core word (e.g. 데이터 분석 / Data analytics): 64 in all."""
    rows = []
    for core in CORES:
        for field_ko, field_en in FIELDS:
            rows.append(
                {
                    "slug": f"synthetic-{CORE_EN[core].lower()}-{field_en}",
                    "name_ko": f"{core} {field_ko}",
                    "name_en": f"{CORE_EN[core]} {field_en}",
                    "name_zh": "",
                    "position": 900,
                }
            )
    return rows


def specialty_slugs_for(name_ko: str, n: int) -> list[str]:
    """One or two specialties of the firm's own core word, now and then one of another."""
    core = next(core for core in CORES if core in name_ko)
    fields = [field_en for _ko, field_en in FIELDS]
    slugs = [f"synthetic-{CORE_EN[core].lower()}-{fields[n % 4]}"]
    if n % 3 == 0:
        slugs.append(f"synthetic-{CORE_EN[core].lower()}-{fields[(n + 1) % 4]}")
    if n % 10 == 0:
        other = CORES[(CORES.index(core) + 1 + n % 15) % len(CORES)]
        slugs.append(f"synthetic-{CORE_EN[other].lower()}-{fields[n % 4]}")
    return slugs


def synthetic_firm_rows(count: int, seed: int = 20261127) -> Iterator[dict]:
    """Field values for ``count`` synthetic firms (slugs synthetic-000001 …)."""
    rng = random.Random(seed)
    for n in range(1, count + 1):
        prefix, core, suffix = rng.choice(PREFIXES), rng.choice(CORES), rng.choice(SUFFIXES)
        core_en = CORE_EN[core]
        yield {
            "slug": f"synthetic-{n:06d}",
            "name_ko": f"{MARK} {prefix}{core}{suffix} {n}",
            "name_en": f"[Synthetic] {core_en.title()} Firm {n}",
            "summary_ko": f"{core} 분야의 합성 기업",
            "summary_en": f"Synthetic {core_en} firm",
            "description_ko": " ".join(
                rng.choice(SENTENCES).format(core=core) for _ in range(rng.randint(1, 3))
            ),
            "description_en": rng.choice(EN_SENTENCES).format(core_en=core_en),
            "is_published": rng.random() < 0.95,
        }
