from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "plenary.scenarios"
    verbose_name = "Reference scenarios"
