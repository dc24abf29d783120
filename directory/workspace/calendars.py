"""The engagement calendar: the month grid (pure), per-staff feed tokens and the .ics feed."""

from __future__ import annotations

import calendar
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.accounts.permissions import is_staff_member
from directory.partners.models import Connection, Engagement

from .models import CalendarFeed

#: How far back and ahead a subscribed feed reaches.
FEED_PAST_DAYS = 90
FEED_FUTURE_DAYS = 365


# --- the month grid (pure) --------------------------------------------------------------


def parse_month(value: str | None, today: date) -> tuple[date, bool]:
    """The first day of ``YYYY-MM``; this month (and False) when the value is missing or bad."""
    if not value:
        return today.replace(day=1), True
    try:
        first = date.fromisoformat(f"{value.strip()[:7]}-01")
    except ValueError:
        return today.replace(day=1), False
    if not 1990 <= first.year <= 2100:
        return today.replace(day=1), False
    return first, True


def shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    engagements: list = field(default_factory=list)
    followups: list = field(default_factory=list)


def month_weeks(first: date, today: date) -> list[list[Day]]:
    """The weeks (Monday first) covering the month of ``first``."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [[Day(day, day.month == first.month, day == today) for day in week] for week in weeks]


def fill(weeks: list[list[Day]], engagements, followups) -> None:
    """Put each engagement and follow-up (connection due) on its day."""
    days = {day.date: day for week in weeks for day in week}
    for engagement in engagements:
        if engagement.date in days:
            days[engagement.date].engagements.append(engagement)
    for connection in followups:
        if connection.due_date in days:
            days[connection.due_date].followups.append(connection)


# --- feed tokens --------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_feed(user) -> str:
    """Make (or replace) the user's feed; returns the secret token, shown only this once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={"token_hash": _hash(token), "created_at": timezone.now(), "last_used_at": None},
    )
    return token


def revoke_feed(user) -> bool:
    deleted, _details = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def feed_for(token: str) -> CalendarFeed | None:
    """The feed of this token, if its owner is still active staff."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if feed is None or not is_staff_member(feed.user):
        return None
    return feed


# --- the .ics feed ------------------------------------------------------------------------


def feed_items(user, today: date):
    """Engagements around today and the user's own follow-ups (open connections with a due
    date). Two queries."""
    start, end = today - timedelta(days=FEED_PAST_DAYS), today + timedelta(days=FEED_FUTURE_DAYS)
    engagements = Engagement.objects.filter(date__gte=start, date__lte=end).order_by("date", "pk")
    followups = (
        Connection.objects.open()
        .filter(owner=user, due_date__isnull=False, due_date__lte=end)
        .select_related("firm", "partner")
        .order_by("due_date", "pk")
    )
    return list(engagements), list(followups)


def build_ics(user, engagements, followups, url_for) -> bytes:
    """An iCalendar of all-day events; ``url_for(obj)`` gives each item's absolute staff URL."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Gagyo//Staff calendar//KO")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Gagyo: engagements and my follow-ups"))
    stamp = timezone.now()
    for engagement in engagements:
        event = Event()
        event.add("uid", f"engagement-{engagement.pk}@gagyo")
        event.add("summary", engagement.title)
        event.add("dtstart", engagement.date)
        event.add("dtend", engagement.date + timedelta(days=1))
        event.add("dtstamp", stamp)
        place = engagement.tr("place").text
        if place:
            event.add("location", place)
        if engagement.date_is_approximate:
            event.add("description", _("The date is approximate."))
        event.add("url", url_for(engagement))
        cal.add_component(event)
    for connection in followups:
        event = Event()
        event.add("uid", f"followup-{connection.pk}-{connection.due_date:%Y%m%d}@gagyo")
        event.add(
            "summary",
            _("Follow-up: %(firm)s ↔ %(partner)s")
            % {"firm": connection.firm.name, "partner": connection.partner.name},
        )
        event.add("dtstart", connection.due_date)
        event.add("dtend", connection.due_date + timedelta(days=1))
        event.add("dtstamp", stamp)
        if connection.next_step:
            event.add("description", connection.next_step)
        event.add("url", url_for(connection))
        cal.add_component(event)
    return cal.to_ical()
