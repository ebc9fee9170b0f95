"""The live room: after an agenda item's floor changes, everyone watching that item hears of it.

Sent only after the transaction commits (an event written with the change, handled by the app
at once, or by the worker if the app could not), so that a watcher never sees a change that was
rolled back and no change goes unheard. The message carries the state (the item's status, the
paragraph under discussion, who has the floor since when and for how long, the list) and the
room as it is shown, rendered once per language on the server: a watcher's page swaps it in
without asking the server for anything. Each language has its own group, and each message is
encoded to JSON once, by the sender: a room of a thousand watchers then hands the same text to
each of them."""

import json
import zoneinfo
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from plenary.audit.models import AuditEntry
from plenary.outbox.events import emit, handles
from plenary.outbox.models import Event
from plenary.participation.models import AgendaItem, FloorStatus
from plenary.participation.visibility import room_audience
from plenary.text.models import Version
from plenary.translations import LANGUAGES


def room_group(item_pk: int, language: str = settings.LANGUAGE_CODE) -> str:
    """One group per item and language: each watcher gets the room in their own language."""
    return f"floor-{item_pk}-{language}"


def room_version(item: AgendaItem) -> Version | None:
    """The latest text everyone in the item's room may see."""
    from plenary.participation.services.agenda import latest_text

    return latest_text(room_audience(item.session), item.session.negotiation)


def _under_discussion(item: AgendaItem, latest: Version | None) -> dict[str, Any] | None:
    """The paragraph under discussion, with its wording in the latest text all watchers see."""
    if not item.under_discussion:
        return None
    from plenary.text.structure import find_paragraph

    negotiation = item.session.negotiation
    version = latest or room_version(item)
    found = find_paragraph(version.content, item.under_discussion) if version else None
    wording = found[1]["text"] if found else None
    return {
        "eid": item.under_discussion,
        "text": wording,
        "url": f"{reverse('version', args=[negotiation.slug, version.pk])}#{item.under_discussion}"
        if version is not None
        else None,
    }


def room_context(item: AgendaItem, latest: Version | None = None) -> dict[str, Any]:
    """What the room shows, the same for every watcher: nothing here depends on who looks.
    `latest` is the room's text (room_version), when the caller has read it already."""
    from plenary.participation.services.agenda import arrangements_for
    from plenary.participation.services.speakers import speakers_list, speaking_limit

    arrangements = arrangements_for(item.session)
    entries = speakers_list(item)
    floor = next((e for e in entries if e.status == FloorStatus.SPEAKING), None)
    return {
        "negotiation": item.session.negotiation,
        "session": item.session,
        "item": item,
        "arrangements": arrangements,
        "entries": entries,
        "floor": floor,
        "floor_limit": speaking_limit(floor, arrangements) if floor else None,
        "limits": {e.pk: speaking_limit(e, arrangements) for e in entries},
        "under_discussion": _under_discussion(item, latest),
        # The chair's changes to the order, from the audit trail, so that everyone sees them.
        "reorders": list(
            AuditEntry.objects.filter(
                action="speakers.reordered",
                target_type=item._meta.label_lower,
                target_id=str(item.pk),
            ).order_by("at")
        ),
    }


def floor_state(context: dict[str, Any]) -> dict[str, Any]:
    """The room as data: the item's status, the paragraph, the floor and its timer, the list."""
    item, floor = context["item"], context["floor"]
    return {
        "item": item.pk,
        "status": item.status,
        "under_discussion": context["under_discussion"],
        "floor": floor.speaker_label if floor else None,
        "called_at": floor.called_at.isoformat() if floor and floor.called_at else None,
        "limit": context["floor_limit"],
        "speakers": [
            {"id": e.pk, "speaker": e.speaker_label, "status": e.status} for e in context["entries"]
        ],
    }


def render_room(context: dict[str, Any], language: str) -> str:
    """The room's HTML in one language, times in the session's own time zone."""
    with (
        translation.override(language),
        timezone.override(zoneinfo.ZoneInfo(context["session"].timezone)),
    ):
        return render_to_string("participation/_live.html", context)


def room_json(context: dict[str, Any], language: str) -> str:
    """The message of the room in one language: its state and its HTML, as JSON."""
    with translation.override(language):
        state = floor_state(context)
    return json.dumps(state | {"html": render_room(context, language)})


def room_message(item: AgendaItem, language: str) -> str:
    """One watcher's message on connecting: the state and the room in their language."""
    return room_json(room_context(item), language)


def announce(item: AgendaItem) -> None:
    """Record, in the current transaction, that the room of this agenda item changed; the app
    tells the room as soon as it commits (and the worker does, if the app could not)."""
    emit("floor.changed", negotiation=item.session.negotiation, item=item.pk)


@handles("floor.changed", inline=True)
def tell_the_room(event: Event) -> None:
    """Send the room, as committed, to everyone watching it, in each language. Sending it again
    is harmless: it is the whole current state, not a change."""
    layer = get_channel_layer()
    if layer is None:
        return
    item = AgendaItem.objects.select_related("session__negotiation").filter(
        pk=event.payload["item"]
    ).first()
    if item is None:
        return
    context = room_context(item)
    for language in LANGUAGES:
        async_to_sync(layer.group_send)(
            room_group(item.pk, language),
            {"type": "floor.changed", "text": room_json(context, language)},
        )
