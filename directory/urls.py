"""Root URLconf. Public pages are language-prefixed: Korean unprefixed, /en/ and /zh-hans/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("directory.ops.urls")),
    # The JSON API chooses its language itself (?lang= or Accept-Language): not prefixed.
    path("api/", include("directory.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("directory.public.firm_urls")),
    path("partners/", include("directory.public.partner_urls")),
    path("engagements/", include("directory.public.engagement_urls")),
    path("accounts/", include("directory.selfservice.urls")),
    path("my/", include("directory.selfservice.my_urls")),
    path("staff/reviews/", include("directory.selfservice.review_urls")),
    path("staff/match/", include("directory.matching.urls")),
    path("staff/api-tokens/", include("directory.api.token_urls")),
    path("", include("directory.dashboard.urls")),  # /dashboard/, /staff/dashboard/, /staff/map/
    path("staff/", include("directory.workspace.urls")),
    path("search/", include("directory.public.search_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
