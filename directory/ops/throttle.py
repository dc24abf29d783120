"""Login throttling: separate limits per account+address, per account and per address.

django-axes counts failures for each lockout parameter group in AXES_LOCKOUT_PARAMETERS but
compares all of them with one AXES_FAILURE_LIMIT. This handler gives each group its own limit
(``limits_in_force``) and scales the counts so that axes' single comparison locks exactly when
one group reaches its own limit (``effective_failures``, a pure function).
"""

from __future__ import annotations

from collections.abc import Sequence

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def effective_failures(counts: Sequence[int], limits: Sequence[int], common: int) -> int:
    """One number that reaches ``common`` exactly when some ``counts[i]`` reaches ``limits[i]``.

    Below every limit it is the highest count scaled to ``common`` (so the admin still shows
    how close a client is), capped at ``common - 1``.
    """
    if any(count >= limit for count, limit in zip(counts, limits, strict=True)):
        return max(common, *(c for c, lim in zip(counts, limits, strict=True) if c >= lim))
    scaled = [count * common // limit for count, limit in zip(counts, limits, strict=True)]
    return min(common - 1, max(scaled, default=0))


def limits_in_force() -> list[int]:
    """Limits in the order of AXES_LOCKOUT_PARAMETERS: account+address, account, address."""
    return [
        settings.AXES_FAILURE_LIMIT,
        settings.AXES_ACCOUNT_FAILURE_LIMIT,
        settings.AXES_ADDRESS_FAILURE_LIMIT,
    ]


class LoginThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        counts = [
            _sum_failures(attempts) for attempts in self.get_user_attempts(request, credentials)
        ]
        limits = limits_in_force()
        if len(counts) != len(limits):
            # Someone changed AXES_LOCKOUT_PARAMETERS: fall back to axes' own rule.
            return super().get_failures(request, credentials)
        return effective_failures(counts, limits, settings.AXES_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful login clears its own account+address failures only.

        Axes' default clears every group, which would let a sprayer who owns one valid account
        wipe the address's count by logging in with it.
        """
        attempts_list = self.get_user_attempts(request, credentials)
        if not attempts_list:
            return 0
        count, _ = attempts_list[0].delete()
        return count


def _sum_failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly TRUSTED_PROXY_COUNT reverse proxies.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For,
    so the client is the entry that many places from the right; anything further left was
    written by the client and is ignored. With no proxy, REMOTE_ADDR.
    """
    return forwarded_client(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.TRUSTED_PROXY_COUNT,
    )


def forwarded_client(remote_addr: str | None, forwarded_for: str, proxies: int) -> str | None:
    if proxies <= 0:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if len(hops) < proxies:
        # Fewer hops than proxies: misconfigured or bypassing the proxy; use what connected.
        return remote_addr
    return hops[-proxies]
