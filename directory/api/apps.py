from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "directory.api"
    label = "api"
    verbose_name = _("JSON API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, schema  # noqa: F401 - registers the check and schema extension
