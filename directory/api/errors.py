"""Errors as JSON with a stable ``code`` and a message in the request's language.

Every error response has the shape::

    {"error": {"code": "invalid_parameter", "message": "…", "fields": {"page_size": [
        {"code": "invalid_parameter", "message": "…"}]}}}

``code`` is stable (clients branch on it); ``message`` is for people and may change;
``fields`` (optional) says which input was wrong. Codes: see docs/api.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.views import set_rollback

# DRF's own exception codes are kept; these are ours.
ERROR_CODES = (
    "invalid",
    "invalid_parameter",
    "invalid_cursor",
    "not_authenticated",
    "authentication_failed",
    "permission_denied",
    "not_found",
    "method_not_allowed",
    "not_acceptable",
    "unsupported_media_type",
    "parse_error",
    "throttled",
    "edit_conflict",
    "no_changes",
)


class InvalidParameter(exceptions.APIException):
    """A query-string parameter has a value the API does not accept."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"
    default_detail = gettext_lazy("A query parameter is not valid.")

    def __init__(self, fields: Mapping[str, str]):
        self.fields = dict(fields)
        first = next(iter(self.fields.values()), None)
        super().__init__(first or self.default_detail, self.default_code)


class InvalidCursor(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_cursor"
    default_detail = gettext_lazy(
        "The cursor is not valid: use the “next” or “previous” link of a response."
    )


class EditConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "edit_conflict"
    default_detail = gettext_lazy(
        "The profile changed since your edit token was issued: fetch it again and retry."
    )

    def __init__(self, edit_token: str):
        super().__init__()
        self.edit_token = edit_token


class NoChanges(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "no_changes"
    default_detail = gettext_lazy("The proposal equals the current profile: nothing to review.")


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[dict[str, str]]]:
    """DRF's nested error details as ``{"field.sub": [{"code", "message"}]}``."""
    out: dict[str, list[dict[str, str]]] = {}
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, errors in _flatten(value, name).items():
                out.setdefault(field, []).extend(errors)
    elif isinstance(detail, list):
        for position, item in enumerate(detail):
            if isinstance(item, (Mapping, list)):
                for field, errors in _flatten(item, f"{prefix}.{position}").items():
                    out.setdefault(field, []).extend(errors)
            else:
                out.setdefault(prefix or "non_field_errors", []).append(_entry(item))
    else:
        out.setdefault(prefix or "non_field_errors", []).append(_entry(detail))
    return out


def _entry(item: Any) -> dict[str, str]:
    return {"code": str(getattr(item, "code", None) or "invalid"), "message": str(item)}


def error_body(code: str, message: str, fields: Mapping | None = None, **extra) -> dict:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    error.update(extra)
    return {"error": error}


def exception_handler(exc, context):
    """DRF's handler, with every error in the shape above."""
    from rest_framework.response import Response

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: let Django report it
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    extra: dict[str, Any] = {}
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(int(exc.wait))
        extra["retry_after"] = int(exc.wait)
    if isinstance(exc, EditConflict):
        extra["edit_token"] = exc.edit_token
    if isinstance(exc, exceptions.ValidationError):
        body = error_body("invalid", _("Some values are not valid."), _flatten(exc.detail), **extra)
    elif isinstance(exc, InvalidParameter):
        fields = {
            name: [{"code": "invalid_parameter", "message": str(message)}]
            for name, message in exc.fields.items()
        }
        body = error_body("invalid_parameter", str(exc.detail), fields)
    else:
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
        body = error_body(str(code), str(exc.detail), **extra)
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)


@csrf_exempt  # it changes nothing: any method gets the same JSON 404, never a CSRF page
def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Any other path under /api/: a JSON 404, not the site's HTML page."""
    return JsonResponse(
        error_body("not_found", _("There is no API endpoint at this address.")), status=404
    )
