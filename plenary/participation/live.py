"""The live room: after an agenda item's floor changes, everyone watching that item hears of it.

Sent only after the transaction commits (an event written with the change, handled by the app
at once, or by the worker if the app could not), so that a watcher never sees a change that was
rolled back and no change goes unheard. The message carries the state (the item's status, the
paragraph under discussion, who has the floor since when and for how long, the list) and the
room as it is shown, rendered once per language on the server: a watcher's page swaps it in
without asking the server for anything. Each language has its own group, and each message is
encoded to JSON once, by the sender: a room of a thousand watchers then hands the same text to
each of them."""

import asyncio
import json
import os
import threading
import zoneinfo
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy

from plenary.audit import state as record_state
from plenary.audit.models import AuditEntry
from plenary.outbox.events import handles
from plenary.outbox.models import Event
from plenary.page_cache import keep_live_part, renders_live_part
from plenary.participation.models import AgendaItem, FloorStatus, SpeakerGroup
from plenary.participation.services.agenda import arrangements_for, room_outline
from plenary.participation.services.announcing import FLOOR_CHANGED
from plenary.participation.services.speakers import speakers_list, speaking_limit
from plenary.participation.visibility import room_audience
from plenary.text.models import Version
from plenary.text.provisions import current_version
from plenary.translations import LANGUAGES

# A room's first message outlives its state only until the record changes again, and a room
# nobody joins is not worth keeping long.
ROOM_KEPT_SECONDS = 600


def room_group(item_pk: int, language: str = settings.LANGUAGE_CODE) -> str:
    """One group per item and language: each watcher gets the room in their own language."""
    return f"floor-{item_pk}-{language}"


def room_version(item: AgendaItem) -> Version | None:
    """The latest version everyone in the item's room may see."""
    return current_version(item.session.negotiation, room_audience(item.session))


def _under_discussion(item: AgendaItem, latest: Version | None) -> dict[str, Any] | None:
    """The paragraph under discussion, named and worded as in the text all watchers see, with
    its page in the room's text (`latest`, see room_version)."""
    if item.under_discussion_id is None:
        return None
    negotiation = item.session.negotiation
    outline = room_outline(item.session)
    part = outline.get(item.under_discussion_id)
    url = None
    if part is not None and item.session.is_closed:
        url = reverse("draft-paragraph", args=[negotiation.slug, part.provision])
    elif part is not None:
        latest = latest or room_version(item)
        if latest is not None:
            url = reverse("version-paragraph", args=[negotiation.slug, latest.pk, part.eid])
    return {
        "provision": item.under_discussion_id,
        "eid": part.eid if part else "",
        # Named in each watcher's language when the room is rendered (see floor_state).
        "label": lazy(outline.label, str)(part.provision) if part else "",
        "text": part.text if part else None,
        "url": url,
    }


def room_context(item: AgendaItem, latest: Version | None = None) -> dict[str, Any]:
    """What the room shows, the same for every watcher: nothing here depends on who looks.
    `latest` is the room's text (room_version), when the caller has read it already."""
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
        # Looked up for each row: a model's get_..._display() costs more than the rest of it.
        "groups": dict(SpeakerGroup.choices),
        "statuses": dict(FloorStatus.choices),
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
    discussed = context["under_discussion"]
    return {
        "item": item.pk,
        "status": item.status,
        "under_discussion": discussed and discussed | {"label": str(discussed["label"])},
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


def room_part(item: AgendaItem) -> str:
    """The name of the room as a live part of its speakers' list (plenary/page_cache.py)."""
    return f"room-{item.pk}"


@renders_live_part("room")
def _render_room_part(pk: str, language: str) -> str | None:
    """The room of the item `pk`, for its speakers' list kept under an earlier state."""
    item = AgendaItem.objects.select_related("session__negotiation").filter(pk=pk).first()
    return render_room(room_context(item), language) if item is not None else None


def room_json(context: dict[str, Any], language: str, html: str | None = None) -> str:
    """The message of the room in one language: its state and its HTML (`html`, if rendered
    already), as JSON."""
    with translation.override(language):
        state = floor_state(context)
    return json.dumps(state | {"html": render_room(context, language) if html is None else html})


def room_message(item: AgendaItem, language: str) -> str:
    """One watcher's message on connecting: the state and the room in their language. The same
    for everyone as long as the record is unchanged, so it is rendered once per state and
    language, not once per watcher: when a session opens, a thousand watchers connect at once.
    The state is read before the room, so a message is never older than the state it is kept
    under (plenary/audit/state.py)."""
    key = f"live-room:{item.pk}:{language}:{record_state.current().token}"
    message = cache.get(key)
    if message is None:
        message = room_json(room_context(item), language)
        cache.set(key, message, ROOM_KEPT_SECONDS)
    return message


@handles(FLOOR_CHANGED, inline=True)
def tell_the_room(event: Event) -> None:
    """Send the room, as committed, to everyone watching it, in each language, and keep it as
    the live part of the item's speakers' list (so that the crowd's next look at that page
    renders nothing). Sending it again is harmless: it is the whole current state, not a
    change."""
    item = (
        AgendaItem.objects.select_related("session__negotiation")
        .filter(pk=event.payload["item"])
        .first()
    )
    if item is None:
        return
    # Read before the room, so that the part is never older than the state it is kept under.
    state = record_state.current()
    context = room_context(item)
    rooms = {language: render_room(context, language) for language in LANGUAGES}
    keep_live_part(room_part(item), state, rooms)
    layer = get_channel_layer()
    if layer is None:
        return
    messages = {
        room_group(item.pk, language): {
            "type": "floor.changed",
            "text": room_json(context, language, html),
        }
        for language, html in rooms.items()
    }

    async def send() -> None:
        await asyncio.gather(*(layer.group_send(g, m) for g, m in messages.items()))

    if isinstance(layer, InMemoryChannelLayer):
        # The watchers' queues belong to the server's event loop: only it may fill them. All
        # six at once, in one passage to that loop rather than one per language.
        async_to_sync(send)()
    else:
        # Published to Redis from a loop of the room's own: the server's loop, busy with the
        # crowd's requests, took a passage per message and per answer from Redis (hundreds of
        # milliseconds under bench/public_pages_load.py --live-room); each server's loop then
        # only hands the message to its watchers.
        sent = asyncio.run_coroutine_threadsafe(send(), _publishing_loop())
        try:
            sent.result(timeout=PUBLISHING_SECONDS)
        except TimeoutError:
            sent.cancel()
            raise


# At most this long to hand a change to Redis; then the event is handled again (the outbox).
PUBLISHING_SECONDS = 10
_publishing: tuple[int, asyncio.AbstractEventLoop] | None = None
_starting = threading.Lock()


def _publishing_loop() -> asyncio.AbstractEventLoop:
    """This process's loop for publishing the room's messages, in a thread of its own (made
    again in a process forked from one that had it)."""
    global _publishing
    with _starting:
        if _publishing is None or _publishing[0] != os.getpid():
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="live-room", daemon=True).start()
            _publishing = (os.getpid(), loop)
        return _publishing[1]
