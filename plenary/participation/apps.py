from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "plenary.participation"
    verbose_name = "Participation"
