from django.apps import AppConfig


class SelfserviceConfig(AppConfig):
    name = "directory.selfservice"
    label = "selfservice"
