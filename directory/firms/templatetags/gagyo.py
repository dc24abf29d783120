"""Template helpers for trilingual model content."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from directory.firms.translation import localize

register = template.Library()


@register.simple_tag
def tr(obj, base: str):
    """Render obj's <base> field in the active language; mark a Korean fallback visibly."""
    value = localize(obj, base)
    if not value.is_fallback:
        return value.text
    return format_html(
        '<span lang="ko">{}</span> <span class="fallback" title="{}">{}</span>',
        value.text,
        _("Not yet translated; shown in Korean"),
        _("(Korean)"),
    )


_HANGUL = __import__("re").compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


@register.filter
def lang_attr(text) -> str:
    """' lang="ko"' for free text (staff notes, next steps) written in Korean, else ''.

    Such text has no per-language fields; marking it tells readers, screen readers and the
    line-breaking rules that it is Korean on an English or Chinese page.
    """
    return format_html(' lang="{}"', "ko") if text and _HANGUL.search(str(text)) else ""


@register.simple_tag
def tr_text(obj, base: str) -> str:
    """The plain text of obj's <base> field in the active language (Korean fallback)."""
    return localize(obj, base).text


@register.inclusion_tag("includes/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in every language (works without JavaScript)."""
    from django.conf import settings
    from django.urls import translate_url
    from django.utils.translation import get_language, get_language_info

    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "label": info["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return {"links": links}
