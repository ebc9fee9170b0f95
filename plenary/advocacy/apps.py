from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "plenary.advocacy"
    verbose_name = "Advocacy"

    def ready(self) -> None:
        # Registers the handler that re-flags red lines when a version is published.
        from plenary.advocacy.services import red_lines  # noqa: F401
