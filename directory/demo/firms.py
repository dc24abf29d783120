"""Reference data and the demo firms of the source article (facts only; see docs/facts.md).

Every loader is idempotent: it creates what is missing and never overwrites what exists,
so a second ``make run`` neither duplicates rows nor undoes edits made in the app.
"""

from __future__ import annotations

from django.db import transaction

from directory.firms.models import Cluster, Country, Firm, Specialty

COUNTRIES = [
    ("KR", "대한민국", "South Korea", "韩国"),
    ("CN", "중국", "China", "中国"),
    ("HK", "홍콩", "Hong Kong", "香港"),
    ("TW", "대만", "Taiwan", "台湾"),
    ("JP", "일본", "Japan", "日本"),
    ("US", "미국", "United States", "美国"),
    ("CA", "캐나다", "Canada", "加拿大"),
    ("GB", "영국", "United Kingdom", "英国"),
    ("DE", "독일", "Germany", "德国"),
    ("FR", "프랑스", "France", "法国"),
    ("NL", "네덜란드", "Netherlands", "荷兰"),
    ("SG", "싱가포르", "Singapore", "新加坡"),
    ("VN", "베트남", "Vietnam", "越南"),
    ("ID", "인도네시아", "Indonesia", "印度尼西亚"),
    ("TH", "태국", "Thailand", "泰国"),
    ("MY", "말레이시아", "Malaysia", "马来西亚"),
    ("IN", "인도", "India", "印度"),
    ("AE", "아랍에미리트", "United Arab Emirates", "阿联酋"),
    ("SA", "사우디아라비아", "Saudi Arabia", "沙特阿拉伯"),
    ("AU", "호주", "Australia", "澳大利亚"),
]

# (slug, ko, en, zh, children)
TAXONOMY = [
    (
        "cloud",
        "클라우드",
        "Cloud",
        "云计算",
        [
            ("data-center", "데이터센터", "Data centres", "数据中心"),
            ("cloud-services", "클라우드 서비스", "Cloud services", "云服务"),
        ],
    ),
    (
        "ai",
        "AI",
        "AI",
        "人工智能",
        [
            ("industrial-vision", "산업 비전", "Industrial vision", "工业视觉"),
            ("ai-data", "AI 데이터", "AI data", "AI数据"),
            ("ai-assistant", "AI 비서", "AI assistants", "AI助手"),
        ],
    ),
    (
        "security",
        "보안",
        "Security",
        "安全",
        [
            ("anomaly-detection", "이상행위 탐지", "Anomaly detection", "异常行为检测"),
            ("authentication", "인증", "Authentication", "身份认证"),
        ],
    ),
    (
        "software",
        "소프트웨어",
        "Software",
        "软件",
        [("office-software", "오피스 SW", "Office software", "办公软件")],
    ),
    ("robotics", "로보틱스", "Robotics", "机器人", []),
]

# Everyday words for the specialties (editable in the admin): search and matching treat a
# query or brief keyword naming one of them as the specialty, in any language.
SYNONYMS = {
    "cloud": "클라우드 컴퓨팅, cloud computing, 云, 云端",
    "data-center": "데이터 센터, IDC, data center, datacenter, 数据中心, 机房",
    "cloud-services": "클라우드 서비스, SaaS, IaaS, PaaS, 云服务",
    "ai": "인공지능, artificial intelligence, 人工智能, 智能",
    "industrial-vision": "머신 비전, 비전 검사, machine vision, vision inspection, 机器视觉",
    "ai-data": "학습 데이터, 데이터 라벨링, training data, data labelling, 训练数据",
    "ai-assistant": "AI 어시스턴트, 어시스턴트, assistant, AI assistant, 智能助手, 助手",
    "security": "정보보호, 사이버 보안, cybersecurity, information security, 信息安全, 网络安全",
    "anomaly-detection": "이상 탐지, 이상징후 탐지, anomaly detection, 异常检测",
    "authentication": "본인인증, 인증 솔루션, identity, authentication, 认证",
    "software": "SW, 소프트웨어 개발, software development, 软件开发",
    "office-software": "오피스, 문서 편집, office suite, word processor, 办公",
    "robotics": "로봇, robot, robots, 机器人, 机器人技术",
}

PANGYO = {
    "slug": "pangyo-techno-valley",
    "name_ko": "판교 테크노밸리",
    "name_en": "Pangyo Techno Valley",
    "name_zh": "板桥科技谷",
    "region_ko": "경기도 성남시",
}

# The six firms that joined the Tencent Cloud visit. Only what the article says about each;
# Chinese names are not in the source and stay empty.
FIRMS = [
    {
        "slug": "nhn-cloud",
        "name_ko": "NHN클라우드",
        "name_en": "NHN Cloud",
        "summary_ko": "국가 데이터센터를 운영하는 클라우드 기업",
        "summary_en": "Cloud firm that operates a national data center",
        "description_ko": "국가 데이터센터를 운영한다. 한국 진출을 희망하는 중국 AI 기업들이 "
        "협력을 희망하는 주요 기업이다.",
        "description_en": "Operates a national data center. A key firm that Chinese AI "
        "companies hoping to enter Korea want to work with.",
        "specialties": ["data-center", "cloud-services"],
        "markets": [],
    },
    {
        "slug": "megazone-cloud",
        "name_ko": "메가존 클라우드",
        "name_en": "Megazone Cloud",
        "summary_ko": "클라우드 분야 최초의 유니콘 기업",
        "summary_en": "The first unicorn in the cloud field",
        "description_ko": "클라우드 분야 최초로 유니콘 기업으로 등극했다. 중국 시장 확대를 추진 중이다.",
        "description_en": "The first unicorn in the cloud field. Pursuing expansion into the "
        "Chinese market.",
        "specialties": ["cloud-services"],
        "markets": ["CN"],
    },
    {
        "slug": "hancom",
        "name_ko": "한글과컴퓨터",
        "name_en": "Hancom",
        "aliases": "한컴",
        "summary_ko": "대한민국 소프트웨어 산업의 개척자",
        "summary_en": "Pioneer of Korea's software industry",
        "description_ko": "대한민국 소프트웨어 산업의 개척자. AI 비서 ‘한컴 어시스턴트’를 출시하며 "
        "AI-클라우드-로보틱스 융합 기업으로 전환 중이다.",
        "description_en": "Pioneer of Korea's software industry. Launched the AI assistant "
        "“Hancom Assistant” and is turning into an AI–cloud–robotics convergence company.",
        "specialties": ["ai-assistant", "office-software", "robotics"],
        "markets": [],
    },
    {
        "slug": "aiworks",
        "name_ko": "에이아이웍스",
        "name_en": "AIWorks",
        "summary_ko": "AI 데이터 분야의 최고 수준 기업",
        "summary_en": "A top-level firm in AI data",
        "description_ko": "AI 데이터 분야의 최고 수준 기업이다.",
        "description_en": "A top-level firm in AI data.",
        "specialties": ["ai-data"],
        "markets": [],
    },
    {
        "slug": "hypernology",
        "name_ko": "하이퍼놀로지",
        "name_en": "Hypernology",
        "summary_ko": "산업 AI 비전 전문 기업",
        "summary_en": "Industrial AI vision specialist",
        "description_ko": "제조·물류 현장의 정밀검사 등 산업 AI 비전 전문 기업이다.",
        "description_en": "Industrial AI vision specialist, e.g. precision inspection at "
        "manufacturing and logistics sites.",
        "specialties": ["industrial-vision"],
        "markets": [],
    },
    {
        "slug": "initech",
        "name_ko": "이니텍",
        "name_en": "Initech",
        "summary_ko": "보안인증 솔루션 기업",
        "summary_en": "Security and authentication solutions",
        "description_ko": "AI를 활용한 이상행위 탐지 등을 주로 하는 보안인증 솔루션 기업이다.",
        "description_en": "Security and authentication solutions, mainly AI-based anomaly "
        "(abnormal behaviour) detection.",
        "specialties": ["anomaly-detection", "authentication"],
        "markets": [],
    },
]


def load_reference_data() -> None:
    for code, ko, en, zh in COUNTRIES:
        Country.objects.get_or_create(
            code=code, defaults={"name_ko": ko, "name_en": en, "name_zh": zh}
        )
    for position, (slug, ko, en, zh, children) in enumerate(TAXONOMY):
        parent, _ = Specialty.objects.get_or_create(
            slug=slug,
            defaults={
                "name_ko": ko,
                "name_en": en,
                "name_zh": zh,
                "position": position,
                "synonyms": SYNONYMS.get(slug, ""),
            },
        )
        for child_position, (child_slug, cko, cen, czh) in enumerate(children):
            Specialty.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "parent": parent,
                    "name_ko": cko,
                    "name_en": cen,
                    "name_zh": czh,
                    "position": child_position,
                    "synonyms": SYNONYMS.get(child_slug, ""),
                },
            )
    Cluster.objects.get_or_create(slug=PANGYO["slug"], defaults=PANGYO)


@transaction.atomic
def load_firms() -> list[Firm]:
    """Create the article's six firms if missing. Returns the firms created now."""
    cluster = Cluster.objects.get(slug=PANGYO["slug"])
    created_firms = []
    for data in FIRMS:
        data = dict(data)
        specialty_slugs = data.pop("specialties")
        markets = data.pop("markets")
        firm, created = Firm.objects.get_or_create(
            slug=data["slug"], defaults={**data, "cluster": cluster, "is_published": True}
        )
        if created:
            firm.specialties.set(Specialty.objects.filter(slug__in=specialty_slugs))
            firm.target_markets.set(Country.objects.filter(code__in=markets))
            created_firms.append(firm)
    return created_firms
