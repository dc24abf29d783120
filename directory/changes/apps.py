from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangesConfig(AppConfig):
    name = "directory.changes"
    label = "changes"
    verbose_name = _("Change log")

    def ready(self) -> None:
        from django.core import checks

        from .checks import triggers_in_place

        checks.register(triggers_in_place, checks.Tags.database)
