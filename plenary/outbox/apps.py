from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "plenary.outbox"
    verbose_name = "Outbox"

    def ready(self) -> None:
        # Registers the worker's own housekeeping job.
        from plenary.outbox import worker  # noqa: F401
