from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "directory.core"
    label = "core"
