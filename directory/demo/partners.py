"""Demo partners, engagements and connections from the source article (facts only)."""

from __future__ import annotations

from django.db import transaction

from directory.demo.firms import FIRMS
from directory.firms.models import Country, Firm
from directory.partners.models import (
    Connection,
    ConnectionEvent,
    Engagement,
    Organiser,
    OverseasPartner,
    Participation,
    Stage,
)

ORGANISERS = [
    {
        "slug": "gyeonggi",
        "name_ko": "경기도",
        "name_en": "Gyeonggi Province",
        "name_zh": "京畿道",
        "kind": Organiser.Kind.GOVERNMENT,
    },
    {
        "slug": "gbsa",
        "name_ko": "경기도경제과학진흥원",
        "name_en": "Gyeonggi Business & Science Accelerator (GBSA)",
        "name_zh": "京畿道经济科学振兴院",
        "short_name": "GBSA",
        "kind": Organiser.Kind.AGENCY,
    },
]

PARTNERS = [
    {
        "slug": "tencent-cloud",
        "name_ko": "텐센트 클라우드",
        "name_en": "Tencent Cloud",
        "name_zh": "腾讯云",
        "kind": OverseasPartner.Kind.COMPANY,
        "country": "CN",
        "city_ko": "상하이",
        "city_en": "Shanghai",
        "city_zh": "上海",
        "description_ko": "중국 텐센트의 클라우드 사업부. 모든 사업 부문에 AI를 적용하는 "
        "‘AI IN ALL’(AIA) 전략을 추진하고 있다. 텐센트는 웨이신(위챗), QQ 메신저, 웨이신 페이를 "
        "운영하며 세계 35개국에 지사를 두고 있다.",
        "description_en": "Tencent's cloud business unit. It applies AI to every business line "
        "under its “AI IN ALL” (AIA) strategy. Tencent operates Weixin (WeChat), the QQ "
        "messenger and Weixin Pay, and has offices in 35 countries.",
    },
    {
        "slug": "chongqing-liangjiang",
        "name_ko": "충칭 량장신구",
        "name_en": "Chongqing Liangjiang New Area",
        "name_zh": "重庆两江新区",
        "kind": OverseasPartner.Kind.INDUSTRIAL_ZONE,
        "country": "CN",
        "city_ko": "충칭",
        "city_en": "Chongqing",
        "city_zh": "重庆",
        "description_ko": "충칭시의 국가급 신구. 경기도경제과학진흥원과 첨단산업 협력 업무협약(MOU)을 "
        "체결했다.",
        "description_en": "A new area of Chongqing that signed an MOU on advanced-industry "
        "cooperation with GBSA.",
    },
]

TENCENT_VISIT = {
    "kind": Engagement.Kind.DELEGATION_VISIT,
    "title_ko": "텐센트 클라우드 상하이 지사 방문",
    "title_en": "Delegation visit to Tencent Cloud, Shanghai",
    "title_zh": "访问腾讯云上海分公司",
    "place_ko": "중국 상하이, 텐센트 클라우드 상하이 지사",
    "place_en": "Tencent Cloud Shanghai office, Shanghai, China",
    "place_zh": "中国上海，腾讯云上海分公司",
    "summary_ko": "김동연 경기도지사가 판교클러스터 주요 기업들과 함께 텐센트 클라우드 상하이 지사를 "
    "방문했다. 텐센트 클라우드는 AIA(AI IN ALL) 전략을 포함한 "
    "사업 현황을 브리핑했고, 기술 문답이 예정 시간을 훌쩍 넘겨 이어졌다. 동행한 일부 기업은 "
    "텐센트 클라우드와 개별 미팅을 성사시켰다.",
    "summary_en": "Gyeonggi Governor Kim Dong-yeon visited Tencent Cloud's Shanghai office with "
    "leading firms of the Pangyo cluster. Tencent "
    "Cloud briefed the delegation on its AI IN ALL (AIA) strategy and business status; the "
    "technical Q&A ran well past the planned time. Some of the firms arranged one-on-one "
    "meetings with Tencent Cloud.",
    # Remarks about the source are for staff only: they live in notes, never in a summary.
    "notes": "지사 지시: 오늘 방문에 동행하지 못한 기업들도 추가로 연결할 방안을 마련할 것. "
    "방문일은 25일(기사에 월은 나오지 않음). "
    "어느 기업이 개별 미팅을 했는지는 기사에 나오지 않음.",
    "date_is_approximate": True,
    "known_day": 25,  # the article gives the day only
}

LIANGJIANG_MOU = {
    "kind": Engagement.Kind.MOU,
    "title_ko": "경기도경제과학진흥원–충칭 량장신구 첨단산업 협력 업무협약(MOU)",
    "title_en": "GBSA – Chongqing Liangjiang New Area MOU on advanced-industry cooperation",
    "title_zh": "京畿道经济科学振兴院与重庆两江新区尖端产业合作备忘录(MOU)",
    "place_ko": "중국 충칭",
    "place_en": "Chongqing, China",
    "place_zh": "中国重庆",
    "summary_ko": "경기도 AI 클러스터와 충칭 첨단산업단지 간 연결망을 마련하기로 했다. 도는 중국 AI "
    "시장 진출을 위한 로드맵을 수립할 계획이다.",
    "summary_en": "Agreed to build a network between Gyeonggi's AI cluster and Chongqing's "
    "high-tech industrial parks. The province plans a roadmap for entering China's AI market.",
    "date_is_approximate": True,
}


# Summaries that earlier versions of the demo wrote with a remark about the source in them.
OLD_SUMMARY_REMARKS = {
    "summary_ko": "(25일; 기사에 월은 나오지 않음)",
    "summary_en": " (on the 25th; the source gives no month)",
}


def _move_source_notes(engagement: Engagement, data: dict) -> None:
    """Take the source remark out of a summary an older demo load wrote, if nobody edited it."""
    changed = []
    for field, remark in OLD_SUMMARY_REMARKS.items():
        value = getattr(engagement, field)
        if remark in value and value.replace(remark, "") == data[field]:
            setattr(engagement, field, data[field])
            changed.append(field)
    if changed:
        if "기사에 월은 나오지 않음" not in engagement.notes:
            engagement.notes = (
                engagement.notes + "\n방문일은 25일(기사에 월은 나오지 않음)."
            ).strip()
            changed.append("notes")
        engagement.save(update_fields=changed)


def _engagement(
    data: dict, partner: OverseasPartner, organiser: Organiser
) -> tuple[Engagement, bool]:
    engagement = Engagement.objects.filter(title_ko=data["title_ko"]).first()
    if engagement:
        _move_source_notes(engagement, data)
        return engagement, False
    engagement = Engagement.objects.create(**data)
    engagement.partners.add(partner)
    engagement.organisers.add(organiser)
    return engagement, True


@transaction.atomic
def load_partners() -> None:
    organisers = {}
    for data in ORGANISERS:
        organisers[data["slug"]], _ = Organiser.objects.get_or_create(
            slug=data["slug"], defaults=data
        )
    partners = {}
    for data in PARTNERS:
        data = dict(data)
        country = Country.objects.get(code=data.pop("country"))
        partners[data["slug"]], _ = OverseasPartner.objects.get_or_create(
            slug=data["slug"], defaults={**data, "country": country}
        )

    visit, created = _engagement(TENCENT_VISIT, partners["tencent-cloud"], organisers["gyeonggi"])
    firms = list(Firm.objects.filter(slug__in=[f["slug"] for f in FIRMS]))
    if created:
        for firm in firms:
            Participation.objects.create(
                engagement=visit,
                firm=firm,
                role=Participation.Role.DELEGATE,
                outcome=Participation.Outcome.ATTENDED,
            )
    _engagement(LIANGJIANG_MOU, partners["chongqing-liangjiang"], organisers["gbsa"])

    # The delegates met Tencent Cloud at the visit: one connection each, at stage "met".
    for firm in firms:
        connection, created = Connection.objects.get_or_create(
            firm=firm,
            partner=partners["tencent-cloud"],
            defaults={
                "stage": Stage.MET,
                "source_engagement": visit,
            },
        )
        if created:
            ConnectionEvent.objects.create(
                connection=connection,
                kind=ConnectionEvent.Kind.CREATED,
                to_stage=Stage.MET,
                data={"engagement": visit.pk},
            )
