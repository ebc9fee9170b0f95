from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "plenary.audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        post_migrate.connect(_record_changed_by_migrating, sender=self)


def _record_changed_by_migrating(sender, using, **kwargs) -> None:
    """A migration can change rows without an audit entry, and a deployment migrates when the
    code changes: either way pages kept from before must not be served after."""
    from django.db import connections

    from plenary.audit import state

    if state.TABLE in connections[using].introspection.table_names():
        state.bump(using)
