"""The live room: after a speakers list changes, everyone watching that agenda item hears of it.

Sent only after the transaction commits, so that a watcher never sees a change that was rolled
back. The message says which list changed and what it now is; pages fetch the rendered list.
The state is encoded to JSON once, by the sender: a room of a thousand watchers then hands the
same text to each of them, instead of copying and encoding it a thousand times."""

import json
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from plenary.participation.models import AgendaItem, FloorStatus


def room_group(item_pk: int) -> str:
    return f"floor-{item_pk}"


def floor_state(item: AgendaItem) -> dict[str, Any]:
    """What a watcher needs: who has the floor, and the list in speaking order."""
    from plenary.participation.services.speakers import speakers_list

    entries = speakers_list(item)
    floor = next((e for e in entries if e.status == FloorStatus.SPEAKING), None)
    return {
        "item": item.pk,
        "floor": floor.speaker_label if floor else None,
        "speakers": [{"id": e.pk, "speaker": e.speaker_label, "status": e.status} for e in entries],
    }


def announce(item: AgendaItem) -> None:
    """Tell the room of this agenda item, once the change is committed."""

    def send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(
                room_group(item.pk),
                {"type": "floor.changed", "text": json.dumps(floor_state(item))},
            )

    # Robust: the change is committed either way; a room that cannot be told is logged.
    transaction.on_commit(send, robust=True)
