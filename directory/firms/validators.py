"""Validators for firm data."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BRN_RE = re.compile(r"^\d{3}-?\d{2}-?\d{5}$")
_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def normalize_brn(value: str) -> str:
    """Store business registration numbers in the usual 123-45-67890 form."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 10:
        return value
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def brn_checksum_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], _BRN_WEIGHTS, strict=True))
    total += (int(digits[8]) * 5) // 10
    return (10 - total % 10) % 10 == int(digits[9])


def validate_business_registration_number(value: str) -> None:
    """A Korean business registration number: 10 digits (123-45-67890) with a valid check digit."""
    if not BRN_RE.match(value or ""):
        raise ValidationError(
            _("Enter a business registration number as 10 digits, e.g. 123-45-67890."),
            code="brn_format",
        )
    digits = re.sub(r"\D", "", value)
    if not brn_checksum_ok(digits):
        raise ValidationError(
            _("This business registration number has an invalid check digit."),
            code="brn_checksum",
        )


def validate_country_code(value: str) -> None:
    if not re.fullmatch(r"[A-Z]{2}", value or ""):
        raise ValidationError(_("Use a two-letter ISO 3166 country code, e.g. CN."), code="iso")


# Bidirectional control characters (Unicode "Trojan Source" set): invisible, they reorder how a
# link reads, so "https://evil.example/‮moc.elgoog" can display as a trusted address.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def has_bidi_controls(value: str) -> bool:
    return any(char in BIDI_CONTROLS for char in value or "")


def validate_no_bidi_controls(value: str) -> None:
    """Refuse text (web addresses) holding invisible bidirectional control characters."""
    if has_bidi_controls(value):
        raise ValidationError(
            _(
                "This address contains invisible text-direction characters. "
                "Type or paste it again without them."
            ),
            code="bidi",
        )
