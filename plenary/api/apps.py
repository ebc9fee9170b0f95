from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "plenary.api"
    verbose_name = "JSON API"
