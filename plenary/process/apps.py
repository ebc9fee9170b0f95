from django.apps import AppConfig


class ProcessConfig(AppConfig):
    name = "plenary.process"
    verbose_name = "Negotiating process"

    def ready(self) -> None:
        # Registers the worker's job that writes down lapsed accreditation periods.
        from plenary.process.services import accreditation  # noqa: F401
