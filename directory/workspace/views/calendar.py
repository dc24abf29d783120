"""Engagements as a month calendar, with follow-ups due; each staff member's private .ics feed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.accounts.permissions import staff_required
from directory.partners import services
from directory.partners.models import Connection, Engagement
from directory.workspace import calendars
from directory.workspace.models import CalendarFeed

#: Follow-ups listed under the calendar (the follow-ups page has them all).
UPCOMING = 20


#: Session key holding a just-made feed token until the calendar page has shown it once.
NEW_TOKEN = "gagyo_new_calendar_feed_token"


def _calendar_page(request):
    today = timezone.localdate()
    first, understood = calendars.parse_month(request.GET.get("month"), today)
    if not understood:
        messages.warning(request, _("That month was not understood; here is this month."))
    mine = request.GET.get("followups") == "mine"
    weeks = calendars.month_weeks(first, today)
    start, end = weeks[0][0].date, weeks[-1][-1].date
    engagements = Engagement.objects.filter(date__gte=start, date__lte=end).order_by("date", "pk")
    followups = (
        Connection.objects.open()
        .filter(due_date__gte=start, due_date__lte=end)
        .select_related("firm", "partner", "owner")
        .order_by("due_date", "pk")
    )
    if mine:
        followups = followups.filter(owner=request.user)
    calendars.fill(weeks, engagements, followups)
    upcoming = services.followups_queryset(days=settings.FOLLOWUPS_DAYS, today=today)
    if mine:
        upcoming = upcoming.filter(owner=request.user)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = ""
    new_token = request.session.pop(NEW_TOKEN, "")
    if new_token:
        feed_url = request.build_absolute_uri(
            reverse("staff:calendar-feed", kwargs={"token": new_token})
        )
    return render(
        request,
        "staff/engagement_calendar.html",
        {
            "weeks": weeks,
            "month": first,
            "previous": calendars.shift_month(first, -1).strftime("%Y-%m"),
            "next": calendars.shift_month(first, 1).strftime("%Y-%m"),
            "this_month": today.strftime("%Y-%m"),
            "mine": mine,
            "today": today,
            "upcoming": upcoming[:UPCOMING],
            "days": settings.FOLLOWUPS_DAYS,
            "feed": feed,
            "feed_url": feed_url,
        },
    )


@staff_required
def engagement_calendar(request):
    return _calendar_page(request)


@staff_required
@require_POST
def calendar_feed_create(request):
    """Make (or replace) the feed link; the calendar page shows it once (only its hash is
    stored; the session carries the token to that one page view)."""
    request.session[NEW_TOKEN] = calendars.create_feed(request.user)
    messages.success(
        request,
        _("Your calendar link is below. Copy it now: for your safety it is shown only once."),
    )
    return redirect("staff:engagement-calendar")


@staff_required
@require_POST
def calendar_feed_revoke(request):
    if calendars.revoke_feed(request.user):
        messages.success(request, _("Your calendar link was revoked; it no longer works."))
    else:
        messages.info(request, _("You have no calendar link."))
    return redirect("staff:engagement-calendar")


def calendar_feed(request, token):
    """The subscribed feed. No login (calendar programs cannot log in): the secret token in
    the URL is the key; a revoked or unknown token, or a user no longer staff, gets 404."""
    feed = calendars.feed_for(token)
    if feed is None:
        raise Http404(_("There is no such calendar."))
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    engagements, followups = calendars.feed_items(feed.user, timezone.localdate())
    body = calendars.build_ics(
        feed.user,
        engagements,
        followups,
        lambda obj: request.build_absolute_uri(obj.get_staff_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gagyo.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
