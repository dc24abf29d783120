from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "directory.workspace"
    label = "workspace"
