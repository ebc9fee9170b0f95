"""What the text tells other parts of Plenary, without knowing who listens."""

from plenary.outbox.events import emit


def announce_published(version: object) -> None:
    """Record, in the current transaction, that a version is now public: the worker runs the
    handlers of `version.published` (red-line flags, followers' notifications) once it commits."""
    emit(
        "version.published",
        negotiation=version.negotiation,  # type: ignore[attr-defined]
        version=version.pk,  # type: ignore[attr-defined]
    )
