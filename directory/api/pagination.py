"""Cursor pagination for the API, with a page-size cap.

Two kinds, both answering ``{"next": url, "previous": url, "results": [...]}``:

- ``ResultCursorPagination`` pages a ranked search result (the directory's facet index orders
  it, not SQL): its opaque cursor holds a position in the result, and the response the total
  ``count``.
- ``KeysetCursorPagination`` (DRF's CursorPagination, newest first) pages staff lists in SQL:
  the cursor holds the last id seen, so rows added meanwhile never shift a page.

``page_size`` must be 1..API_MAX_PAGE_SIZE (else 400 ``invalid_parameter``); a cursor that was
not issued by the API gives 400 ``invalid_cursor``.
"""

from __future__ import annotations

import base64
import binascii
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .errors import InvalidCursor, InvalidParameter

CURSOR_PARAM = "cursor"
PAGE_SIZE_PARAM = "page_size"
MAX_OFFSET = 10**9
_OFFSET_CURSOR = re.compile(r"o=(\d{1,10})")
_INTEGER = re.compile(r"-?\d{1,18}")


def page_size_from(request) -> int:
    raw = request.query_params.get(PAGE_SIZE_PARAM)
    if raw is None:
        return settings.API_PAGE_SIZE
    maximum = settings.API_MAX_PAGE_SIZE
    message = _("page_size must be a whole number from 1 to %(max)d.") % {"max": maximum}
    if not re.fullmatch(r"\d{1,6}", raw):
        raise InvalidParameter({PAGE_SIZE_PARAM: message})
    size = int(raw)
    if not 1 <= size <= maximum:
        raise InvalidParameter({PAGE_SIZE_PARAM: message})
    return size


def page_size_parameter() -> dict:
    return {
        "name": PAGE_SIZE_PARAM,
        "required": False,
        "in": "query",
        "description": "Results per page.",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": settings.API_MAX_PAGE_SIZE,
            "default": settings.API_PAGE_SIZE,
        },
    }


def cursor_parameter() -> dict:
    return {
        "name": CURSOR_PARAM,
        "required": False,
        "in": "query",
        "description": "Opaque: take it from a response's `next` or `previous` link.",
        "schema": {"type": "string"},
    }


def encode_offset(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o={offset}".encode()).decode().rstrip("=")


def decode_offset(raw: str | None) -> int:
    if raw is None or raw == "":
        return 0
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError) as error:
        raise InvalidCursor from error
    match = _OFFSET_CURSOR.fullmatch(text)
    if match is None or int(match.group(1)) > MAX_OFFSET:
        raise InvalidCursor
    return int(match.group(1))


class ResultCursorPagination(BasePagination):
    """Pages a result that knows its length (``count()``) and can be sliced."""

    def paginate_queryset(self, results, request, view=None) -> list:
        self.request = request
        self.page_size = page_size_from(request)
        self.offset = decode_offset(request.query_params.get(CURSOR_PARAM))
        self.count = results.count()
        if self.offset >= self.count:
            return []
        return list(results[self.offset : self.offset + self.page_size])

    def _link(self, offset: int | None) -> str | None:
        if offset is None:
            return None
        url = self.request.build_absolute_uri()
        if offset == 0:
            return remove_query_param(url, CURSOR_PARAM)
        return replace_query_param(url, CURSOR_PARAM, encode_offset(offset))

    def get_next_link(self) -> str | None:
        following = self.offset + self.page_size
        return self._link(following if following < self.count else None)

    def get_previous_link(self) -> str | None:
        if self.offset <= 0:
            return None
        return self._link(max(0, min(self.offset, self.count) - self.page_size))

    def get_paginated_response(self, data, **extra) -> Response:
        return Response(
            {
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                **extra,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "example": 123},
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "example": "http://127.0.0.1:8000/api/firms/?cursor=bz0yMA&q=AI",
                },
                "previous": {"type": "string", "nullable": True, "format": "uri", "example": None},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [cursor_parameter(), page_size_parameter()]


class KeysetCursorPagination(CursorPagination):
    """Staff lists, newest first, paged by id."""

    ordering = "-pk"
    cursor_query_param = CURSOR_PARAM

    def get_page_size(self, request) -> int:
        return page_size_from(request)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound as error:
            raise InvalidCursor from error
        position = None if cursor is None else cursor.position
        if position is not None and not _INTEGER.fullmatch(str(position)):
            raise InvalidCursor
        return cursor

    def get_paginated_response_schema(self, schema: dict) -> dict:
        found = super().get_paginated_response_schema(schema)
        found["required"] = ["next", "previous", "results"]
        return found

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [cursor_parameter(), page_size_parameter()]
