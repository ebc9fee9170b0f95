from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "plenary.decisions"
    verbose_name = "Decisions and recorded votes"
