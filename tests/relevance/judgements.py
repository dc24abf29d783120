"""The labelled relevance set (issue 12): queries and briefs with graded judgements.

Grades: 2 = what the searcher is after (the word in the firm's name, the firm the words
describe), 1 = relevant (the word in a specialty, summary or description). Firms not listed are
not relevant. Over the demo firms (hand-judged from their texts) and the synthetic generator's
firms (bench/_synthetic_search.py: judged by rule from how each firm was generated: the core
word of its name, its specialties, its sentences). Across Korean, English and Chinese: two-
syllable words that stand only in descriptions, synonyms, other languages, ranking order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEMO = ["nhn-cloud", "megazone-cloud", "hancom", "aiworks", "hypernology", "initech"]


@dataclass(frozen=True)
class Query:
    text: str
    grades: dict[str, int]  # slug -> grade; a "core:<word>" key expands to synthetic firms
    lang: str
    kind: str  # what it tests


# Demo firms, judged by hand from their profiles (directory/demo/firms.py).
DEMO_QUERIES = [
    Query("운영", {"nhn-cloud": 2}, "ko", "two-syllable word in a description"),
    Query("운영하는", {"nhn-cloud": 2}, "ko", "inflected word"),
    Query("operates", {"nhn-cloud": 2}, "en", "word in a description"),
    Query("데이터센터", {"nhn-cloud": 2}, "ko", "specialty and description"),
    Query("data center", {"nhn-cloud": 2}, "en", "two words"),
    Query("数据中心", {"nhn-cloud": 2}, "zh", "specialty in Chinese"),
    Query("IDC", {"nhn-cloud": 2}, "en", "synonym"),
    Query("국가", {"nhn-cloud": 2}, "ko", "two-syllable word in a summary"),
    Query("national", {"nhn-cloud": 2}, "en", "word in a summary"),
    Query("NHN", {"nhn-cloud": 2}, "en", "name"),
    Query("유니콘", {"megazone-cloud": 2}, "ko", "word in a summary"),
    Query("unicorn", {"megazone-cloud": 2}, "en", "word in a summary"),
    Query("메가존", {"megazone-cloud": 2}, "ko", "name prefix"),
    Query("megazon", {"megazone-cloud": 2}, "en", "name prefix while typing"),
    Query("megazome", {"megazone-cloud": 2}, "en", "typo"),
    Query("메가존클라우드", {"megazone-cloud": 2}, "ko", "name without its space"),
    Query("중국 시장", {"megazone-cloud": 2}, "ko", "two words in a description"),
    Query(
        "클라우드",
        {"core:클라우드": 2, "spec:클라우드": 1, "nhn-cloud": 2, "megazone-cloud": 2, "hancom": 1},
        "ko",
        "names before descriptions",
    ),
    Query(
        "cloud",
        {"core:클라우드": 2, "spec:클라우드": 1, "nhn-cloud": 2, "megazone-cloud": 2, "hancom": 1},
        "en",
        "ranking order",
    ),
    Query("云服务", {"megazone-cloud": 2, "nhn-cloud": 2}, "zh", "specialty in Chinese"),
    Query(
        "云计算",
        {"core:클라우드": 2, "spec:클라우드": 1, "megazone-cloud": 2, "nhn-cloud": 2},
        "zh",
        "parent specialty in Chinese",
    ),
    Query("한컴", {"hancom": 2}, "ko", "alias"),
    Query("hancom", {"hancom": 2}, "en", "name"),
    Query("컴퓨터", {"hancom": 2}, "ko", "part of a name"),
    Query("ㅎㄱㄱㅋ", {"hancom": 2}, "ko", "initial consonants"),
    Query("소프트웨어", {"hancom": 2}, "ko", "specialty and summary"),
    Query(
        "software", {"core:소프트": 2, "spec:소프트": 1, "hancom": 2}, "en", "specialty and summary"
    ),
    Query("软件", {"core:소프트": 2, "spec:소프트": 1, "hancom": 2}, "zh", "specialty in Chinese"),
    Query("개척자", {"hancom": 2}, "ko", "word in a summary"),
    Query("pioneer", {"hancom": 2}, "en", "word in a summary"),
    Query("어시스턴트", {"hancom": 2}, "ko", "word in a description"),
    Query("assistant", {"hancom": 2}, "en", "specialty and description"),
    Query("助手", {"hancom": 2}, "zh", "specialty in Chinese"),
    Query(
        "로봇",
        {"core:로보틱스": 2, "spec:로보틱스": 1, "hancom": 2},
        "ko",
        "synonym of a specialty",
    ),
    Query(
        "robots", {"core:로보틱스": 2, "spec:로보틱스": 1, "hancom": 2}, "en", "plural of a synonym"
    ),
    Query(
        "机器人",
        {"core:로보틱스": 2, "spec:로보틱스": 1, "hancom": 2},
        "zh",
        "specialty in Chinese",
    ),
    Query(
        "人工智能",
        {
            "core:인공지능": 2,
            "spec:인공지능": 1,
            "hancom": 2,
            "aiworks": 2,
            "hypernology": 2,
            "initech": 1,
            "nhn-cloud": 1,
        },
        "zh",
        "parent specialty in Chinese",
    ),
    Query(
        "인공지능",
        {
            "core:인공지능": 2,
            "spec:인공지능": 1,
            "hancom": 2,
            "aiworks": 2,
            "hypernology": 2,
            "initech": 1,
            "nhn-cloud": 1,
        },
        "ko",
        "synonym, other language",
    ),
    Query("에이아이웍스", {"aiworks": 2}, "ko", "name"),
    Query("AI 데이터", {"aiworks": 2, "nhn-cloud": 1}, "ko", "specialty with a space"),
    Query("최고", {"aiworks": 2}, "ko", "two-syllable word in a summary"),
    Query("검사", {"hypernology": 2}, "ko", "inside a compound (정밀검사)"),
    Query("inspection", {"hypernology": 2}, "en", "word in a description"),
    Query("물류", {"hypernology": 2}, "ko", "two-syllable word in a description"),
    Query("logistics", {"hypernology": 2}, "en", "word in a description"),
    Query(
        "비전", {"core:비전": 2, "spec:비전": 1, "hypernology": 2}, "ko", "specialty and summary"
    ),
    Query("机器视觉", {"hypernology": 2}, "zh", "synonym in Chinese"),
    Query("하이퍼놀로지", {"hypernology": 2}, "ko", "name"),
    Query("보안", {"initech": 2}, "ko", "specialty and summary"),
    Query(
        "security",
        {"core:시큐리티": 2, "spec:시큐리티": 1, "initech": 2},
        "en",
        "specialty and summary",
    ),
    Query(
        "安全", {"core:시큐리티": 2, "spec:시큐리티": 1, "initech": 2}, "zh", "specialty in Chinese"
    ),
    Query("인증", {"initech": 2}, "ko", "inside a compound (보안인증)"),
    Query("authentication", {"initech": 2}, "en", "specialty"),
    Query("认证", {"initech": 2}, "zh", "specialty in Chinese"),
    Query("이상행위", {"initech": 2}, "ko", "word in a description"),
    Query("anomaly", {"initech": 2}, "en", "word in a description"),
    Query("이니텍", {"initech": 2}, "ko", "name"),
]

# Chinese words for the synthetic core words (the cross-language layer: added as synonyms of
# the synthetic specialties by the corpus, as staff would in the admin).
CORE_ZH = {
    "데이터": "数据", "소프트": "软件", "클라우드": "云计算", "로보틱스": "机器人",
    "비전": "视觉", "시큐리티": "安全", "네트웍스": "网络", "모빌리티": "出行",
    "에너지": "能源", "컴퓨팅": "计算", "인공지능": "人工智能", "메디컬": "医疗",
    "핀테크": "金融科技", "게임즈": "游戏", "미디어": "媒体", "반도체": "半导体",
}  # fmt: skip
# Cores whose word also stands inside other words or specialties of the demo taxonomy, where
# a rule-based judgement would be unfair either way; left out of the synthetic queries.
SKIP_CORES = {"데이터", "소프트", "클라우드", "로보틱스", "비전", "시큐리티", "인공지능"}


def synthetic_queries() -> list[Query]:
    """For each core word: its Korean, English and Chinese forms; grade 2 for firms named with
    it, 1 for firms that only hold one of its specialties (``core:`` keys, see corpus)."""
    from bench._synthetic_search import CORE_EN, CORES

    queries = []
    for core in CORES:
        if core in SKIP_CORES:
            continue
        grades = {f"core:{core}": 2, f"spec:{core}": 1}
        queries.append(Query(core, grades, "ko", "synthetic: core word"))
        queries.append(Query(CORE_EN[core], grades, "en", "synthetic: core word in English"))
        queries.append(Query(CORE_ZH[core], grades, "zh", "synthetic: core word via synonyms"))
    return queries


@dataclass(frozen=True)
class BriefCase:
    keywords: str
    grades: dict[str, int]
    lang: str
    specialties: tuple[str, ...] = ()  # slugs
    countries: tuple[str, ...] = ()
    kind: str = ""
    extra: dict = field(default_factory=dict)


BRIEFS = [
    BriefCase("人工智能机器人",
              {"hancom": 2, "aiworks": 1, "hypernology": 1, "spec:인공지능": 1, "spec:로보틱스": 1},
              "zh",
              kind="Chinese brief without spaces"),
    BriefCase("AI and robots", {"hancom": 2, "aiworks": 1, "hypernology": 1, "initech": 1}, "en",
              kind="stopword in a brief"),
    BriefCase("인공지능 로봇", {"hancom": 2, "aiworks": 1, "hypernology": 1}, "ko",
              kind="synonyms"),
    BriefCase("검사", {"hypernology": 2}, "ko", specialties=("industrial-vision",),
              kind="specialty and keyword"),
    BriefCase("precision inspection", {"hypernology": 2}, "en", kind="English keywords"),
    BriefCase("机器视觉", {"hypernology": 2}, "zh", kind="synonym in Chinese"),
    BriefCase("보안 인증", {"initech": 2}, "ko", kind="two specialties by keyword"),
    BriefCase("安全认证", {"initech": 2}, "zh", kind="Chinese without spaces"),
    BriefCase("anomaly detection", {"initech": 2}, "en", kind="specialty with a space"),
    BriefCase("클라우드 데이터센터", {"nhn-cloud": 2, "megazone-cloud": 1}, "ko",
              kind="parent and child"),
    BriefCase("cloud data center", {"nhn-cloud": 2, "megazone-cloud": 1}, "en",
              kind="parent and child in English"),
    BriefCase("数据中心", {"nhn-cloud": 2}, "zh", kind="specialty in Chinese"),
    BriefCase("unicorn cloud", {"megazone-cloud": 2, "nhn-cloud": 1}, "en", kind="rare word"),
    BriefCase("AI assistant office software", {"hancom": 2}, "en", kind="several keywords"),
    BriefCase("AI 데이터", {"aiworks": 2}, "ko", kind="specialty with a space"),
    BriefCase("", {"hancom": 2, "aiworks": 2, "hypernology": 2, "initech": 1}, "ko",
              specialties=("ai", "security"), kind="children count as exact"),
    BriefCase("핀테크", {"core:핀테크": 2, "spec:핀테크": 1}, "ko", kind="synthetic: core word"),
    BriefCase("金融科技", {"core:핀테크": 2, "spec:핀테크": 1}, "zh", kind="synthetic: Chinese"),
    BriefCase("semiconductor equipment", {"core:반도체": 2, "spec:반도체": 1}, "en",
              kind="synthetic: English"),
    BriefCase("医疗", {"core:메디컬": 2, "spec:메디컬": 1}, "zh", kind="synthetic: Chinese"),
]  # fmt: skip
