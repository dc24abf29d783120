"""A walk over the staff and member pages with the demo data, as a newcomer would click through.

Used by the tests that check every page at once (sentence case, untranslated content).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from directory.accounts import services
from directory.firms.models import Firm, Specialty
from directory.partners.models import Connection, Engagement
from directory.partners.services import change_stage, update_connection
from tests.factories import make_image_bytes, make_member, make_staff


@dataclass
class Walk:
    staff: object
    member: object
    staff_paths: list[str]
    member_paths: list[str]


def build_walk() -> Walk:
    """Demo data (already loaded) plus what a week of use adds: an applied change with new
    specialties and a logo, a pending change, a stage change with owner and next step."""
    staff = make_staff(username="walk-staff")
    hancom = Firm.objects.get(slug="hancom")
    member = make_member(hancom, username="walk-member")
    values = services.snapshot(hancom)
    extra_specialty = Specialty.objects.exclude(pk__in=hancom.specialties.all()).first()
    values["specialties"] = [*values["specialties"], extra_specialty.slug]
    services.apply_values(
        hancom, values, user=staff, reason="approved", logo_content=make_image_bytes()
    )
    proposed = {**services.snapshot(hancom), "summary_en": "A walk-through summary."}
    change = services.submit_change(hancom, member, proposed, services.current_token(hancom))
    connection = Connection.objects.get(firm=hancom, partner__slug="tencent-cloud")
    change_stage(connection, "in_discussion", user=staff)
    update_connection(connection, staff, owner=staff, next_step="Send the deck")
    visit = Engagement.objects.get(known_day=25)
    staff_paths = [
        "/staff/",
        "/staff/partners/",
        "/staff/partners/tencent-cloud/",
        "/staff/partners/tencent-cloud/edit/",
        "/staff/engagements/",
        f"/staff/engagements/{visit.pk}/",
        f"/staff/engagements/{visit.pk}/edit/",
        f"/staff/engagements/{visit.pk}/left-out/",
        "/staff/connections/",
        f"/staff/connections/{connection.pk}/",
        "/staff/firms/hancom/",
        "/staff/follow-ups/",
        "/staff/reviews/",
        f"/staff/reviews/{change.pk}/",
        "/staff/reviews/invitations/",
        "/staff/reviews/memberships/",
        "/staff/match/?partner=tencent-cloud",
        "/staff/match/firm/hancom/",
        "/staff/match/shortlists/",
    ]
    member_paths = [
        "/my/",
        "/my/firms/hancom/",
        "/my/firms/hancom/edit/",
        "/my/firms/hancom/history/",
    ]
    return Walk(staff, member, staff_paths, member_paths)


@dataclass
class TextCollector(HTMLParser):
    """Visible text of a page, with the tag each piece sits in and whether it is in [KO] content."""

    pieces: list[tuple[str, str, bool]] = field(default_factory=list)
    stack: list[tuple[str, bool]] = field(default_factory=list)

    def __post_init__(self):
        super().__init__(convert_charrefs=True)

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        korean = bool(self.stack and self.stack[-1][1]) or attrs.get("lang") == "ko"
        self.stack.append((tag, korean))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not data.strip() or any(t in ("script", "style", "title") for t, _ in self.stack):
            return
        tag, korean = self.stack[-1] if self.stack else ("", False)
        self.pieces.append((data.strip(), tag, korean))


def page_text(html: str) -> list[tuple[str, str, bool]]:
    collector = TextCollector()
    collector.feed(html)
    return collector.pieces
