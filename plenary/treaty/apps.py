from django.apps import AppConfig


class TreatyConfig(AppConfig):
    name = "plenary.treaty"
    verbose_name = "Treaty after adoption"
