"""Data for the API fuzz run (scripts/schemathesis.sh), on top of the demo data: a private
marker in every private field (contacts, staff notes, brief text, outcomes, connections and
their timeline, pending changes, unpublished firms, archived partners, non-public
engagements), and a staff user whose API token is written to the file named by argv[1].

Not part of the app: run by the fuzz script against a throwaway database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from directory.accounts.models import ProfileChange  # noqa: E402
from directory.accounts.services import snapshot  # noqa: E402
from directory.api.tokens import create_token  # noqa: E402
from directory.firms.models import Firm, FirmContact  # noqa: E402
from directory.partners.models import (  # noqa: E402
    Connection,
    ConnectionEvent,
    Engagement,
    OverseasPartner,
    Participation,
    PartnerContact,
)

MARK = "GAGYO-PRIVATE"


def plant() -> None:
    firm = Firm.objects.get(slug="hancom")
    partner = OverseasPartner.objects.get(slug="tencent-cloud")
    FirmContact.objects.create(
        firm=firm, name=f"{MARK}-contact", email="private@example.com", phone=f"{MARK}-phone"
    )
    Firm.objects.filter(pk=firm.pk).update(address=f"{MARK}-address")
    OverseasPartner.objects.filter(pk=partner.pk).update(
        staff_notes=f"{MARK}-staff-notes", seeks_text=f"{MARK}-seeks-text"
    )
    PartnerContact.objects.create(partner=partner, name=f"{MARK}-partner-contact")
    Engagement.objects.update(notes=f"{MARK}-engagement-notes")
    Participation.objects.update(notes=f"{MARK}-participation-notes")
    Connection.objects.update(next_step=f"{MARK}-next-step", origin=f"{MARK}-origin")
    for connection in Connection.objects.all():
        ConnectionEvent.objects.create(
            connection=connection, kind=ConnectionEvent.Kind.NOTE, text=f"{MARK}-timeline"
        )
    ProfileChange.objects.create(
        firm=firm, base=snapshot(firm), data={**snapshot(firm), "name_en": f"{MARK}-pending"}
    )
    Firm.objects.create(slug="unpublished-firm", name_ko=f"{MARK}-unpublished", is_published=False)
    OverseasPartner.objects.create(
        slug="archived-partner",
        name_ko=f"{MARK}-archived",
        country=partner.country,
        is_archived=True,
    )
    private = Engagement.objects.create(
        kind=Engagement.Kind.BRIEFING, title_ko=f"{MARK}-private-engagement", is_public=False
    )
    private.partners.add(partner)
    Participation.objects.create(engagement=private, firm=firm)


def staff_token() -> str:
    user, _created = get_user_model().objects.get_or_create(
        username="api-fuzz-staff", defaults={"is_staff": True}
    )
    return create_token(user, "schemathesis").raw


if __name__ == "__main__":
    plant()
    Path(sys.argv[1]).write_text(staff_token())
