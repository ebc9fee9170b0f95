from django.apps import AppConfig


class TextConfig(AppConfig):
    name = "plenary.text"
    verbose_name = "Negotiating text"
