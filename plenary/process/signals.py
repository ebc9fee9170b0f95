"""What the process tells other parts of Plenary, without knowing who listens."""

from django.db import transaction
from django.dispatch import Signal

# Sent after the transaction that changed a session commits: `session=` the Session and
# `change=` a word for what happened (updated, suspended, postponed, rescheduled, reconvened…).
session_changed = Signal()


def announce_session_changed(session: object, change: str) -> None:
    """Tell listeners that a session changed, once the current transaction commits."""
    transaction.on_commit(
        lambda: session_changed.send(sender=type(session), session=session, change=change)
    )
