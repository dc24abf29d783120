from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Gagyo for real: health check, request limits, headers, logs, backups."""

    name = "directory.ops"
    verbose_name = _("Operations")
