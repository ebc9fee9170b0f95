from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "plenary.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Registers the event handlers, the worker's email job and the SITE_URL check.
        from plenary.notifications import checks, handlers, mail  # noqa: F401
