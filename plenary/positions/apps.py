from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "plenary.positions"
    verbose_name = "Positions and decisions"
