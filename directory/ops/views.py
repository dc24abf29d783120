"""Operational endpoints."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def healthz(request):
    """{"status": "ok"} (200) or {"status": "error"} (503). Which part failed goes to the log only."""
    results = health.run_checks()
    if all(results.values()):
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "error"}, status=503)
