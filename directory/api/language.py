"""The API's language: ``?lang=`` if given, else the ``Accept-Language`` header, else Korean.

/api/ is outside the language-prefixed URLs, so LocaleMiddleware would always pick Korean
there; the API chooses itself. Pure apart from reading settings.LANGUAGES.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def from_accept_language(header: str) -> str:
    """The best supported language of an Accept-Language header (``zh-CN`` -> ``zh-hans``)."""
    for code, _quality in parse_accept_lang_header(header[:1000]):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def choose_language(lang_param: str | None, accept_language: str) -> tuple[str, bool]:
    """(language code, whether ``lang_param`` was valid). A bad ``lang`` is reported, and the
    header's language is used for the error message."""
    fallback = from_accept_language(accept_language)
    if lang_param is None:
        return fallback, True
    if lang_param in LANGUAGE_CODES:
        return lang_param, True
    return fallback, False
