from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "directory.demo"
    label = "demo"
