"""WebSocket of the live room of an agenda item: watchers are told when the floor changes.

A closed session's room refuses stakeholders and the public, as its pages do (404 there), and so
does an item asked for through another session's address. A watcher names the language of its
page (`?lang=fr`) and joins that language's group, so it gets the room ready to show."""

from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from plenary.errors import NotFound
from plenary.participation.live import room_group, room_message
from plenary.participation.visibility import get_agenda_item
from plenary.process.visibility import get_negotiation, get_visible_session
from plenary.translations import supported_language

# Close code for "there is no such room for you", in the range left to applications.
NO_SUCH_ROOM = 4404


@database_sync_to_async
def _visible_room(user: Any, slug: str, pk: int, item_pk: int, language: str) -> str | None:
    try:
        session = get_visible_session(user, get_negotiation(slug), pk)
        return room_message(get_agenda_item(session, item_pk), language)
    except NotFound:
        return None


class FloorConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        kwargs = self.scope["url_route"]["kwargs"]
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        language = supported_language((query.get("lang") or [""])[0])
        # In the group before the room is read: a change made meanwhile is then sent too.
        group = room_group(kwargs["item_pk"], language)
        await self.channel_layer.group_add(group, self.channel_name)
        first = await _visible_room(
            self.scope.get("user"), kwargs["slug"], kwargs["pk"], kwargs["item_pk"], language
        )
        if first is None:
            await self.channel_layer.group_discard(group, self.channel_name)
            await self.close(code=NO_SUCH_ROOM)
            return
        self.group = group
        await self.accept()
        await self.send(text_data=first)

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def dispatch(self, message: dict[str, Any]) -> None:
        # Handing on a floor change touches no database, so it skips the base class's hop to the
        # database thread (to close old connections) that every message would otherwise take:
        # those hops are taken one at a time, and a room's fan-out would wait on all of them.
        if message["type"] == "floor.changed":
            await self.floor_changed(message)
        else:
            await super().dispatch(message)

    async def floor_changed(self, event: dict[str, Any]) -> None:
        await self.send(text_data=event["text"])
