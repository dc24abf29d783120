"""Dates that the source gives only in part (e.g. "on the 25th"): how to say what is known."""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _


def partial_date_text(year: int | None, month: int | None, day: int | None) -> str:
    """The known parts of a date in the active language; "" when nothing is known."""
    if year and month and day:
        try:
            return formats.date_format(datetime.date(year, month, day), "DATE_FORMAT")
        except ValueError:
            pass
    if year and month:
        return formats.date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT")
    if month and day:
        try:
            return formats.date_format(datetime.date(2000, month, day), "MONTH_DAY_FORMAT")
        except ValueError:
            pass
    if day and not month:
        if year:
            return _("day %(day)s of an unknown month of %(year)s") % {"day": day, "year": year}
        return _("day %(day)s (month and year unknown)") % {"day": day}
    if month and month in MONTHS:
        if year:
            return f"{MONTHS[month]} {year}"
        return _("%(month)s (year unknown)") % {"month": MONTHS[month]}
    if year:
        return str(year)
    return ""
