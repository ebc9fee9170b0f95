from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "plenary.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from plenary.notifications.services import notify_session_followers, notify_text_followers
        from plenary.process.signals import session_changed
        from plenary.text.signals import version_published

        version_published.connect(notify_text_followers, dispatch_uid="notify-text-followers")
        session_changed.connect(notify_session_followers, dispatch_uid="notify-session-followers")
