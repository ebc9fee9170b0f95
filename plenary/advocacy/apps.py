from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "plenary.advocacy"
    verbose_name = "Advocacy"

    def ready(self) -> None:
        from plenary.advocacy.services.red_lines import reflag_on_publication
        from plenary.text.signals import version_published

        version_published.connect(reflag_on_publication, dispatch_uid="advocacy-reflag")
