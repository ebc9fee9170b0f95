from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "plenary.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from plenary.notifications.services import notify_text_followers
        from plenary.text.signals import version_published

        version_published.connect(notify_text_followers, dispatch_uid="notify-text-followers")
