"""Telling an agenda item's live room that it changed: an event in the outbox, written in the
change's own transaction; plenary.participation.live handles it."""

from plenary.outbox.events import emit
from plenary.participation.models import AgendaItem

FLOOR_CHANGED = "floor.changed"


def announce(item: AgendaItem) -> None:
    """Record, in the current transaction, that the room of this agenda item changed; the app
    tells the room as soon as it commits (and the worker does, if the app could not)."""
    emit(FLOOR_CHANGED, negotiation=item.session.negotiation, item=item.pk)
