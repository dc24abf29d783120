"""List (and optionally email) the members of firms whose profile has not been confirmed lately."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from directory.accounts.models import Membership
from directory.accounts.services import stale_firms


class Command(BaseCommand):
    help = (
        "List firms whose profile was last confirmed (or created) more than N months ago, "
        "with their members; --email asks each member to confirm or update the profile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=12, help="Age threshold (default 12).")
        parser.add_argument(
            "--email", action="store_true", help="Email each member a reminder with the link."
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"),
            help="Site address used in the emailed links.",
        )

    def handle(self, *args, months, email, base_url, **options):
        if months < 1:
            raise CommandError("--months must be at least 1")
        translation.activate(settings.LANGUAGE_CODE)
        firms = list(stale_firms(months))
        memberships = Membership.objects.filter(firm__in=firms).select_related("user", "firm")
        by_firm: dict[int, list[Membership]] = {}
        for membership in memberships:
            by_firm.setdefault(membership.firm_id, []).append(membership)
        sent = 0
        for firm in firms:
            confirmed = timezone.localtime(firm.confirmed).date().isoformat()
            members = by_firm.get(firm.pk, [])
            emails = ", ".join(m.user.email or m.user.username for m in members) or "-"
            self.stdout.write(f"{firm.slug}\t{firm.name_ko}\t{confirmed}\t{emails}")
            if not email:
                continue
            link = base_url.rstrip("/") + reverse("my:firm", kwargs={"slug": firm.slug})
            for membership in members:
                if not membership.user.email or not membership.user.is_active:
                    continue
                context = {"firm": firm, "user": membership.user, "url": link, "date": confirmed}
                send_mail(
                    render_to_string("accounts/email/stale_subject.txt", context).strip(),
                    render_to_string("accounts/email/stale.txt", context),
                    None,
                    [membership.user.email],
                )
                sent += 1
        summary = f"{len(firms)} firm(s) not confirmed for {months} month(s)"
        if email:
            summary += f"; {sent} reminder(s) sent"
        self.stdout.write(self.style.SUCCESS(summary))
