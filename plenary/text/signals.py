"""What the text tells other parts of Plenary, without knowing who listens."""

from django.db import transaction
from django.dispatch import Signal

# Sent once a version is public, after its transaction commits: `version=` the Version.
version_published = Signal()


def announce_published(version: object) -> None:
    """Tell listeners about a newly public version once the current transaction commits."""
    transaction.on_commit(lambda: version_published.send(sender=type(version), version=version))
