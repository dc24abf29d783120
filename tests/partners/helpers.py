"""A small world of workspace data and the list of every staff page and POST."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directory.partners.models import (
    Connection,
    ConnectionEvent,
    Engagement,
    EngagementAttachment,
    OverseasPartner,
    Participation,
    PartnerContact,
    Stage,
)
from directory.workspace.models import CalendarFeed
from tests.factories import (
    make_connection,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass
class World:
    firm: object
    partner: OverseasPartner
    empty_partner: OverseasPartner
    archived_partner: OverseasPartner
    engagement: Engagement
    participation: Participation
    connection: Connection
    attachment: EngagementAttachment


def make_world(staff=None) -> World:
    from django.core.files.base import ContentFile

    specialty = make_specialty()
    firm = make_firm(specialties=[specialty])
    partner = make_partner(seeks=[specialty])
    PartnerContact.objects.create(partner=partner, name="Wang Contact")
    empty_partner = make_partner()
    archived_partner = make_partner(is_archived=True)
    engagement = make_engagement(
        partners=[partner], firms=[firm], date=timezone.localdate() + timedelta(days=10)
    )
    participation = engagement.participations.get()
    engagement.participations.create(firm=make_firm())  # met the partner, not yet connected
    connection = make_connection(
        firm=firm,
        partner=partner,
        stage=Stage.MET,
        source_engagement=engagement,
        next_step="call",
        due_date=timezone.localdate(),
    )
    attachment = EngagementAttachment(
        engagement=engagement,
        original_name="agenda.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    attachment.file.save("x.pdf", ContentFile(PDF_BYTES), save=False)
    attachment.save()
    return World(
        firm,
        partner,
        empty_partner,
        archived_partner,
        engagement,
        participation,
        connection,
        attachment,
    )


def get_urls(w: World) -> list[str]:
    e, c = w.engagement.pk, w.connection.pk
    return [
        "/staff/",
        "/staff/partners/",
        "/staff/partners/new/",
        f"/staff/partners/{w.partner.slug}/",
        f"/staff/partners/{w.partner.slug}/edit/",
        f"/staff/partners/{w.partner.slug}/delete/",
        "/staff/engagements/",
        "/staff/engagements/upcoming/",
        "/staff/engagements/new/",
        f"/staff/engagements/{e}/",
        f"/staff/engagements/{e}/edit/",
        f"/staff/engagements/{e}/calendar.ics",
        f"/staff/engagements/{e}/left-out/",
        f"/staff/engagements/{e}/participants/add/",
        f"/staff/engagements/{e}/participants/{w.participation.pk}/edit/",
        f"/staff/engagements/{e}/attachments/{w.attachment.pk}/",
        "/staff/connections/",
        "/staff/connections/new/",
        f"/staff/connections/{c}/",
        f"/staff/firms/{w.firm.slug}/",
        "/staff/follow-ups/",
        "/staff/connections/board/",
        "/staff/engagements/calendar/",
    ]


def post_requests(w: World) -> list[tuple[str, dict]]:
    """Every state-changing POST, with data that would succeed for staff."""
    e, c = w.engagement.pk, w.connection.pk
    new_firm = make_firm()
    return [
        (
            "/staff/partners/new/",
            {
                "name_ko": "새 파트너",
                "slug": "new-partner",
                "kind": "company",
                "country": w.partner.country_id,
                "contacts-TOTAL_FORMS": "0",
                "contacts-INITIAL_FORMS": "0",
            },
        ),
        (
            f"/staff/partners/{w.partner.slug}/edit/",
            {
                "name_ko": "바뀐 이름",
                "slug": w.partner.slug,
                "kind": "company",
                "country": w.partner.country_id,
                "contacts-TOTAL_FORMS": "0",
                "contacts-INITIAL_FORMS": "0",
            },
        ),
        (f"/staff/partners/{w.partner.slug}/archive/", {}),
        (f"/staff/partners/{w.archived_partner.slug}/unarchive/", {}),
        (f"/staff/partners/{w.empty_partner.slug}/delete/", {}),
        (
            "/staff/engagements/new/",
            {"kind": "briefing", "title_ko": "새 교류", "partners": [w.partner.pk]},
        ),
        (
            f"/staff/engagements/{e}/edit/",
            {"kind": "briefing", "title_ko": "바뀐 교류", "partners": [w.partner.pk]},
        ),
        (
            f"/staff/engagements/{e}/participants/add/",
            {"firm": new_firm.pk, "role": "participant", "outcome": "attended"},
        ),
        (
            f"/staff/engagements/{e}/participants/{w.participation.pk}/edit/",
            {"role": "delegate", "outcome": "no_show"},
        ),
        (f"/staff/engagements/{e}/participants/{w.participation.pk}/remove/", {}),
        (f"/staff/engagements/{e}/propose-connections/", {}),
        (
            f"/staff/engagements/{e}/attachments/add/",
            {"file": SimpleUploadedFile("agenda.pdf", PDF_BYTES), "title": "agenda"},
        ),
        (f"/staff/engagements/{e}/attachments/{w.attachment.pk}/delete/", {}),
        (
            "/staff/connections/new/",
            {"firm": new_firm.pk, "partner": w.partner.pk, "origin": "x"},
        ),
        ("/staff/connections/propose/", {"firm": new_firm.pk, "partner": w.partner.pk}),
        (f"/staff/connections/{c}/edit/", {"next_step": "changed"}),
        (f"/staff/connections/{c}/stage/", {"stage": "agreement"}),
        (f"/staff/connections/{c}/note/", {"text": "note"}),
        (f"/staff/connections/{c}/move/", {"stage": "in_discussion"}),
        ("/staff/engagements/calendar/feed/new/", {}),
        (f"/staff/connections/{c}/assessment/", {"assessment": "agreement_reached"}),
    ]


def snapshot() -> dict:
    """Everything a refused POST must leave untouched."""
    return {
        "partners": list(
            OverseasPartner.objects.order_by("pk").values_list("pk", "name_ko", "is_archived")
        ),
        "engagements": list(Engagement.objects.order_by("pk").values_list("pk", "title_ko")),
        "participations": list(
            Participation.objects.order_by("pk").values_list("pk", "outcome", "role")
        ),
        "connections": list(
            Connection.objects.order_by("pk").values_list("pk", "stage", "next_step")
        ),
        "events": ConnectionEvent.objects.count(),
        "attachments": EngagementAttachment.objects.count(),
        "history": OverseasPartner.history.count() + Connection.history.count(),
        "calendar_feeds": list(CalendarFeed.objects.order_by("pk").values_list("token_hash")),
    }
