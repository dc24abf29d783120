"""SYNTHETIC firms for the matching benchmark. Not real firms: invented names and texts.

Kept separate from the directory's own ``generate_synthetic_firms`` command so the matching
benchmark can run on its own branch; it writes only into the database it is given (the
benchmark points Django at a throwaway SQLite file).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from directory.demo.firms import load_reference_data
from directory.firms.models import Cluster, Country, Firm, SizeBand, Specialty

KO_WORDS = [
    "클라우드",
    "데이터센터",
    "비전",
    "검사",
    "정밀",
    "물류",
    "제조",
    "보안",
    "인증",
    "탐지",
    "이상행위",
    "로봇",
    "자율주행",
    "음성",
    "번역",
    "의료",
    "영상",
    "반도체",
    "스마트팩토리",
    "플랫폼",
    "분석",
    "예측",
    "추천",
    "챗봇",
    "핀테크",
    "게임",
    "교육",
    "농업",
    "에너지",
    "드론",
]
EN_WORDS = [
    "cloud",
    "data centre",
    "vision",
    "inspection",
    "precision",
    "logistics",
    "manufacturing",
    "security",
    "authentication",
    "detection",
    "anomaly",
    "robot",
    "autonomous driving",
    "speech",
    "translation",
    "medical",
    "imaging",
    "semiconductor",
    "smart factory",
    "platform",
    "analytics",
    "forecasting",
    "recommendation",
    "chatbot",
    "fintech",
    "games",
    "education",
    "agriculture",
    "energy",
    "drones",
]
ZH_WORDS = ["云计算", "数据中心", "视觉", "检测", "安全", "认证", "机器人", "平台", "分析", "物流"]
SYLLABLES = "가나다라마바사아자차카타파하에이오우스테크노랩솔루션"


def generate(count: int = 100_000, seed: int = 5, batch: int = 5000) -> int:
    """Create `count` published synthetic firms (slugs syn-000001...). Returns how many."""
    rng = random.Random(seed)
    load_reference_data()
    clusters = [
        Cluster.objects.get_or_create(
            slug=f"syn-cluster-{i}", defaults={"name_ko": f"합성 클러스터 {i}"}
        )[0]
        for i in range(5)
    ]
    specialties = list(Specialty.objects.values_list("id", flat=True))
    countries = list(Country.objects.values_list("code", flat=True))
    bands = [b.value for b in SizeBand] + [""]
    now = timezone.now()
    start = Firm.objects.filter(slug__startswith="syn-").count()
    SpecLink = Firm.specialties.through
    MarketLink = Firm.target_markets.through
    created = 0
    for offset in range(start, count, batch):
        firms = []
        for n in range(offset, min(offset + batch, count)):
            ko_words = rng.sample(KO_WORDS, 4)
            en_words = [EN_WORDS[KO_WORDS.index(w)] for w in ko_words]
            with_zh = rng.random() < 0.2
            firms.append(
                Firm(
                    slug=f"syn-{n:06d}",
                    name_ko=f"합성기업 {''.join(rng.choice(SYLLABLES) for _ in range(3))} {n}",
                    name_en=f"Synthetic Firm {n}" if rng.random() < 0.7 else "",
                    name_zh=f"合成企业{n}" if with_zh else "",
                    summary_ko=f"{ko_words[0]}·{ko_words[1]} 전문 기업 (합성 데이터)",
                    summary_en=f"{en_words[0]} and {en_words[1]} specialist (synthetic)",
                    summary_zh=f"{rng.choice(ZH_WORDS)}企业(合成数据)" if with_zh else "",
                    description_ko=f"{ko_words[0]} {ko_words[2]} 분야의 {ko_words[3]} 솔루션을 "
                    "제공하는 합성 기업입니다. 벤치마크용으로 생성된 가상의 기업입니다.",
                    description_en=f"A synthetic firm offering {en_words[2]} and {en_words[3]} "
                    "solutions. Invented for the benchmark.",
                    founded_year=rng.randint(1990, 2025) if rng.random() < 0.8 else None,
                    size_band=rng.choice(bands),
                    website=f"https://syn-{n}.example" if rng.random() < 0.6 else "",
                    cluster=rng.choice(clusters),
                    is_published=True,
                    is_verified=rng.random() < 0.5,
                    last_confirmed_at=now - timedelta(days=rng.randint(0, 900)),
                )
            )
        with transaction.atomic():
            Firm.objects.bulk_create(firms)
            saved = dict(
                Firm.objects.filter(slug__in=[f.slug for f in firms]).values_list("slug", "id")
            )
            spec_links, market_links = [], []
            for firm in firms:
                firm_id = saved[firm.slug]
                for sid in rng.sample(specialties, rng.randint(1, 3)):
                    spec_links.append(SpecLink(firm_id=firm_id, specialty_id=sid))
                for code in rng.sample(countries, rng.choice([0, 0, 1, 2, 3])):
                    market_links.append(MarketLink(firm_id=firm_id, country_id=code))
            SpecLink.objects.bulk_create(spec_links)
            MarketLink.objects.bulk_create(market_links)
        created += len(firms)
    return created
