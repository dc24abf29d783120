"""List (and optionally email) connections whose next step is overdue or due soon, per owner.

Meant for a daily cron, e.g.  ``30 7 * * 1-5  cd /srv/gagyo && .venv/bin/python manage.py
followups_due --email``.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from directory.partners import services


class Command(BaseCommand):
    help = "List connections whose next step is overdue or due within N days, per owner."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=settings.FOLLOWUPS_DAYS, help="Look this many days ahead."
        )
        parser.add_argument(
            "--email", action="store_true", help="Email each owner the list of their follow-ups."
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="Prefix for links in emails, e.g. https://gagyo.example.org",
        )

    def handle(self, *args, days, email, base_url, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        translation.activate(settings.LANGUAGE_CODE)
        groups = services.followups_due(days=days)
        if not groups:
            self.stdout.write(_("No follow-ups due."))
            return
        sent = 0
        for group in groups:
            owner = group.owner
            name = (owner.get_full_name() or owner.get_username()) if owner else _("No owner yet")
            self.stdout.write(f"== {name} ({len(group.connections)})")
            for c in group.connections:
                flag = f" [{_('overdue')}]" if c.is_overdue else ""
                self.stdout.write(
                    f"  {c.due_date:%Y-%m-%d}{flag} {c.firm.name_ko} ↔ {c.partner.name_ko} "
                    f"({c.get_stage_display()}): {c.next_step or '—'}"
                )
            if email and owner is not None and owner.email:
                body = render_to_string(
                    "staff/email/followups.txt",
                    {
                        "owner": owner,
                        "connections": group.connections,
                        "days": days,
                        "base_url": base_url.rstrip("/"),
                        "followups_url": reverse("staff:followups"),
                    },
                )
                send_mail(
                    _("Gagyo: %(n)d follow-up(s) due") % {"n": len(group.connections)},
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [owner.email],
                )
                sent += 1
        if email:
            self.stdout.write(self.style.SUCCESS(_("%(n)d email(s) sent.") % {"n": sent}))
