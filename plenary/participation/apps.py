from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "plenary.participation"
    verbose_name = "Participation"

    def ready(self) -> None:
        # Registers the live room's handler of floor changes, and the search of interventions
        # with the search of the text.
        from plenary.participation import live  # noqa: F401
        from plenary.participation.search import interventions
        from plenary.text.search import INTERVENTIONS, register_record_search

        register_record_search(INTERVENTIONS, interventions)
