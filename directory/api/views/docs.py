"""The API's documentation page: Swagger UI from drf-spectacular-sidecar's static files (no
CDN), started by a static script (no inline JavaScript, so a strict CSP can forbid it)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def docs(request):
    return render(request, "api/docs.html")
