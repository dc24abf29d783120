"""Rate limits: anonymous clients per address, signed-in clients per token (or per user for a
browser session). Rates come from settings at each request (``API_THROTTLE_ANON``,
``API_THROTTLE_TOKEN``), so they can be changed without touching DRF's class attributes."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class AnonymousThrottle(SimpleRateThrottle):
    scope = "anon"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_ANON

    def get_cache_key(self, request, view) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_TOKEN

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}
