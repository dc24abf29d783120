"""``Authorization: Bearer <token>`` with a personal API token (``tokens.py``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .tokens import find_token


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the header as “Authorization: Bearer <token>”."))
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raw = ""
        token = find_token(raw) if raw else None
        if token is None:
            raise AuthenticationFailed(_("The API token is not valid or has been revoked."))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
