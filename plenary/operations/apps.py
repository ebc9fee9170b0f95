from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "plenary.operations"
    verbose_name = "Operations: backups"
