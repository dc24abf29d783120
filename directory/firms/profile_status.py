"""How complete and how fresh a firm's profile is, as database expressions named once.

The staff dashboard counts firms per band and bucket; the staff firm list filters by the same
band or bucket. Both annotate with the expressions below, so a bar's count and the rows of the
list it opens cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import (
    Case,
    CharField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Firm
from .profile_fields import COMPLETENESS_FIELDS

#: Completeness bands, lowest first: (key, label).
COMPLETENESS_BANDS: list[tuple[str, str]] = [
    ("low", _("under 50%")),
    ("half", _("50–79%")),
    ("most", _("80–99%")),
    ("complete", _("complete")),
]
#: Freshness buckets, most recent first: (key, label).
FRESHNESS_BUCKETS: list[tuple[str, str]] = [
    ("recent", _("confirmed in the last 6 months")),
    ("year", _("6–12 months ago")),
    ("stale", _("over a year ago")),
    ("never", _("never confirmed")),
]
#: Days a confirmation counts as recent, and as within the year.
RECENT_DAYS, YEAR_DAYS = 183, 365


def _has(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _fact(name: str) -> Case:
    """1 when the firm has this profile fact, else 0."""
    model_field = Firm._meta.get_field(name)
    return _has(Q(**{f"{name}__isnull": False}) if model_field.null else ~Q(**{name: ""}))


def completeness_facts() -> int:
    """How many facts the score counts: the fields, a specialty and a target market."""
    return len(COMPLETENESS_FIELDS) + 2


def completeness_score():
    """The number of profile facts the firm has (0 to ``completeness_facts()``)."""
    facts = [_fact(name) for name in COMPLETENESS_FIELDS]
    facts.append(_has(Exists(Firm.specialties.through.objects.filter(firm_id=OuterRef("pk")))))
    facts.append(_has(Exists(Firm.target_markets.through.objects.filter(firm_id=OuterRef("pk")))))
    score = facts[0]
    for fact in facts[1:]:
        score = score + fact
    return score


def with_completeness(firms: QuerySet) -> QuerySet:
    """The firms annotated with ``completeness_band``, a key of ``COMPLETENESS_BANDS``: under
    half of the facts, half to 79%, 80-99%, all of them."""
    total = completeness_facts()
    half, most = (total + 1) // 2, -(-total * 8 // 10)
    band = Case(
        When(completeness_score__gte=total, then=Value("complete")),
        When(completeness_score__gte=most, then=Value("most")),
        When(completeness_score__gte=half, then=Value("half")),
        default=Value("low"),
        output_field=CharField(),
    )
    return firms.alias(completeness_score=completeness_score()).annotate(completeness_band=band)


def freshness_bucket(now: datetime | None = None) -> Case:
    """The firm's bucket key (``FRESHNESS_BUCKETS``) by when its profile was last confirmed."""
    now = now or timezone.now()
    return Case(
        When(last_confirmed_at__isnull=True, then=Value("never")),
        When(last_confirmed_at__gte=now - timedelta(days=RECENT_DAYS), then=Value("recent")),
        When(last_confirmed_at__gte=now - timedelta(days=YEAR_DAYS), then=Value("year")),
        default=Value("stale"),
        output_field=CharField(),
    )


def with_freshness(firms: QuerySet, now: datetime | None = None) -> QuerySet:
    """The firms annotated with ``freshness_bucket``, a key of ``FRESHNESS_BUCKETS``."""
    return firms.annotate(freshness_bucket=freshness_bucket(now))
