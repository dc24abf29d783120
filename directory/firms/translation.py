"""Model content in three languages: pick the active language's text, fall back to Korean."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

# Language code -> field suffix used by trilingual models (name_ko, name_en, name_zh).
SUFFIX_BY_LANGUAGE = {"ko": "ko", "en": "en", "zh-hans": "zh"}
LANGUAGE_BY_SUFFIX = {suffix: code for code, suffix in SUFFIX_BY_LANGUAGE.items()}
SUFFIXES = ("ko", "en", "zh")


def active_suffix() -> str:
    return SUFFIX_BY_LANGUAGE.get(translation.get_language() or "ko", "ko")


@dataclass(frozen=True)
class Localized:
    text: str
    language: str  # language code of the text shown
    is_fallback: bool  # True when the active language had no text and Korean was shown

    def __str__(self) -> str:
        return self.text


def localize(obj: object, base: str, suffix: str | None = None) -> Localized:
    """Return obj.<base>_<suffix> for the active language, or the Korean text marked as fallback."""
    suffix = suffix or active_suffix()
    text = (getattr(obj, f"{base}_{suffix}", "") or "").strip()
    if text or suffix == "ko":
        return Localized(text, LANGUAGE_BY_SUFFIX[suffix], False)
    korean = (getattr(obj, f"{base}_ko", "") or "").strip()
    return Localized(korean, "ko", bool(korean))


class TranslatedMixin:
    """Adds .tr(base) and a localized .name to models with name_ko/name_en/name_zh fields."""

    def tr(self, base: str) -> Localized:
        return localize(self, base)

    @property
    def name(self) -> str:
        return localize(self, "name").text
