from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "plenary.participation"
    verbose_name = "Participation"

    def ready(self) -> None:
        # Registers the live room's handler of floor changes.
        from plenary.participation import live  # noqa: F401
