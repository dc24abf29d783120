"""Request limits and response headers that apply to every page."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control


def _language_for(request: HttpRequest) -> str:
    return translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)


def declared_length(request: HttpRequest) -> int | None:
    """The body size the client declared, or None when absent or not a number."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MAX_REQUEST_BYTES by its Content-Length, before it is read.

    Runs first, for everyone (signed in or not), so an oversized upload is never parsed or
    spooled to disk. A body without Content-Length is never read by Django (WSGI gives it an
    empty stream), and a reverse proxy in front refuses it too (client_max_body_size).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        limit = settings.MAX_REQUEST_BYTES
        if length is not None and length > limit:
            return self.too_large(request, limit)
        return self.get_response(request)

    @staticmethod
    def too_large(request: HttpRequest, limit: int) -> HttpResponse:
        with translation.override(_language_for(request)):
            body = render_to_string(
                "ops/413.html",
                {"limit_mb": f"{limit / 1024 / 1024:.0f}"},
            )
        response = HttpResponse(body, status=413)
        # The unread body may still be arriving: close the connection rather than reuse it.
        response["Connection"] = "close"
        return response


def is_private_path(path: str) -> bool:
    """Staff, admin, member and account pages, with or without a language prefix."""
    prefixes = settings.PRIVATE_PATH_PREFIXES
    if path.startswith(prefixes):
        return True
    parts = path.split("/", 2)
    if len(parts) == 3 and parts[1] in {code for code, _name in settings.LANGUAGES}:
        return ("/" + parts[2]).startswith(prefixes)
    return False


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; Cache-Control: private, no-store on private pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if is_private_path(request.path_info):
            patch_cache_control(response, private=True, no_store=True)
        return response
