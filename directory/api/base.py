"""What every API view shares: the language of the request and its response headers."""

from __future__ import annotations

from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from .errors import InvalidParameter
from .language import LANGUAGE_CODES, choose_language

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=list(LANGUAGE_CODES),
    description="Language of names and messages; else the Accept-Language header; else ko.",
)


class ApiViewMixin:
    """Mixed into every API view (before DRF's view classes)."""

    def initial(self, request, *args, **kwargs):
        raw = request.query_params.get("lang")
        language, valid = choose_language(raw, request.headers.get("Accept-Language", ""))
        translation.activate(language)
        request.LANGUAGE_CODE = language
        if not valid:
            raise InvalidParameter(
                {
                    "lang": _("lang must be one of: %(codes)s.")
                    % {"codes": ", ".join(LANGUAGE_CODES)}
                }
            )
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Accept-Language"])
        return response
