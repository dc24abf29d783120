"""Creating, finding and revoking API tokens (plain functions; views and tests call these).

A token is ``gg_`` followed by 40 random URL-safe characters. It is returned once, by
``create_token``; the database keeps its SHA-256 (enough for a random secret of 240 bits: no
slow hash is needed) and its first characters, to tell tokens apart on the tokens page.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "gg_"
PREFIX_LENGTH = 10  # "gg_" and 7 characters of the secret, shown on the tokens page
# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    raw: str  # shown to the person once, never stored


def create_token(user, name: str, created_by=None) -> NewToken:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=raw[:PREFIX_LENGTH],
        key_hash=hash_token(raw),
        created_by=created_by,
    )
    return NewToken(token, raw)


def find_token(raw: str) -> ApiToken | None:
    """The active token ``raw`` of an active user, or None; notes when it was used."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_token(token: ApiToken) -> bool:
    """Revoke a token; False when it was already revoked."""
    return bool(
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
