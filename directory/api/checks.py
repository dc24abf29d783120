"""Strict settings: a throttle rate the API cannot read fails at start-up, not per request."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from rest_framework.throttling import SimpleRateThrottle


@checks.register()
def throttle_rates(app_configs, **kwargs):
    errors = []
    for name in ("API_THROTTLE_ANON", "API_THROTTLE_TOKEN"):
        value = getattr(settings, name)
        try:
            SimpleRateThrottle.parse_rate(None, value)
        except (ValueError, KeyError, AttributeError, TypeError):
            errors.append(
                checks.Error(f"{name}={value!r} is not a rate like '60/minute'.", id="api.E001")
            )
    return errors
