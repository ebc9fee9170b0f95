"""What the process tells other parts of Plenary, without knowing who listens."""

from plenary.outbox.events import emit


def announce_session_changed(session: object, change: str) -> None:
    """Record, in the current transaction, that a session changed; `change` is a code
    (updated, suspended, postponed, rescheduled, reconvened, concluded), never a word in
    someone's language. The worker tells the session's followers once it commits."""
    emit(
        "session.changed",
        negotiation=session.negotiation,  # type: ignore[attr-defined]
        session=session.pk,  # type: ignore[attr-defined]
        change=change,
    )
