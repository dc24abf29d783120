"""Pagination that never fails on a bad ``page`` value: it shows the nearest real page instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _


def forgiving_page(paginator: Paginator, raw: str | None) -> tuple[Page, str | None]:
    """Return the requested page, or the first/last page and a message saying why."""
    if raw in (None, ""):
        return paginator.page(1), None
    shown = str(raw)[:20]
    try:
        number = int(str(raw).strip())
    except ValueError:
        return paginator.page(1), _("“%(page)s” is not a page number; showing the first page.") % {
            "page": shown
        }
    if number < 1:
        return paginator.page(1), _("There is no page %(page)s; showing the first page.") % {
            "page": shown
        }
    if number > paginator.num_pages:
        last = paginator.num_pages
        return paginator.page(last), _("There is no page %(page)s; showing the last page.") % {
            "page": shown
        }
    return paginator.page(number), None


class ForgivingPaginationMixin:
    """For a ListView: a bad ``page`` shows the nearest real page, and the view's ``notices``
    (a list the view keeps) say why."""

    notices: list[str]

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page, notice = forgiving_page(paginator, self.request.GET.get("page"))
        if notice:
            self.notices.append(notice)
        return paginator, page, page.object_list, page.has_other_pages()


class KnownResults(Sequence):
    """A result list whose length is already known and whose pages are fetched on demand:
    the paginator slices it once, for the page shown, and never runs a COUNT."""

    def __init__(self, count: int, fetch: Callable[[int, int], list[Any]]) -> None:
        self._count = count
        self._fetch = fetch

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        if isinstance(item, slice):
            start, stop, _step = item.indices(self._count)
            return self._fetch(start, stop) if stop > start else []
        return self._fetch(item, item + 1)[0]
