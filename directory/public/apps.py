from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "directory.public"
    label = "public"
